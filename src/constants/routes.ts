// app.config.ts reads this table at build time, in Node: import nothing that needs Taro
// (navigation lives in services/navigation.ts) and only relative paths for runtime imports.
import type { ActionNo, ContentKind } from '@contract/policy';
import type { CourseKind, SlotKind } from '@contract/growth';
import { queryString, type QueryValue } from '../utils/query';

/** Tab pages, in tab-bar order. WeChat requires them in the main package. */
export const TAB_NAMES = ['home', 'jobs', 'live', 'mine'] as const;
export type TabName = (typeof TAB_NAMES)[number];

/** One subpackage per domain: name → root. */
export const SUBPACKAGES = {
  account: 'packages/account',
  policy: 'packages/policy',
  job: 'packages/job',
  subsidy: 'packages/subsidy',
  complaint: 'packages/complaint',
  statistics: 'packages/statistics',
  registry: 'packages/registry',
  support: 'packages/support',
  recruiter: 'packages/recruiter',
  notice: 'packages/notice',
  live: 'packages/live',
  growth: 'packages/growth',
  moderation: 'packages/moderation',
} as const;
export type SubpackageName = keyof typeof SUBPACKAGES;

/** Query parameters of each non-tab page (`void`: none). */
export interface PageParams {
  login: void;
  profile: void;
  privacy: void;
  privacyGuide: void;
  dataViews: void;
  accountDeletion: void;
  policyList: { kind: ContentKind; action?: ActionNo };
  policyDetail: { id: string };
  policySearch: { q?: string; mode?: 'all' | 'forMe' };
  favourites: void;
  inbox: void;
  noticeSettings: void;
  /** `n`: the digest's inbox item (as a subscribe card names it). */
  noticeDigest: { n: string };
  staffContents: void;
  staffContentEdit: { id?: string; kind?: ContentKind };
  staffContentPushes: { id: string };
  /** Opened from a live room or its replay: the session and how, so an application names its source. */
  jobDetail: { id: string; liveSessionId?: string; via?: 'replay' | 'live-job-page' };
  myApplications: void;
  subsidyPrograms: void;
  subsidyGuide: { programId: string };
  subsidyApply: { programId: string };
  subsidyApplications: void;
  subsidyEnterprisePrograms: void;
  subsidyEnterpriseApply: { programId: string };
  subsidyEnterpriseApplications: void;
  /** From a live room's 举报: the session, the stream or one card (`jobId`), and the moment of the tap (epoch ms). */
  complaintNew: { jobId?: string; liveSessionId?: string; liveTarget?: 'stream' | 'job'; shownAt?: string };
  subsidyNotices: void;
  myComplaints: void;
  complaintDetail: { id: string };
  complaintHotlines: void;
  staffComplaints: void;
  staffComplaintDetail: { id: string };
  staffSubsidyQueue: void;
  staffSubsidyReview: { id: string };
  staffSubsidyBatches: void;
  staffSubsidyLimits: void;
  staffSubsidyCalendar: void;
  staffSubsidyOffers: void;
  staffSubsidyNotices: void;
  staffDashboard: void;
  /** The year to open (default: this year). */
  staffTargets: { year?: number };
  staffUsers: void;
  registryGraduates: void;
  registryInsurance: void;
  supportCases: void;
  supportCase: { id: string };
  supportMine: void;
  supportRegister: void;
  fairs: void;
  fairDetail: { id: string };
  myFairs: void;
  recruiterJobs: void;
  recruiterEnterprise: void;
  recruiterRealName: void;
  recruiterJobEdit: { id?: string };
  recruiterApplicants: { jobId: string };
  recruiterFairs: void;
  staffEnterprises: void;
  staffReportedJobs: void;
  staffMedia: void;
  staffSlowEnterprises: void;
  staffFairs: void;
  staffFairDetail: { id: string };
  staffFairCheckIn: { id: string };
  staffReference: void;
  staffAbnormalList: void;
  staffMinimumWages: void;
  liveRoom: { id: string };
  liveManage: void;
  liveSchedule: void;
  liveHost: { id: string };
  liveReview: void;
  growth: void;
  growthCourses: { kind: CourseKind };
  growthSlots: { kind: SlotKind };
  growthContests: void;
  growthIncubators: void;
  growthStories: void;
  growthStoryNew: { id?: string };
  growthMine: void;
  growthStaff: void;
}
export type PageName = keyof PageParams;
export type RouteName = TabName | PageName;

