import { ROLES, type Role, type StaffScope } from '../../contract/roles';
import type { StudentProfile } from '../../contract/user';

export { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
export { maskBankAccount, maskPhone, maskResidentId } from '../../core/pii';

/** Mainland mobile number, with or without +86. Returns the 11 digits or null. */
export function normaliseMobile(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
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

/** Roles in the order of ROLES, each once, and only the scope those roles use: the form a user's roles are stored in. */
export function normaliseRoles(roles: readonly Role[], scope: StaffScope): { roles: Role[]; scope: StaffScope } {
  return {
    roles: ROLES.filter(r => roles.includes(r)),
    scope: {
      ...(roles.includes('college') && scope.collegeId ? { collegeId: scope.collegeId } : {}),
      ...(roles.includes('district') && scope.districtCode ? { districtCode: scope.districtCode } : {}),
    },
  };
}

/** Whether an assignment would change nothing (a retry, or a form saved unchanged). */
export function sameRoles(a: { roles: readonly Role[]; scope?: StaffScope }, b: { roles: readonly Role[]; scope?: StaffScope }): boolean {
  const x = normaliseRoles(a.roles, a.scope ?? {});
  const y = normaliseRoles(b.roles, b.scope ?? {});
  return x.roles.join() === y.roles.join() && x.scope.collegeId === y.scope.collegeId && x.scope.districtCode === y.scope.districtCode;
}

/** Whether the change takes the admin role away: allowed only while another admin remains. */
export function removesAdmin(before: readonly Role[], after: readonly Role[]): boolean {
  return before.includes('admin') && !after.includes('admin');
}
