import type { StudentProfile } from '../../contract/user';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-cases the check character and drops spaces, so hashes of the same ID agree. */
export function normaliseResidentId(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date,
 * 3-digit sequence, ISO 7064 MOD 11-2 check character.
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

/** Mainland mobile number, with or without +86. Returns the 11 digits or null. */
export function normaliseMobile(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function maskResidentId(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Bank card: only the last four digits stay visible. */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

const REQUIRED_PROFILE_FIELDS = [
  'name',
  'schoolName',
  'degree',
  'major',
  'graduationYear',
  'originProvince',
  'originCity',
] as const satisfies ReadonlyArray<keyof StudentProfile>;

export function missingProfileFields(profile: Partial<StudentProfile> | undefined): Array<keyof StudentProfile> {
  return REQUIRED_PROFILE_FIELDS.filter(field => {
    const value = profile?.[field];
    return value === undefined || value === null || value === '';
  });
}

export function isProfileComplete(profile: Partial<StudentProfile> | undefined): boolean {
  return missingProfileFields(profile).length === 0;
}

/** A college role needs its college, a district role its district. */
export function scopeProblem(
  roles: readonly string[],
  scope: { collegeId?: string; districtCode?: string },
): { field: string; message: string } | null {
  if (roles.includes('college') && !scope.collegeId) {
    return { field: 'scope.collegeId', message: '高校角色必须指定所属高校' };
  }
  if (roles.includes('district') && !scope.districtCode) {
    return { field: 'scope.districtCode', message: '区市县角色必须指定所属区市县' };
  }
  return null;
}
