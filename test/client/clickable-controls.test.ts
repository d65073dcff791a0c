import fs from 'node:fs';
import path from 'node:path';

// A Taro View (or Image, Text) with onClick is invisible to the keyboard and to screen readers: every one must
// spread `pressable(…)` (src/utils/a11y.ts), which gives it a role, a tab stop and Enter/Space. A backdrop that
// only closes a sheet (aria-hidden, the sheet has its own close control) is the exception.
const SRC = path.resolve(__dirname, '../../src');

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

/** The opening tags of Views, Images and Texts in a file, braces balanced. */
function openingTags(text: string): Array<{ line: number; tag: string }> {
  const tags: Array<{ line: number; tag: string }> = [];
  for (const match of text.matchAll(/<(View|Image|Text)\b/g)) {
    const start = match.index ?? 0;
    let depth = 0;
    let i = start + match[0].length;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0 && text[i - 1] !== '=') break;
    }
    tags.push({ line: text.slice(0, start).split('\n').length, tag: text.slice(start, i) });
  }
  return tags;
}

describe('clickable Views are real controls', () => {
  it('should spread pressable() on every View, Image or Text that handles a tap', () => {
    const offenders = tsxFiles(SRC).flatMap(file =>
      openingTags(fs.readFileSync(file, 'utf8'))
        .filter(({ tag }) => /\bonClick=/.test(tag) && !tag.includes('pressable(') && !tag.includes("aria-hidden='true'"))
        .map(({ line, tag }) => `${path.relative(SRC, file)}:${line} ${tag.replace(/\s+/g, ' ').slice(0, 100)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('should find a bare onClick in a sample, so the check above can fail', () => {
    const sample = "<View className='x' onClick={() => go()}>x</View><View {...pressable(go)}>y</View>";
    expect(openingTags(sample).filter(({ tag }) => /\bonClick=/.test(tag) && !tag.includes('pressable('))).toHaveLength(1);
  });
});
