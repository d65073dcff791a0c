import type { CollegeId, DistrictCode } from './reference';

/**
 * Growth services of the plan: career courses and advisors (action 2), training at the designated
 * institutions (action 2), startup contests, 创业诊所 and incubators (action 5), internships are in
 * the job module (action 9), stories of graduates who stayed (action 10).
 */

// ---------------------------------------------------------------------------
// Courses: career courses (公开课/直播课) and training courses of designated institutions
// ---------------------------------------------------------------------------

export const COURSE_KINDS = ['career', 'training'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

export const COURSE_FORMATS = ['video', 'live', 'onsite'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];
export const COURSE_FORMAT_LABELS: Record<CourseFormat, string> = { video: '视频课', live: '直播课', onsite: '线下课' };

export const COURSE_TOPICS = ['planning', 'experience', 'job-search', 'startup', 'city', 'skills'] as const;
export type CourseTopic = (typeof COURSE_TOPICS)[number];
export const COURSE_TOPIC_LABELS: Record<CourseTopic, string> = {
  planning: '职业规划',
  experience: '职业体验',
  'job-search': '求职技巧',
  startup: '创业培训',
  city: '市情宣传',
  skills: '技能提升',
};

export interface CourseInput {
  kind: CourseKind;
  title: string;
  summary: string;
  topic: CourseTopic;
  format: CourseFormat;
  /** Video address or live-session link (http/https); empty for an onsite course. */
  url: string;
  /** Where an onsite course takes place. */
  location: string;
  speaker: string;
  /** ISO date-time of the (first) session. */
  startsAt: string;
  durationMinutes: number;
  capacity: number;
  /** Training only: the designated institution (an `institution` content entry of type `training`). */
  institutionId?: string;
  /** Training only: hours of the whole course. */
  hours?: number;
  /** Training only: the subsidy program a graduate applies to after completing. */
  subsidyProgramId?: string;
}

/** `rejected`: a training enrolment the institution's district turned down (the seat is freed). */
export const SIGNUP_STATUSES = ['signed-up', 'completed', 'cancelled', 'rejected'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = { 'signed-up': '已报名', completed: '已结业', cancelled: '已取消', rejected: '未录取' };

/**
 * Staff edit of a course: kind and institution are fixed once published (they decide who owns it),
 * and so is the training-subsidy link (a bureau program, chosen when publishing).
 */
export type CourseUpdateInput = Omit<CourseInput, 'kind' | 'institutionId' | 'subsidyProgramId'> & {
  /** The version the editor loaded; a newer one on the server is refused (GROWTH_STALE). */
  version: number;
};

/** Cancelling a course or contest: signed-up students are told the reason. */
export interface CancelInput {
  version: number;
  reason: string;
}

export const GROWTH_ITEM_STATUSES = ['open', 'cancelled'] as const;
export type GrowthItemStatus = (typeof GROWTH_ITEM_STATUSES)[number];

export interface MySignup {
  id: string;
  status: SignupStatus;
  signedUpAt: string;
  completedAt?: string;
  /** A rejected training enrolment: the reason the student is given. */
  reason?: string;
}

export interface CourseView {
  id: string;
  kind: CourseKind;
  title: string;
  summary: string;
  topic: CourseTopic;
  format: CourseFormat;
  /** The video or live link; given to signed-up students only. */
  url?: string;
  location: string;
  speaker: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  capacity: number;
  signedUp: number;
  status: GrowthItemStatus;
  /** Why staff cancelled it. */
  cancelReason?: string;
  institutionId?: string;
  institutionName?: string;
  hours?: number;
  subsidyProgramId?: string;
  organiser: string;
  /** Staff views: send it back with an edit or a cancel. */
  version?: number;
  mine?: MySignup;
}

export interface SignupView extends MySignup {
  courseId: string;
  kind: CourseKind;
  courseTitle: string;
  startsAt: string;
  format: CourseFormat;
  institutionName?: string;
  /** Present on a completed training: where to apply for the training subsidy. */
  subsidyProgramId?: string;
  courseStatus: GrowthItemStatus;
}

/** A signed-up student as the organiser sees them. */
export interface AttendeeView {
  signupId: string;
  studentName: string;
  schoolName?: string;
  major?: string;
  status: SignupStatus;
  signedUpAt: string;
  completedAt?: string;
  reason?: string;
}

// ---------------------------------------------------------------------------
// Office hours: career advisors (职业指导师) and startup mentors (创业诊所) share one slot model
// ---------------------------------------------------------------------------

export const SLOT_KINDS = ['advisor', 'mentor'] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
export const SLOT_KIND_LABELS: Record<SlotKind, string> = { advisor: '职业指导', mentor: '创业诊所' };

export const SLOT_MODES = ['onsite', 'online'] as const;
export type SlotMode = (typeof SLOT_MODES)[number];
export const SLOT_MODE_LABELS: Record<SlotMode, string> = { onsite: '线下面谈', online: '线上咨询' };

export const SLOT_STATUSES = ['open', 'booked', 'cancelled'] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

export interface SlotBatchInput {
  kind: SlotKind;
  /** Shown to students; defaults to the creating staff member's name. */
  hostName: string;
  hostTitle: string;
  mode: SlotMode;
  /** Room or meeting link. */
  location: string;
  /** One entry per slot: ISO start and length. */
  times: Array<{ startsAt: string; durationMinutes: number }>;
}

export interface SlotView {
  id: string;
  kind: SlotKind;
  hostName: string;
  hostTitle: string;
  mode: SlotMode;
  location: string;
  startsAt: string;
  endsAt: string;
  status: SlotStatus;
  /** Advisor slots of a college are for its own students. */
  collegeId?: CollegeId;
  /** The caller holds this slot. */
  mine: boolean;
  /** Host view only. */
  booking?: { studentName: string; schoolName?: string; major?: string; note: string; bookedAt: string };
}

export interface BookSlotInput {
  /** What the student wants to talk about. */
  note: string;
}

// ---------------------------------------------------------------------------
// Startups: contests, incubator / maker-space places
// ---------------------------------------------------------------------------

export interface ContestInput {
  title: string;
  organiser: string;
  summary: string;
  /** Last day of registration (ISO date, Beijing time, inclusive). */
  registrationClosesOn: string;
  /** Official page, if any. */
  url: string;
}

export type ContestUpdateInput = ContestInput & { version: number };

export interface ContestView extends ContestInput {
  id: string;
  /** Registration is possible now: not cancelled and not past the closing day. */
  open: boolean;
  status: GrowthItemStatus;
  cancelReason?: string;
  registrations: number;
  /** Staff views: send it back with an edit or a cancel. */
  version?: number;
  mine?: ContestRegistrationView;
}

export interface ContestRegistrationInput {
  teamName: string;
  /** Names of the other members (the student registering leads the team). */
  members: string[];
  projectTitle: string;
  projectSummary: string;
}

export const REGISTRATION_STATUSES = ['submitted', 'accepted', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { submitted: '待审核', accepted: '已通过', rejected: '未通过' };

export interface ContestRegistrationView extends ContestRegistrationInput {
  id: string;
  contestId: string;
  contestTitle: string;
  leaderName: string;
  registeredAt: string;
  status: RegistrationStatus;
  statusLabel: string;
  reason?: string;
  decidedAt?: string;
}

export const PLACE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];
export const PLACE_STATUS_LABELS: Record<PlaceStatus, string> = { submitted: '待审核', approved: '已通过', rejected: '未通过' };

export interface PlaceApplicationInput {
  /** An `institution` content entry of type `incubator`. */
  institutionId: string;
  projectTitle: string;
  projectSummary: string;
  teamSize: number;
  /** Desks, a registered address, mentoring… */
  needs: string;
}

export interface PlaceApplicationView extends PlaceApplicationInput {
  id: string;
  institutionName: string;
  district?: DistrictCode;
  applicantName: string;
  status: PlaceStatus;
  statusLabel: string;
  reason?: string;
  submittedAt: string;
  decidedAt?: string;
}

export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecisionInput {
  decision: Decision;
  /** Required when rejecting; the applicant sees it. */
  reason?: string;
}

/** A training enrolment turned down by the institution's district (the seat is freed). */
export interface EnrolmentRejectInput {
  reason: string;
}

// ---------------------------------------------------------------------------
// Notices: every decision or event a student must hear about
// ---------------------------------------------------------------------------

/** The subscribe-message template students accept on the taps that lead to these events; absent when off. */
export interface GrowthNoticeConfig {
  templateId?: string;
}

// ---------------------------------------------------------------------------
// Stories of graduates who stayed (action 10)
// ---------------------------------------------------------------------------

export const STORY_STATUSES = ['draft', 'pending', 'approved', 'rejected'] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];
export const STORY_STATUS_LABELS: Record<StoryStatus, string> = {
  draft: '待上传视频',
  pending: '审核中',
  approved: '已发布',
  rejected: '未通过',
};

export const STORY_VIDEO_MAX_BYTES = 30 * 1024 * 1024;

export interface StoryInput {
  title: string;
  text: string;
}

export interface StoryView extends StoryInput {
  id: string;
  authorName: string;
  schoolName?: string;
  /** Path of the video behind the API (`/api/growth/stories/:id/video`), once uploaded. */
  videoUrl?: string;
  status: StoryStatus;
  statusLabel: string;
  reason?: string;
  likes: number;
  likedByMe: boolean;
  createdAt: string;
  publishedAt?: string;
}

export interface LikeResult {
  liked: boolean;
  likes: number;
}
