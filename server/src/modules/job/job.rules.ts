import { APPLICATION_NEXT, INTERVIEW_MODES, INTERVIEW_PHONE_PATTERN, type ApplicationStatus, type InterviewInvitation, type InterviewMode } from '../../contract/job';
import { BizError } from '../../core/errors';
import { DEGREES, type Degree, type DistrictCode } from '../../contract/reference';

// ---------------------------------------------------------------------------
// Search keys: Chinese has no spaces, so index single characters and bigrams of CJK runs,
// and lower-cased words of Latin/digit runs. A keyword matches when all its keys are present.
// ---------------------------------------------------------------------------

const CJK = /[\u3400-\u9fff]/;

function segments(text: string): string[] {
  return text.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9+#.]+/g) ?? [];
}

export function searchKeysOf(texts: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const seg of segments(text)) {
      if (!CJK.test(seg)) {
        keys.add(seg);
        continue;
      }
      for (let i = 0; i < seg.length; i++) {
        keys.add(seg[i]);
        if (i + 1 < seg.length) keys.add(seg.slice(i, i + 2));
      }
    }
  }
  return [...keys];
}

/** Keys a keyword must all match: bigrams of CJK runs (a lone character stays), Latin words whole. */
export function queryKeysOf(keyword: string, max = 8): string[] {
  const keys = new Set<string>();
  for (const seg of segments(keyword)) {
    if (!CJK.test(seg) || seg.length === 1) {
      keys.add(seg);
      continue;
    }
    for (let i = 0; i + 1 < seg.length; i++) keys.add(seg.slice(i, i + 2));
  }
  return [...keys].slice(0, max);
}

// ---------------------------------------------------------------------------
// Match score for "recommended for me"
// ---------------------------------------------------------------------------

export interface MatchProfile {
  major?: string;
  degree?: Degree;
  intentionDistricts?: readonly DistrictCode[];
  intentionText?: string;
}

export interface MatchJob {
  title: string;
  majors: readonly string[];
  education: Degree;
  district: DistrictCode;
  tags: readonly string[];
}

export interface MatchResult {
  score: number;
  reasons: string[];
}

export const MATCH_WEIGHTS = { major: 40, intention: 20, degree: 20, district: 20 } as const;

export function degreeRank(degree: Degree): number {
  return DEGREES.indexOf(degree);
}

/** Degrees that meet a requirement of `degree` or lower: the feed's education filter. */
export function degreesUpTo(degree: Degree): Degree[] {
  return DEGREES.filter(d => degreeRank(d) <= degreeRank(degree));
}

/** The words of a job intention that a job's title or tags may contain (two characters or more). */
export function intentionWords(text: string): string[] {
  return text
    .split(/[\s,，、;；/|]+/)
    .map(w => w.trim().toLowerCase())
    .filter(w => w.length >= 2);
}

function majorMatches(major: string, jobMajors: readonly string[]): boolean {
  const m = major.trim();
  if (!m) return false;
  return jobMajors.some(j => j === m || (j.length >= 2 && m.includes(j)) || (m.length >= 2 && j.includes(m)));
}

/** Score 0–100 with the reasons a student sees; a job above their degree scores nothing for degree. */
export function matchScore(profile: MatchProfile, job: MatchJob): MatchResult {
  const reasons: string[] = [];
  let score = 0;
  if (profile.major && majorMatches(profile.major, job.majors)) {
    score += MATCH_WEIGHTS.major;
    reasons.push('专业对口');
  }
  const words = intentionWords(profile.intentionText ?? '');
  const haystack = `${job.title} ${job.tags.join(' ')}`.toLowerCase();
  if (words.some(w => haystack.includes(w))) {
    score += MATCH_WEIGHTS.intention;
    reasons.push('符合求职意向');
  }
  if (profile.degree && degreeRank(profile.degree) >= degreeRank(job.education)) {
    score += MATCH_WEIGHTS.degree;
    reasons.push('学历符合');
  }
  if (profile.intentionDistricts?.includes(job.district)) {
    score += MATCH_WEIGHTS.district;
    reasons.push('意向区域');
  }
  return { score, reasons };
}

// ---------------------------------------------------------------------------
// Application status transitions: 已投递 → 已查看 → 面试 → 录用 / 不合适
// ---------------------------------------------------------------------------

const NEXT = APPLICATION_NEXT;

/** Statuses from which `to` may be reached (the filter of the conditional update). */
export function statusesBefore(to: ApplicationStatus): ApplicationStatus[] {
  return (Object.keys(NEXT) as ApplicationStatus[]).filter(from => NEXT[from].includes(to));
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/** The invitation as stored: trimmed, its time an instant. */
export interface StoredInterview {
  startsAt: Date;
  mode: InterviewMode;
  location: string;
  contactName: string;
  contactPhone: string;
  message?: string;
  at: Date;
}

/**
 * 邀请面试 must tell the candidate when, where (or which link), whom to call and, optionally, what to
 * bring. The DTO says the same for HTTP callers; this is the rule every caller meets (422 naming the field).
 */
export function interviewToStore(input: InterviewInvitation | undefined, now: Date): StoredInterview {
  const refuse = (field: string, message: string): never => {
    throw new BizError('VALIDATION_FAILED', message, field ? `interview.${field}` : 'interview');
  };
  if (!input) return refuse('', '邀请面试须写明面试时间、地点或线上链接和联系人');
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) return refuse('startsAt', '请选择面试时间');
  if (startsAt.getTime() <= now.getTime()) return refuse('startsAt', '面试时间须晚于现在');
  if (!INTERVIEW_MODES.includes(input.mode)) return refuse('mode', '请选择现场面试或线上面试');
  const location = input.location?.trim() ?? '';
  if (!location) return refuse('location', input.mode === 'online' ? '请填写线上面试的会议链接或会议号' : '请填写面试地点');
  const contactName = input.contactName?.trim() ?? '';
  if (!contactName) return refuse('contactName', '请填写联系人');
  const contactPhone = input.contactPhone?.trim() ?? '';
  if (!INTERVIEW_PHONE_PATTERN.test(contactPhone)) return refuse('contactPhone', '请填写正确的联系电话（手机号或带区号的座机）');
  const message = input.message?.trim();
  return { startsAt, mode: input.mode, location, contactName, contactPhone, ...(message ? { message } : {}), at: now };
}

/** Report threshold: at this many distinct reports a job is frozen until staff look at it. */
export const REPORTS_TO_FREEZE = 3;

// ---------------------------------------------------------------------------
// Who sees a job: students see it only while it is published, before its deadline, and held by
// nothing (a lapsed real-name check of its recruiter, the 异常名录). JobService.visibleFilter is the
// same rule as a query; every student-facing list and page uses one or the other.
// ---------------------------------------------------------------------------

export interface VisibilityFacts {
  status: string;
  deadline: Date;
  hidden?: boolean;
  holds?: readonly string[];
}

export function isVisibleToStudents(job: VisibilityFacts, now: Date): boolean {
  return job.status === 'published' && job.deadline.getTime() >= now.getTime() && job.hidden !== true && !(job.holds?.length);
}
