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
export function isValidResidentId(raw: string, today: Date = new Date()): boolean {
  const id = normaliseResidentId(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    year < 1900 ||
    birth.getTime() > today.getTime()
  ) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}
