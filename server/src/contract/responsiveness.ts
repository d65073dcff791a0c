/**
 * Recruiter responsiveness (issue 17 §2): how quickly an enterprise looks at and answers applications
 * over the last 90 days, shown on its job cards once there is enough data, and how long a student's own
 * application has waited. Pure; the server and the mini-program share it.
 */

/** Days of applications an enterprise's figures cover. */
export const RESPONSIVENESS_WINDOW_DAYS = 90;
/** Settled applications (answered, or closed as 未反馈) needed before the figures are shown. */
export const RESPONSIVENESS_MIN_SETTLED = 10;

/** An enterprise's figures over the window, as the server precomputes them. */
export interface ResponsivenessFigures {
  /** Applications made in the window. */
  applications: number;
  /** Of those, answered (面试, 录用 or 不合适) or closed as 未反馈: the share's denominator. */
  settled: number;
  /** Answered: the recruiter decided (面试, 录用 or 不合适). */
  answered: number;
  /** Median hours from applying to the recruiter's first step (查看 or a decision); null with none. */
  firstViewMedianHours: number | null;
  /** Median hours from applying to a decision; null with none. */
  decisionMedianHours: number | null;
}

/** What a job card and a job page show; absent while there is not enough data. */
export interface ResponsivenessBadge {
  /** e.g. 通常 2 天内反馈 */
  line: string;
  /** e.g. 近90天答复率 92% */
  answeredLine: string;
  typicalDays: number | null;
  answeredPercent: number;
}

export function hasEnoughData(f: Pick<ResponsivenessFigures, 'settled'>): boolean {
  return f.settled >= RESPONSIVENESS_MIN_SETTLED;
}

/** Whole days a student can expect to wait, rounded up; at least 1 (通常 1 天内反馈). */
export function typicalDays(hours: number): number {
  return Math.max(1, Math.ceil(hours / 24 - 1e-9));
}

export function responsivenessBadge(f: ResponsivenessFigures): ResponsivenessBadge | null {
  if (!hasEnoughData(f)) return null;
  const answeredPercent = Math.round((f.answered / f.settled) * 100);
  const days = f.firstViewMedianHours === null ? null : typicalDays(f.firstViewMedianHours);
  return {
    line: days === null ? '近期投递大多未获反馈' : `通常 ${days} 天内反馈`,
    answeredLine: `近${RESPONSIVENESS_WINDOW_DAYS}天答复率 ${answeredPercent}%`,
    typicalDays: days,
    answeredPercent,
  };
}

/** One enterprise on the staff list of the slowest. */
export interface SlowEnterprise {
  enterpriseId: string;
  enterpriseName: string;
  figures: ResponsivenessFigures;
  /** Applications closed as 未反馈 in the window. */
  unanswered: number;
  computedAt: string;
}

// ---------------------------------------------------------------------------
// A student's own application: how long it has waited
// ---------------------------------------------------------------------------

/** Statuses in which an application still waits for the recruiter (and closes as 未反馈 when left). */
export const WAITING_STATUSES = ['submitted', 'viewed'] as const;

export interface WaitingInput {
  status: string;
  createdAt: string;
  steps: ReadonlyArray<{ status: string; at: string }>;
}

const DAY_MS = 24 * 3600_000;

/** Whole days between two instants (floor, never negative). */
function daysBetween(from: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(from).getTime()) / DAY_MS));
}

/**
 * The waiting line of 我的投递: while it waits, how long since it was sent (and, once viewed, since then);
 * once answered, how long the answer took; closed as 未反馈, after how long.
 */
export function waitingLine(app: WaitingInput, now: Date): string {
  const last = app.steps[app.steps.length - 1];
  if (app.status === 'unanswered') return `等待 ${daysBetween(app.createdAt, new Date(last?.at ?? now))} 天未获反馈，已关闭`;
  if ((WAITING_STATUSES as readonly string[]).includes(app.status)) {
    const waited = daysBetween(app.createdAt, now);
    return waited === 0 ? '今天投递，等待企业处理' : `已等待 ${waited} 天`;
  }
  const decided = app.steps.find(s => s.status !== 'submitted' && s.status !== 'viewed');
  const days = daysBetween(app.createdAt, new Date(decided?.at ?? app.createdAt));
  return days === 0 ? '当天得到答复' : `${days} 天后得到答复`;
}
