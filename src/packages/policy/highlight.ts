/** A run of a search snippet: `hit` runs were wrapped in 【】 by the server. */
export interface HighlightRun {
  text: string;
  hit: boolean;
}

/**
 * Splits a server snippet into plain and highlighted runs. An unmatched 【 or 】 is kept as
 * text (a policy title may quote 【 itself), and empty runs are dropped.
 */
export function parseHighlight(snippet: string): HighlightRun[] {
  const runs: HighlightRun[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += text;
    else runs.push({ text, hit });
  };
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf('【');
    if (open < 0) break;
    const close = rest.indexOf('】', open + 1);
    if (close < 0) break;
    // A nested 【 before the close: the first one was a literal bracket.
    const inner = rest.slice(open + 1, close);
    const nested = inner.lastIndexOf('【');
    const start = nested >= 0 ? open + 1 + nested : open;
    push(rest.slice(0, start), false);
    push(rest.slice(start + 1, close), true);
    rest = rest.slice(close + 1);
  }
  push(rest, false);
  return runs;
}

/** The snippet without marks, e.g. for a share title or an accessibility label. */
export function plainSnippet(snippet: string): string {
  return parseHighlight(snippet).map(r => r.text).join('');
}
