import type { ApplicationStatus } from '../../contract/job';
import { WAITING_STATUSES, type ResponsivenessFigures } from '../../contract/responsiveness';

/** What the figures need of an application. */
export interface TimedApplication {
  status: ApplicationStatus;
  createdAt: Date;
  steps: ReadonlyArray<{ status: ApplicationStatus; at: Date }>;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const DECISIONS: readonly ApplicationStatus[] = ['interview', 'hired', 'rejected'];

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Hours from applying to the recruiter's first step (查看 or a decision) and to the first decision. */
export function timesOf(app: TimedApplication): { firstViewHours: number | null; decisionHours: number | null } {
  const hoursTo = (at: Date | undefined) => (at ? Math.max(0, at.getTime() - app.createdAt.getTime()) / HOUR_MS : null);
  const firstView = app.steps.find(s => s.status === 'viewed' || DECISIONS.includes(s.status));
  const decision = app.steps.find(s => DECISIONS.includes(s.status));
  return { firstViewHours: hoursTo(firstView?.at), decisionHours: hoursTo(decision?.at) };
}

/**
 * An enterprise's figures over the applications made in the window. The answered share counts only
 * settled applications (answered, or closed as 未反馈), so applications still within their waiting
 * time neither help nor hurt. Medians are over the applications that got the step.
 */
export function figuresOf(apps: readonly TimedApplication[]): ResponsivenessFigures & { unanswered: number } {
  const firstViews: number[] = [];
  const decisions: number[] = [];
  let answered = 0;
  let unanswered = 0;
  for (const app of apps) {
    const t = timesOf(app);
    if (t.firstViewHours !== null) firstViews.push(t.firstViewHours);
    if (t.decisionHours !== null) {
      decisions.push(t.decisionHours);
      answered += 1;
    } else if (app.status === 'unanswered') unanswered += 1;
  }
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  return {
    applications: apps.length,
    settled: answered + unanswered,
    answered,
    firstViewMedianHours: round(median(firstViews)),
    decisionMedianHours: round(median(decisions)),
    unanswered,
  };
}

/**
 * How slow an enterprise is, for the staff list (larger is slower): its median hours to a first step,
 * or the whole window when it answered nobody. Ties are broken by the share left unanswered.
 */
export function slownessOf(f: ResponsivenessFigures, windowDays: number): number {
  const hours = f.firstViewMedianHours ?? windowDays * 24;
  const unansweredShare = f.settled ? 1 - f.answered / f.settled : 0;
  return Math.round(hours * 10) + unansweredShare;
}

/** The moment an application's last step happened (applying counts). */
export function lastStepAt(app: Pick<TimedApplication, 'createdAt' | 'steps'>): Date {
  return app.steps.reduce((latest, s) => (s.at > latest ? s.at : latest), app.createdAt);
}

/** Still waiting for the recruiter and untouched for `staleDays`: closes as 未反馈. */
export function isStale(app: Pick<TimedApplication, 'status' | 'createdAt' | 'steps'>, now: Date, staleDays: number): boolean {
  if (!(WAITING_STATUSES as readonly string[]).includes(app.status)) return false;
  return now.getTime() - lastStepAt(app).getTime() >= staleDays * DAY_MS;
}

/** Whole days the application was left untouched (what the student is told). */
export function untouchedDays(app: Pick<TimedApplication, 'createdAt' | 'steps'>, now: Date): number {
  return Math.floor((now.getTime() - lastStepAt(app).getTime()) / DAY_MS);
}
