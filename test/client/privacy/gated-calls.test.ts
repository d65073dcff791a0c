import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '../../../src');
/** WeChat APIs gated by the privacy guide (shared/docs/wechat-platform.md §1.6) that this app may call. */
const GATED = /\b(?:Taro|wx)\.(chooseMessageFile|chooseMedia|chooseImage|chooseVideo|scanCode|saveImageToPhotosAlbum|saveVideoToPhotosAlbum|setClipboardData|getClipboardData|getLocation|chooseLocation|chooseAddress|startRecord)\(/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('privacy-gated calls', () => {
  it('should all go through gated() in src/services/privacy.ts, so a refusal is explained in Chinese', () => {
    const stray: string[] = [];
    let found = 0;
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(GATED)) {
        found += 1;
        const before = text.slice(Math.max(0, (match.index ?? 0) - 40), match.index);
        if (!/gated\([^)]*\(\)\s*=>\s*$/.test(before)) stray.push(`${relative(SRC, file)}: ${match[0]}`);
      }
    }
    expect(stray).toEqual([]);
    // The scan sees the calls it guards (files, media, scan code, clipboard).
    expect(found).toBeGreaterThanOrEqual(7);
  });
});
