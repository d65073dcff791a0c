import type { Role } from '@contract/roles';
import { STAFF_ROLES } from '@contract/roles';
import type { PageName, PageParams } from '@/constants/routes';

/** A page a member of staff opens without parameters. */
type PlainPage = { [N in PageName]: PageParams[N] extends void ? N : never }[PageName];

export interface DeskEntry {
  id: string;
  title: string;
  description: string;
  page: PlainPage;
  roles: readonly Role[];
}

/**
 * What each kind of staff (and a recruiter) does first, in the order they do it: where they land on
 * 首页 instead of the graduate's shortcuts. The same pages stay listed in 我的.
 */
export const DESK_ENTRIES: readonly DeskEntry[] = [
  { id: 'subsidy-review', title: '补贴审核', description: '待本单位审核的补贴申请', page: 'staffSubsidyQueue', roles: ['college', 'district', 'bureau'] },
  { id: 'dashboard', title: '工作目标看板', description: '留连人数、留连率与目标进度', page: 'staffDashboard', roles: ['college', 'district', 'bureau', 'admin'] },
  { id: 'complaints', title: '投诉办理', description: '就业权益投诉受理与回复', page: 'staffComplaints', roles: ['district', 'bureau'] },
  { id: 'registry', title: '毕业生实名库', description: '导入名单、查看去向', page: 'registryGraduates', roles: ['college', 'bureau', 'admin'] },
  { id: 'support', title: '离校未就业帮扶', description: '“1311”帮扶档案与回访', page: 'supportCases', roles: ['district', 'bureau', 'admin'] },
  { id: 'fairs', title: '招聘会管理', description: '发布招聘会、现场签到', page: 'staffFairs', roles: ['college', 'district', 'bureau', 'admin'] },
  { id: 'enterprises', title: '企业审核', description: '企业认证与岗位举报', page: 'staffEnterprises', roles: ['bureau', 'admin'] },
  { id: 'live-review', title: '直播审核', description: '待审核的直播带岗场次', page: 'liveReview', roles: ['bureau', 'admin'] },
  { id: 'contents', title: '政策与服务管理', description: '发布政策、服务与机构', page: 'staffContents', roles: ['college', 'district', 'bureau', 'admin'] },
  { id: 'growth', title: '成长服务管理', description: '课程、培训、大赛与孵化', page: 'growthStaff', roles: ['college', 'district', 'bureau', 'admin'] },
  { id: 'recruiter-jobs', title: '岗位与简历', description: '发布岗位、处理投递', page: 'recruiterJobs', roles: ['recruiter'] },
  { id: 'recruiter-live', title: '直播带岗', description: '预约直播、开播推流', page: 'liveManage', roles: ['recruiter'] },
  { id: 'recruiter-fairs', title: '招聘会展位', description: '预订招聘会展位', page: 'recruiterFairs', roles: ['recruiter'] },
];

/** Whether 首页 opens with the work desk: staff and recruiters, not graduates (a graduate who is also staff keeps the graduate's home). */
export function landsOnDesk(roles: readonly Role[]): boolean {
  if (roles.includes('student')) return false;
  return roles.some(r => (STAFF_ROLES as readonly Role[]).includes(r) || r === 'recruiter');
}

/** The desk's entries for these roles, each once, in the desk's order. */
export function deskEntriesFor(roles: readonly Role[]): DeskEntry[] {
  return DESK_ENTRIES.filter(e => e.roles.some(r => roles.includes(r)));
}