/** Page paths as app.json lists them (no leading slash). The first one is the launch page. */
export const ROUTES: Record<RouteName, string> = {
  home: 'pages/home/index',
  jobs: 'pages/jobs/index',
  live: 'pages/live/index',
  mine: 'pages/mine/index',
  login: 'packages/account/pages/login/index',
  profile: 'packages/account/pages/profile/index',
  privacy: 'packages/account/pages/privacy/index',
  privacyGuide: 'packages/account/pages/privacy-guide/index',
  dataViews: 'packages/account/pages/data-views/index',
  accountDeletion: 'packages/account/pages/delete/index',
  policyList: 'packages/policy/pages/list/index',
  policyDetail: 'packages/policy/pages/detail/index',
  policySearch: 'packages/policy/pages/search/index',
  favourites: 'packages/policy/pages/favourites/index',
  inbox: 'packages/notice/pages/inbox/index',
  noticeSettings: 'packages/notice/pages/settings/index',
  noticeDigest: 'packages/notice/pages/digest/index',
  staffContents: 'packages/policy/pages/staff-list/index',
  staffContentEdit: 'packages/policy/pages/staff-edit/index',
  staffContentPushes: 'packages/policy/pages/staff-pushes/index',
  jobDetail: 'packages/job/pages/detail/index',
  myApplications: 'packages/job/pages/applications/index',
  subsidyPrograms: 'packages/subsidy/pages/programs/index',
  subsidyApply: 'packages/subsidy/pages/apply/index',
  subsidyGuide: 'packages/subsidy/pages/guide/index',
  subsidyApplications: 'packages/subsidy/pages/applications/index',
  subsidyNotices: 'packages/subsidy/pages/notices/index',
  subsidyEnterprisePrograms: 'packages/subsidy/pages/enterprise/index',
  subsidyEnterpriseApply: 'packages/subsidy/pages/enterprise-apply/index',
  subsidyEnterpriseApplications: 'packages/subsidy/pages/enterprise-applications/index',
  complaintNew: 'packages/complaint/pages/new/index',
  myComplaints: 'packages/complaint/pages/mine/index',
  complaintDetail: 'packages/complaint/pages/detail/index',
  complaintHotlines: 'packages/complaint/pages/hotlines/index',
  staffComplaints: 'packages/complaint/pages/staff-queue/index',
  staffComplaintDetail: 'packages/complaint/pages/staff-detail/index',
  staffSubsidyQueue: 'packages/subsidy/pages/staff-queue/index',
  staffSubsidyReview: 'packages/subsidy/pages/staff-review/index',
  staffSubsidyBatches: 'packages/subsidy/pages/staff-batches/index',
  staffSubsidyLimits: 'packages/subsidy/pages/staff-limits/index',
  staffSubsidyCalendar: 'packages/subsidy/pages/staff-calendar/index',
  staffSubsidyOffers: 'packages/subsidy/pages/staff-offers/index',
  staffSubsidyNotices: 'packages/subsidy/pages/staff-notices/index',
  staffDashboard: 'packages/statistics/pages/staff-dashboard/index',
  staffTargets: 'packages/statistics/pages/staff-targets/index',
  staffUsers: 'packages/account/pages/staff-users/index',
  registryGraduates: 'packages/registry/pages/staff-graduates/index',
  registryInsurance: 'packages/registry/pages/staff-insurance/index',
  supportCases: 'packages/support/pages/staff-cases/index',
  supportCase: 'packages/support/pages/staff-case/index',
  supportMine: 'packages/support/pages/mine/index',
  supportRegister: 'packages/support/pages/staff-register/index',
  fairs: 'packages/job/pages/fairs/index',
  fairDetail: 'packages/job/pages/fair-detail/index',
  myFairs: 'packages/job/pages/my-fairs/index',
  recruiterJobs: 'packages/recruiter/pages/jobs/index',
  recruiterEnterprise: 'packages/recruiter/pages/enterprise/index',
  recruiterRealName: 'packages/recruiter/pages/real-name/index',
  recruiterJobEdit: 'packages/recruiter/pages/job-edit/index',
  recruiterApplicants: 'packages/recruiter/pages/applicants/index',
  recruiterFairs: 'packages/recruiter/pages/fairs/index',
  staffEnterprises: 'packages/job/pages/staff-enterprises/index',
  staffReportedJobs: 'packages/job/pages/staff-reported-jobs/index',
  staffMedia: 'packages/moderation/pages/staff-media/index',
  staffSlowEnterprises: 'packages/job/pages/staff-slow-enterprises/index',
  staffFairs: 'packages/job/pages/staff-fairs/index',
  staffFairDetail: 'packages/job/pages/staff-fair-detail/index',
  staffFairCheckIn: 'packages/job/pages/staff-fair-checkin/index',
  staffReference: 'packages/job/pages/staff-reference/index',
  staffAbnormalList: 'packages/job/pages/staff-abnormal-list/index',
  staffMinimumWages: 'packages/job/pages/staff-minimum-wages/index',
  liveRoom: 'packages/live/pages/room/index',
  liveManage: 'packages/live/pages/manage/index',
  liveSchedule: 'packages/live/pages/schedule/index',
  liveHost: 'packages/live/pages/host/index',
  liveReview: 'packages/live/pages/staff-review/index',
  growth: 'packages/growth/pages/index/index',
  growthCourses: 'packages/growth/pages/courses/index',
  growthSlots: 'packages/growth/pages/slots/index',
  growthContests: 'packages/growth/pages/contests/index',
  growthIncubators: 'packages/growth/pages/incubators/index',
  growthStories: 'packages/growth/pages/stories/index',
  growthStoryNew: 'packages/growth/pages/story-new/index',
  growthMine: 'packages/growth/pages/mine/index',
  growthStaff: 'packages/growth/pages/staff-manage/index',
};

export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

function subpackageOf(path: string): SubpackageName | undefined {
  return (Object.keys(SUBPACKAGES) as SubpackageName[]).find(name => path.startsWith(`${SUBPACKAGES[name]}/`));
}

/** `pages` of app.config: every route outside a subpackage. */
export function mainPackagePages(): string[] {
  return ROUTE_NAMES.map(name => ROUTES[name]).filter(path => !subpackageOf(path));
}

/** `subPackages` of app.config, page paths relative to each root. */
export function subPackages(): Array<{ root: string; name: SubpackageName; pages: string[] }> {
  return (Object.keys(SUBPACKAGES) as SubpackageName[]).map(name => ({
    root: SUBPACKAGES[name],
    name,
    pages: ROUTE_NAMES
      .map(route => ROUTES[route])
      .filter(path => subpackageOf(path) === name)
      .map(path => path.slice(SUBPACKAGES[name].length + 1)),
  }));
}

export function toUrl(name: RouteName, params?: Record<string, QueryValue>): string {
  const query = queryString(params);
  return `/${ROUTES[name]}${query ? `?${query}` : ''}`;
}
