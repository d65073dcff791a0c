export const ROLES = ['student', 'recruiter', 'college', 'district', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ['college', 'district', 'bureau', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  student: '学生/毕业生',
  recruiter: '企业招聘者',
  college: '高校就业指导中心',
  district: '区市县人社局',
  bureau: '市人社局',
  admin: '平台管理员',
};

/** Where a staff role applies: one college, one district, or the whole city. */
export interface StaffScope {
  collegeId?: string;
  districtCode?: string;
}

/**
 * The roles a user has after the admin sets their staff roles: their own roles (student, recruiter)
 * stay; with none left, the user is the student every new account starts as.
 */
export function withStaffRoles(current: readonly Role[], staff: readonly StaffRole[]): Role[] {
  const kept = current.filter(r => !(STAFF_ROLES as readonly Role[]).includes(r));
  const roles = ROLES.filter(r => kept.includes(r) || (staff as readonly Role[]).includes(r));
  return roles.length > 0 ? roles : ['student'];
}
