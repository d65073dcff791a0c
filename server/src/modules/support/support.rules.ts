import { type OverdueReason, type Progress1311, type SupportRates, type SupportServiceKind } from '../../contract/support';
import { beijingDay } from '../../contract/time';

/** A case must see its caseworker within this many days, and a follow-up visit at least this often. */
export const ASSIGN_WITHIN_DAYS = 3;
export const FOLLOW_UP_EVERY_DAYS = 30;
/** The three recommendation rounds are due one per month. */
export const ROUND_EVERY_DAYS = 30;
export const ROUNDS_REQUIRED = 3;
export const JOBS_REQUIRED = 10;

const DAY = 24 * 60 * 60 * 1000;

/** The parts of a case the rules read. */
export interface CaseFacts {
  createdAt: Date;
  caseworkerId?: unknown;
  closed?: boolean;
  services: ReadonlyArray<{ kind: SupportServiceKind; at: Date }>;
  rounds: ReadonlyArray<{ at: Date; jobIds: readonly unknown[] }>;
}

export function progress1311(c: CaseFacts): Progress1311 {
  const has = (kind: SupportServiceKind) => c.services.some(s => s.kind === kind);
  const jobs = new Set(c.rounds.flatMap(r => r.jobIds.map(String))).size;
  const visits = c.services.filter(s => s.kind === 'visit').map(s => s.at.getTime());
  const rounds = c.rounds.length;
  const p: Progress1311 = {
    training: has('training'),
    recommendationRounds: rounds,
    jobsRecommended: jobs,
    trainee: has('trainee'),
    guidance: has('guidance'),
    complete: false,
  };
  p.complete = p.training && rounds >= ROUNDS_REQUIRED && jobs >= JOBS_REQUIRED && p.trainee && p.guidance;
  if (visits.length) p.lastFollowUpAt = new Date(Math.max(...visits)).toISOString();
  return p;
}

/** Why a caseworker should act on this case now; empty when nothing is due. Closed cases are never overdue. */
export function overdueReasons(c: CaseFacts, now: Date): OverdueReason[] {
  if (c.closed) return [];
  const reasons: OverdueReason[] = [];
  const age = now.getTime() - c.createdAt.getTime();
  if (!c.caseworkerId && age > ASSIGN_WITHIN_DAYS * DAY) reasons.push('no-caseworker');
  const visits = c.services.filter(s => s.kind === 'visit').map(s => s.at.getTime());
  const lastVisit = visits.length ? Math.max(...visits) : c.createdAt.getTime();
  if (now.getTime() - lastVisit > FOLLOW_UP_EVERY_DAYS * DAY) reasons.push('follow-up');
  if (c.rounds.length < ROUNDS_REQUIRED) {
    const lastRound = c.rounds.length ? Math.max(...c.rounds.map(r => r.at.getTime())) : c.createdAt.getTime();
    if (now.getTime() - lastRound > ROUND_EVERY_DAYS * DAY) reasons.push('recommendation');
  }
  return reasons;
}

/** 跟踪率: cases with at least one follow-up visit; 服务率: cases whose 1311 package is complete. */
export function supportRates(cases: readonly CaseFacts[], now: Date): Omit<SupportRates, 'districtCode'> {
  const followedUp = cases.filter(c => c.services.some(s => s.kind === 'visit')).length;
  const served = cases.filter(c => progress1311(c).complete).length;
  const rate = (n: number) => (cases.length ? Math.round((n / cases.length) * 10000) / 10000 : null);
  return {
    cases: cases.length,
    followedUp,
    served,
    followUpRate: rate(followedUp),
    serviceRate: rate(served),
    overdue: cases.filter(c => overdueReasons(c, now).length > 0).length,
  };
}

/** Two rounds name the same jobs (order does not matter). */
export function sameJobSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  const left = new Set(a.map(String));
  return b.every(id => left.has(String(id)));
}

/**
 * The date a leaver has been 暂未就业 since, as a UTC midnight, or null when it cannot be:
 * not a real YYYY-MM-DD date, after today (in Beijing), or before the graduation year began.
 */
export function unemployedSince(date: string, graduationYear: number, today: Date): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (at.toISOString().slice(0, 10) !== date) return null;
  // Staff pick dates on a Beijing calendar: "today" is Beijing's date, 8 hours ahead of UTC.
  if (date > beijingDay(today)) return null;
  if (Number(m[1]) < graduationYear) return null;
  return at;
}

/** Services whose record tells the student something (an offer or a session); visits are staff notes. */
export const NOTIFIED_SERVICES: readonly SupportServiceKind[] = ['training', 'trainee', 'guidance'];
