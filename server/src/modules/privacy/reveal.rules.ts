import { COLLEGES, DISTRICTS } from '../../contract/reference';
import { ROLE_LABELS, type Role, type StaffScope } from '../../contract/roles';

const UNIT_ORDER: readonly Role[] = ['bureau', 'district', 'college', 'admin', 'recruiter', 'student'];

/** The unit and role a person is shown for a staff member: the most senior staff role they acted in. */
export function staffUnit(roles: readonly Role[], scope: StaffScope): { unit: string; role: string } {
  const role = UNIT_ORDER.find(r => roles.includes(r)) ?? 'student';
  switch (role) {
    case 'bureau':
      return { unit: '大连市人力资源和社会保障局', role: ROLE_LABELS.bureau };
    case 'district': {
      const district = DISTRICTS.find(d => d.code === scope.districtCode)?.name;
      return { unit: district ? `${district}人力资源和社会保障局` : '区市县人力资源和社会保障局', role: ROLE_LABELS.district };
    }
    case 'college': {
      const college = COLLEGES.find(c => c.id === scope.collegeId)?.name;
      return { unit: college ? `${college}就业指导中心` : '高校就业指导中心', role: ROLE_LABELS.college };
    }
    case 'admin':
      return { unit: '留连来连平台运营', role: ROLE_LABELS.admin };
    default:
      return { unit: '—', role: ROLE_LABELS[role] };
  }
}
