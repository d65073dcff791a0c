/**
 * 居民身份证号码 (GB 11643-1999) check, shared by every module that takes an ID number
 * (profile, registry, subsidy) and usable by the mini-program for an early hint.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-cases the check character and drops spaces, so hashes of the same ID agree. */
export function normaliseResidentId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character.
 */
/** The birth date in positions 7–14 exists, is not before 1900 and not after today. */
function birthDateOk(id: string, today: Date): boolean {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  return (
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    year >= 1900 &&
    birth.getTime() <= today.getTime()
  );
}

function checkCharOf(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/**
 * 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character.
 */
export function isValidResidentId(raw: string, today: Date = new Date()): boolean {
  return residentIdProblem(raw, today) === undefined;
}

/** Why an ID number is wrong, in words a user can act on; undefined when it is valid. */
export function residentIdProblem(raw: string, today: Date = new Date()): string | undefined {
  const id = normaliseResidentId(raw);
  if (!/^\d*X?$/.test(id)) return '身份证号只能包含数字和末位的X';
  if (id.length !== 18) return `身份证号应为18位，当前${id.length}位`;
  if (id[0] === '0') return '身份证号不正确（地区码有误）';
  if (!birthDateOk(id, today)) return '身份证号中的出生日期不存在，请核对';
  if (checkCharOf(id) !== id[17]) return '身份证号校验位不符，请核对';
  return undefined;
}

/** The 18-character ID whose first 17 digits are `body` (region, birth date, sequence): its check character appended. */
export function withResidentIdCheck(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new Error('a resident ID body is 17 digits');
  return body + checkCharOf(body);
}
