/**
 * 统一社会信用代码 (GB 32100-2015) check, shared by the server and the mini-program so a
 * recruiter sees a typo at once; the server's check is the one that counts.
 */

/** The code's alphabet: digits and capitals without I, O, S, V, Z. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normaliseUscc(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(raw: string): boolean {
  const code = normaliseUscc(raw);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Why a code is wrong, in words a recruiter can act on; undefined when it is valid. */
export function usccProblem(raw: string): string | undefined {
  const code = normaliseUscc(raw);
  if (!code) return '请填写统一社会信用代码';
  if (code.length !== 18) return `统一社会信用代码应为18位，当前${code.length}位`;
  const bad = [...code].find(ch => !USCC_CHARS.includes(ch));
  if (bad) return `统一社会信用代码不含字符“${bad}”（不使用 I、O、S、V、Z），请核对`;
  if (!isValidUscc(code)) return '统一社会信用代码校验位不符，请核对营业执照';
  return undefined;
}
