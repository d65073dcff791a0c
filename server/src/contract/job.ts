import type { Degree, DistrictCode } from './reference';
import type { ResponsivenessBadge } from './responsiveness';
import { monthDayTime } from './time';

export const JOB_KINDS = [
  'fulltime',
  'traineeship',
  'internship',
  'public-sector',
  'community',
  'grassroots',
  'research-assistant',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_KIND_LABELS: Record<JobKind, string> = {
  fulltime: '全职',
  traineeship: '就业见习',
  internship: '实习',
  'public-sector': '机关事业单位',
  community: '社区工作者',
  grassroots: '基层服务岗位',
  'research-assistant': '科研助理',
};

export interface JobSummary {
  id: string;
  kind: JobKind;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  district: DistrictCode;
  headcount: number;
  tags: string[];
  deadline: string;
  publishedAt: string;
  /** Present on "recommended for me": why it matched. */
  reasons?: string[];
  score?: number;
  /** How quickly the enterprise answers (通常 2 天内反馈); present once it has enough data (contract/responsiveness.ts). */
  responsiveness?: ResponsivenessBadge;
}

export interface JobDetail extends JobSummary {
  description: string;
  /** 岗位职责; empty on jobs stored before it was required. */
  duties: string;
  /** 任职要求; empty on jobs stored before it was required. */
  requirements: string;
  majors: string[];
  address: string;
  contactPolicy: string;
  /** Where a reposted job was first published (人社厅发〔2025〕60号: reposts name their source). */
  repostSource?: string;
}

/** Search and sort options of the public feed. */
export const JOB_SORTS = ['newest', 'match'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

export const ENTERPRISE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** Size bands of 统计上大中小微型企业划分办法, as a recruiter knows them (headcount). */
export const ENTERPRISE_SIZES = ['20人以下', '20-99人', '100-499人', '500人以上'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

/** Kinds of employer (企业性质) a recruiter picks from. */
export const ENTERPRISE_OWNERSHIPS = ['国有企业', '民营企业', '外资企业', '中外合资企业', '事业单位', '机关', '社会组织', '其他'] as const;
export type EnterpriseOwnership = (typeof ENTERPRISE_OWNERSHIPS)[number];

export interface EnterpriseInput {
  name: string;
  uscc: string;
  district: DistrictCode;
  /** One of the active `industry` reference items. */
  industry: string;
  /** One of ENTERPRISE_SIZES (records from before the list may hold other text). */
  size: string;
  /** One of ENTERPRISE_OWNERSHIPS. */
  ownership: string;
  /** Active `chain` reference items ("15+N" industry chains). */
  chainTags: string[];
  /** An active `category` reference item (老/原/新). */
  category?: string;
}

export interface EnterpriseView extends EnterpriseInput {
  id: string;
  status: EnterpriseStatus;
  rejectReason?: string;
  recruiterCount: number;
  hasLicence: boolean;
  createdAt: string;
}

export interface EnterpriseDecision {
  decision: 'verify' | 'reject';
  reason?: string;
}

export interface JobInput {
  kind: JobKind;
  title: string;
  /** Anything else worth saying (benefits, team); may be empty. */
  description: string;
  /** 岗位职责. */
  duties: string;
  /** 任职要求. */
  requirements: string;
  /** Base monthly pay, yuan: not below Dalian's minimum wage, the maximum within MAX_PAY_MULTIPLE × the minimum. */
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  majors: string[];
  headcount: number;
  district: DistrictCode;
  address: string;
  deadline: string;
  contactPolicy: string;
  tags: string[];
  /** True when the job was first published elsewhere; then `repostSource` names where. */
  repost: boolean;
  repostSource?: string;
}

/**
 * What a recruiter submits: the rules' required fields may be missing, so that every missing field and
 * every offending phrase is named in one answer (contract/job-posting.ts), not the first one alone.
 */
export type JobDraft = Omit<JobInput, JobRequiredField> & Partial<Pick<JobInput, JobRequiredField>>;

/** Fields a posting must state (人社厅发〔2025〕60号): employer (the enterprise), headcount, duties, requirements, location, base pay, expiry. */
export const JOB_REQUIRED_FIELDS = ['duties', 'requirements', 'headcount', 'district', 'address', 'salaryMin', 'salaryMax', 'deadline'] as const;
export type JobRequiredField = (typeof JOB_REQUIRED_FIELDS)[number];

/** A recruiter's own job, any status. */
export interface RecruiterJob extends JobDetail {
  status: 'draft' | 'published' | 'closed' | 'taken-down' | 'frozen' | 'filled';
  applicationCount: number;
  hiredCount: number;
  /** Why students cannot see this published job now (the recruiter's real-name check lapsed, 异常名录). */
  hiddenBecause?: JobHold[];
}

/** Holds that hide a published job from students without changing its status; lifted when the cause ends. */
export const JOB_HOLDS = ['real-name-lapsed', 'real-name-withdrawn', 'abnormal-enterprise', 'abnormal-person'] as const;
export type JobHold = (typeof JOB_HOLDS)[number];
export const JOB_HOLD_LABELS: Record<JobHold, string> = {
  'real-name-lapsed': '招聘者实名认证已过期，重新认证后恢复展示',
  'real-name-withdrawn': '招聘者撤回了实名认证的单独同意，重新同意并认证后恢复展示',
  'abnormal-enterprise': '企业被列入异常名录',
  'abnormal-person': '发布岗位的招聘者被列入异常名录',
};

/** A recruiter's real-name check (WeChat-verified phone + resident ID), renewed every six months. */
export const REAL_NAME_STATES = ['none', 'current', 'expiring', 'lapsed', 'revoked'] as const;
export type RealNameState = (typeof REAL_NAME_STATES)[number];

export interface RealNameStatus {
  state: RealNameState;
  /** Masked: 张* and 2102**********123X. */
  name?: string;
  idNumber?: string;
  verifiedAt?: string;
  expiresAt?: string;
  /** Whether the account's phone was verified by WeChat (needed to verify). */
  phoneVerified: boolean;
  /** Days before expiry from which the recruiter is reminded and may renew. */
  remindDays: number;
}

export interface RealNameInput {
  name: string;
  idNumber: string;
}

/** 异常名录: an enterprise by credit code or a person by resident-ID hash. */
export const ABNORMAL_KINDS = ['enterprise', 'person'] as const;
export type AbnormalKind = (typeof ABNORMAL_KINDS)[number];

export interface AbnormalEntry {
  id: string;
  kind: AbnormalKind;
  /** The credit code, or the masked ID number (the full number is never stored). */
  subject: string;
  /** The enterprise's or person's name as staff entered it. */
  name: string;
  reason: string;
  /** What the listing rests on (a penalty decision's number, complaint numbers, an inspection record). */
  evidence: string;
  listedAt: string;
  listedBy: string;
}

export interface AbnormalEntryInput {
  kind: AbnormalKind;
  /** A credit code (enterprise) or a resident ID number (person, hashed on arrival). */
  subject: string;
  name: string;
  reason: string;
  evidence?: string;
}

/** `unanswered` (未反馈) is not a recruiter's step: an application left untouched too long is closed as such. */
export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'hired', 'rejected', 'unanswered'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已投递',
  viewed: '已查看',
  interview: '面试',
  hired: '录用',
  rejected: '不合适',
  unanswered: '未反馈',
};

/** The steps a recruiter can take (not 已投递, the student's, nor 未反馈, the clock's). */
export type RecruiterStep = Exclude<ApplicationStatus, 'submitted' | 'unanswered'>;

/** 已投递 → 已查看 → 面试 → 录用 / 不合适: where a recruiter may move an application from each status. */
export const APPLICATION_NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['viewed', 'rejected'],
  viewed: ['interview', 'rejected'],
  interview: ['hired', 'rejected'],
  hired: [],
  rejected: [],
  unanswered: [],
};

export interface ApplicationStep {
  status: ApplicationStatus;
  note?: string;
  at: string;
}

export const INTERVIEW_MODES = ['onsite', 'online'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];
export const INTERVIEW_MODE_LABELS: Record<InterviewMode, string> = { onsite: '现场面试', online: '线上面试' };

/** What a candidate needs to attend an interview; sent with 邀请面试 and shown in 我的投递 and the notice. */
export interface InterviewInvitation {
  /** ISO instant; shown in Beijing time. */
  startsAt: string;
  mode: InterviewMode;
  /** The address (building, room) for 现场面试; the meeting link or meeting number for 线上面试. */
  location: string;
  contactName: string;
  /** A mobile or landline number the candidate can call. */
  contactPhone: string;
  message?: string;
}

/** A mobile number, or a landline with its area code (0411-12345678), optionally with an extension. */
export const INTERVIEW_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** `12月9日 14:00（北京时间）`: when the interview starts. */
export function interviewTime(invitation: Pick<InterviewInvitation, 'startsAt'>): string {
  return `${monthDayTime(new Date(invitation.startsAt))}（北京时间）`;
}

/** The invitation's facts as labelled lines, in the order a candidate reads them. */
export function interviewLines(invitation: InterviewInvitation): Array<{ label: string; value: string }> {
  return [
    { label: '时间', value: interviewTime(invitation) },
    { label: '方式', value: INTERVIEW_MODE_LABELS[invitation.mode] },
    { label: invitation.mode === 'online' ? '会议链接' : '地点', value: invitation.location },
    { label: '联系人', value: `${invitation.contactName} ${invitation.contactPhone}` },
    ...(invitation.message?.trim() ? [{ label: '说明', value: invitation.message.trim() }] : []),
  ];
}

/** The invitation in one sentence (a notice's summary). */
export function interviewSentence(invitation: InterviewInvitation): string {
  return interviewLines(invitation)
    .map(l => `${l.label}：${l.value}`)
    .join('；');
}

/** What the student sees of their application. */
export interface MyApplication {
  id: string;
  job: Pick<JobSummary, 'id' | 'title' | 'enterpriseName' | 'kind' | 'district'>;
  status: ApplicationStatus;
  steps: ApplicationStep[];
  /** The latest interview invitation, once the recruiter invited. */
  interview?: InterviewInvitation;
  hasResume: boolean;
  createdAt: string;
}

/**
 * Where an application was made, when it came from a live session: a job card in the room (`live`), a job
 * card under the replay (`replay`), or the job page opened from the room (`live-job-page`).
 */
export const APPLICATION_SOURCE_KINDS = ['live', 'replay', 'live-job-page'] as const;
export type ApplicationSourceKind = (typeof APPLICATION_SOURCE_KINDS)[number];

export interface ApplicationSource {
  kind: ApplicationSourceKind;
  sessionId: string;
  /** The session's title when the student applied. */
  sessionTitle: string;
}

/** The recruiter's tag: 来自直播「…」 (room or a job page opened from it) or 来自回放「…」. */
export function applicationSourceLabel(source: ApplicationSource): string {
  return `${source.kind === 'replay' ? '来自回放' : '来自直播'}「${source.sessionTitle}」`;
}

/** What the recruiter sees of an applicant (never another enterprise's). */
export interface Applicant {
  id: string;
  jobId: string;
  jobTitle: string;
  status: ApplicationStatus;
  steps: ApplicationStep[];
  hasResume: boolean;
  profile: {
    name: string;
    schoolName: string;
    degree: Degree;
    major: string;
    graduationYear: number;
  };
  /** The live session it came from; absent for an application made elsewhere. */
  source?: ApplicationSource;
  interview?: InterviewInvitation;
  createdAt: string;
}

export interface ApplicationMove {
  to: ApplicationStatus;
  note?: string;
  /** Required with `interview`, refused with any other step. */
  interview?: InterviewInvitation;
}

export interface JobReportInput {
  reason: string;
}

/** 综合招聘会 (monthly), 专场 (weekly), 进校园, 网络招聘会. */
export const FAIR_KINDS = ['comprehensive', 'special', 'campus', 'online'] as const;
export type FairKind = (typeof FAIR_KINDS)[number];
export const FAIR_KIND_LABELS: Record<FairKind, string> = {
  comprehensive: '综合招聘会',
  special: '专场招聘会',
  campus: '进校园招聘会',
  online: '网络招聘会',
};

export interface FairInput {
  kind: FairKind;
  title: string;
  description: string;
  startAt: string;
  endAt: string;
  /** Venue address; "线上" for online fairs. */
  venue: string;
  district?: DistrictCode;
  boothCapacity: number;
}

export interface FairView extends FairInput {
  id: string;
  boothCount: number;
  registrationCount: number;
}

export interface FairBoothInput {
  jobIds: string[];
}

export interface FairBoothView {
  id: string;
  fairId: string;
  enterpriseId: string;
  enterpriseName: string;
  jobIds: string[];
  /** The booth's jobs that are still open (closed ones drop out). */
  jobs: Array<Pick<JobSummary, 'id' | 'title' | 'kind' | 'salaryMin' | 'salaryMax' | 'education'>>;
}

/** A student registered for a fair, as its organiser sees them. */
export interface FairRegistrant {
  id: string;
  name: string;
  schoolName: string;
  degree?: Degree;
  major: string;
  registeredAt: string;
  checkedInAt?: string;
}

/** A fair as one person sees it: a signed-in student's own registration comes with it. */
export interface FairDetail extends FairView {
  myRegistration?: { registeredAt: string; checkedInAt?: string };
}

export interface MyFair {
  fair: FairView;
  registeredAt: string;
  checkedInAt?: string;
}

/** What the organiser's scanner shows: who just checked in. */
export interface FairCheckInResult extends MyFair {
  student: FairRegistrant;
}

/** A signed, single-use, expiring check-in token; the mini-program renders it as a QR code. */
export interface FairTicket {
  token: string;
  expiresAt: string;
}

export interface FairCheckIn {
  token: string;
}
