/**
 * Characters no user text may hold, shared by the server (which refuses them) and the mini-program.
 * Control characters other than tab and line breaks corrupt exports and logs; bidirectional
 * embeddings, overrides and isolates make text read differently from what is stored
 * (`‮fdp.exe`); a lone surrogate is not a character at all and breaks UTF-8 encoders.
 */

export type UnsafeTextKind = 'control' | 'bidi' | 'surrogate';

export const UNSAFE_TEXT_LABELS: Record<UnsafeTextKind, string> = {
  control: '控制字符',
  bidi: '文字方向控制符',
  surrogate: '残缺的字符编码',
};

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The first character text must not hold (C0 controls but \t \n \r, DEL and C1, U+202A–202E, U+2066–2069, lone surrogates). */
export function unsafeTextAt(text: string): { index: number; kind: UnsafeTextKind } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return { index: i, kind: 'control' };
    }
    if (c < 0x7f) continue;
    if (c <= 0x9f) return { index: i, kind: 'control' };
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return { index: i, kind: 'bidi' };
    if (isHighSurrogate(c)) {
      if (isLowSurrogate(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      return { index: i, kind: 'surrogate' };
    }
    if (isLowSurrogate(c)) return { index: i, kind: 'surrogate' };
  }
  return undefined;
}

/** What is wrong with the text, in words a user can act on; undefined when it is fine. */
export function unsafeTextProblem(text: string): string | undefined {
  const found = unsafeTextAt(text);
  return found && `含有不可见的${UNSAFE_TEXT_LABELS[found.kind]}（第${found.index + 1}个字符），请删除后重新输入`;
}
