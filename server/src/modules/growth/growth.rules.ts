import type { CourseInput, CourseKind, Decision, PlaceStatus, RegistrationStatus, SlotKind, StoryStatus } from '../../contract/growth';
import { SCAM_KINDS, jobContentProblems } from '../../contract/job-wording';
import { beijingDay } from '../../contract/time';

const MINUTE = 60_000;

// ---------------------------------------------------------------------------
// Time ranges and office-hour slots
// ---------------------------------------------------------------------------

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

/** Half-open ranges [start, end): a slot ending at 10:00 and one starting at 10:00 do not overlap. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export function rangeOf(startsAt: string | Date, durationMinutes: number): TimeRange {
  const start = new Date(startsAt);
  return { startsAt: start, endsAt: new Date(start.getTime() + durationMinutes * MINUTE) };
}

export interface SlotProblem {
  index: number;
  message: string;
}

/**
 * Problems of a batch of new slots for one host: each must start in the future, and none may
 * overlap another new slot or one of the host's existing (not cancelled) slots.
 */
export function slotBatchProblems(batch: readonly TimeRange[], existing: readonly TimeRange[], now: Date): SlotProblem[] {
  const problems: SlotProblem[] = [];
  batch.forEach((slot, index) => {
    if (slot.startsAt.getTime() <= now.getTime()) {
      problems.push({ index, message: `第${index + 1}个时段的开始时间已过` });
      return;
    }
    if (batch.some((other, j) => j < index && overlaps(slot, other))) {
      problems.push({ index, message: `第${index + 1}个时段与本次提交的其他时段重叠` });
      return;
    }
    if (existing.some(other => overlaps(slot, other))) {
      problems.push({ index, message: `第${index + 1}个时段与已发布的时段重叠` });
    }
  });
  return problems;
}

/** A student may book a slot that is open, not yet started, and (for a college's advisors) at their own college. */
export function slotBookable(slot: { status: string; startsAt: Date }, now: Date): boolean {
  return slot.status === 'open' && slot.startsAt.getTime() > now.getTime();
}

/** Key that lets one student hold one upcoming slot per host at a time (unique index). */
export function holdKey(hostUserId: string, studentId: string): string {
  return `${hostUserId}:${studentId}`;
}

// ---------------------------------------------------------------------------
// Courses
// ---------------------------------------------------------------------------

export function seatsLeft(course: { capacity: number; signedUp: number }): number {
  return Math.max(0, course.capacity - course.signedUp);
}

/** Sign-up closes when the course starts (a video course stays open: it has no seat limit in time). */
export function signupOpen(course: { status: string; format: string; startsAt: Date }, now: Date): boolean {
  if (course.status !== 'open') return false;
  return course.format === 'video' || course.startsAt.getTime() > now.getTime();
}

/** A student confirms a career course done once it has ended (a video course once it is released). */
export function courseFinished(course: { format: string; startsAt: Date; durationMinutes: number }, now: Date): boolean {
  const end = course.format === 'video' ? course.startsAt : rangeOf(course.startsAt, course.durationMinutes).endsAt;
  return end.getTime() <= now.getTime();
}

/** Field problems of a course that Joi cannot see: kind-specific fields and links. */
export function courseProblems(input: CourseInput): Array<{ field: keyof CourseInput; message: string }> {
  const problems: Array<{ field: keyof CourseInput; message: string }> = [];
  if (input.format !== 'onsite' && !/^https?:\/\/\S+$/i.test(input.url)) {
    problems.push({ field: 'url', message: input.format === 'video' ? '请填写视频地址（http/https）' : '请填写直播链接（http/https）' });
  }
  if (input.format === 'onsite' && !input.location.trim()) problems.push({ field: 'location', message: '请填写上课地点' });
  if (input.kind === 'training' && !input.institutionId) problems.push({ field: 'institutionId', message: '请选择定点培训机构' });
  if (input.kind === 'career' && (input.institutionId || input.subsidyProgramId)) {
    problems.push({ field: 'institutionId', message: '职业指导课程不关联培训机构或补贴项目' });
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Contests
// ---------------------------------------------------------------------------

/** Registration is open through the closing day, Beijing time. */
export function contestOpen(registrationClosesOn: string, now: Date): boolean {
  return beijingDay(now) <= registrationClosesOn;
}

// ---------------------------------------------------------------------------
// Staff decisions: incubator places and stories
// ---------------------------------------------------------------------------

export function decisionTarget(decision: Decision): Extract<PlaceStatus, 'approved' | 'rejected'> {
  return decision === 'approve' ? 'approved' : 'rejected';
}

/** A rejection must say why; the applicant sees the reason. */
export function reasonMissing(decision: Decision, reason: string | undefined): boolean {
  return decision === 'reject' && !(reason ?? '').trim();
}

const STORY_NEXT: Record<StoryStatus, readonly StoryStatus[]> = {
  draft: ['pending'],
  pending: ['approved', 'rejected'],
  approved: ['rejected'],
  rejected: [],
};

/** A published story can still be taken down (rejected with a reason); a rejected one is final. */
export function canMoveStory(from: StoryStatus, to: StoryStatus): boolean {
  return STORY_NEXT[from].includes(to);
}

export function storyStatusesBefore(to: StoryStatus): StoryStatus[] {
  return (Object.keys(STORY_NEXT) as StoryStatus[]).filter(from => STORY_NEXT[from].includes(to));
}

/**
 * The job publish check's scam words (刷单, 传销, fees from candidates, 培训贷…) applied to a story. Its
 * discrimination and hype patterns are about hiring claims, which a story does not make, so they do not count here.
 */
export function storyBannedPhrase(title: string, text: string): string | undefined {
  const problems = jobContentProblems({ title, description: text, contactPolicy: '', address: '', tags: [], majors: [] });
  return problems.find(p => SCAM_KINDS.has(p.kind))?.phrase;
}

/** ISO-BMFF video (mp4/mov family): bytes 4–7 are `ftyp`; the brand says which. */
export function isMp4(head: Buffer): boolean {
  if (head.length < 12 || head.subarray(4, 8).toString('latin1') !== 'ftyp') return false;
  const brand = head.subarray(8, 12).toString('latin1');
  return /^(isom|iso[2-9]|mp4[12]|avc1|M4V |mmp4|dash|MSNV|3gp[4-6])$/.test(brand);
}

/** The public list names an author as 李同学: the story is theirs to tell, their full name is not needed. */
export function publicName(name: string): string {
  const first = [...name.trim()][0];
  return first && /[\u3400-\u9fff]/.test(first) ? `${first}同学` : '毕业生';
}

// ---------------------------------------------------------------------------
// Staff edits: conditional on the version the editor loaded
// ---------------------------------------------------------------------------

/** Documents written before versions existed have none: they are version 0. */
export function versionFilter(version: number): Record<string, unknown> {
  return version === 0 ? { version: { $in: [0, null] } } : { version };
}

/**
 * Why an edit or cancel that matched nothing was refused, from the record as it now stands. The
 * order matters: a cancelled record is reported as cancelled even to an editor with an old version.
 */
export function editRefusal(
  current: { status: string; version?: number; signedUp?: number },
  wanted: { version: number; capacity?: number },
): 'GROWTH_CANCELLED' | 'GROWTH_STALE' | 'COURSE_CAPACITY_TOO_SMALL' | 'CONFLICT' {
  if (current.status === 'cancelled') return 'GROWTH_CANCELLED';
  if ((current.version ?? 0) !== wanted.version) return 'GROWTH_STALE';
  if (wanted.capacity !== undefined && (current.signedUp ?? 0) > wanted.capacity) return 'COURSE_CAPACITY_TOO_SMALL';
  return 'CONFLICT';
}

/** What signed-up students should hear about an edit: a new time, place or link changes their plans. */
export function courseChangeNote(
  before: { startsAt: Date; durationMinutes: number; location: string; url: string },
  after: { startsAt: Date; durationMinutes: number; location: string; url: string },
): string | undefined {
  const changed: string[] = [];
  if (before.startsAt.getTime() !== after.startsAt.getTime() || before.durationMinutes !== after.durationMinutes) changed.push('时间');
  if (before.location !== after.location) changed.push('地点');
  if (before.url !== after.url) changed.push('链接');
  return changed.length ? `课程${changed.join('、')}已调整` : undefined;
}

const REGISTRATION_NEXT: Record<RegistrationStatus, readonly RegistrationStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['rejected'],
  rejected: [],
};

/** An accepted team can still be turned down (e.g. found ineligible); a rejection is final. */
export function canMoveRegistration(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return REGISTRATION_NEXT[from].includes(to);
}

// ---------------------------------------------------------------------------
// Notices to students
// ---------------------------------------------------------------------------

export type GrowthEvent =
  | { type: 'course-signed-up'; courseId: string; title: string; kind: CourseKind; startsAt: Date; at: Date }
  | { type: 'course-cancelled'; courseId: string; title: string; reason: string }
  | { type: 'course-changed'; courseId: string; title: string; version: number; note: string }
  | { type: 'training-rejected'; signupId: string; title: string; reason: string }
  | { type: 'training-completed'; signupId: string; title: string }
  | { type: 'slot-booked'; slotId: string; kind: SlotKind; hostName: string; startsAt: Date; at: Date }
  | { type: 'slot-withdrawn'; slotId: string; kind: SlotKind; hostName: string; startsAt: Date }
  | { type: 'contest-registered'; registrationId: string; title: string }
  | { type: 'contest-decided'; registrationId: string; title: string; status: 'accepted' | 'rejected'; reason?: string }
  | { type: 'contest-cancelled'; contestId: string; title: string; reason: string }
  | { type: 'place-decided'; applicationId: string; name: string; status: 'approved' | 'rejected'; reason?: string }
  | { type: 'story-decided'; storyId: string; title: string; status: 'approved' | 'rejected'; reason?: string };
