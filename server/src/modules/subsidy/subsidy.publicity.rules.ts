import type { ObjectionDecision, ObjectionStatus } from '../../contract/subsidy-publicity';
import { addDays, beijingDay, startOfBeijingDay } from '../../contract/time';
import { BizError } from '../../core/errors';
import { addWorkingDays, type WorkingCalendar } from './subsidy.stages.rules';

/** A batch's notice as stored on it. */
export interface StoredPublicity {
  startsAt: Date;
  endsAt: Date;
  lastDay: string;
  workingDays: number;
  publishedBy: string;
}

/** 张小明 → 张*明, 李四 → 李*, 欧阳小明 → 欧**明: the family name and the last character stay, as 人社 notices print them. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * A notice published at `now` runs for `workingDays` working days after the day of publication (that
 * day does not count, like every time limit here) and closes at the start of the day after its last day.
 */
export function publicityPeriod(now: Date, workingDays: number, cal: WorkingCalendar): { workingDays: number; lastDay: string; endsAt: Date } {
  const lastDay = addWorkingDays(beijingDay(now), workingDays, cal);
  return { workingDays, lastDay, endsAt: startOfBeijingDay(addDays(lastDay, 1)) };
}

export function noticeRunning(publicity: Pick<StoredPublicity, 'endsAt'> | undefined, now: Date): boolean {
  return !!publicity && now.getTime() < publicity.endsAt.getTime();
}

/** A batch is paid (its bank file exported, its result imported) only after its notice ended. */
export function checkPaymentAllowed(publicity: Pick<StoredPublicity, 'endsAt' | 'lastDay'> | undefined, now: Date): void {
  if (!publicity) throw new BizError('SUBSIDY_NOTICE_REQUIRED');
  if (noticeRunning(publicity, now)) throw new BizError('SUBSIDY_NOTICE_RUNNING', `该批次公示至${publicity.lastDay}，公示期满后才能发放`);
}

/** An objection is taken only while the notice runs, and only about a line still waiting for payment in it. */
export function checkObjectionWindow(
  publicity: Pick<StoredPublicity, 'endsAt' | 'lastDay'> | undefined,
  line: { status: string } | undefined,
  now: Date,
): void {
  if (!publicity) throw new BizError('SUBSIDY_NOTICE_NOT_LISTED', '该批次尚未公示', 'applicationId');
  if (!noticeRunning(publicity, now)) throw new BizError('SUBSIDY_NOTICE_CLOSED', `公示已于${publicity.lastDay}结束，不能再提出异议`, 'applicationId');
  if (!line || line.status !== 'pending') throw new BizError('SUBSIDY_NOTICE_NOT_LISTED', undefined, 'applicationId');
}

/** Deciding an objection: the same decision again is a retry (answered as it stands); another one is refused. */
export function planObjectionDecision(status: ObjectionStatus, decision: ObjectionDecision): 'apply' | 'replay' {
  if (status === 'open') return 'apply';
  if ((status === 'upheld' && decision === 'uphold') || (status === 'dismissed' && decision === 'dismiss')) return 'replay';
  throw new BizError('SUBSIDY_OBJECTION_DECIDED', undefined, 'decision');
}

export const OBJECTION_OUTCOME: Record<ObjectionDecision, Exclude<ObjectionStatus, 'open'>> = { uphold: 'upheld', dismiss: 'dismissed' };

/** What paging a notice reads of a batch line. */
export interface NoticeLine {
  applicationId: { toHexString(): string };
  name: string;
  programName: string;
  status: string;
  held?: boolean;
}

/** The lines a notice lists: those still waiting for payment (a paid or returned line has left it). */
export function listedLines<L extends NoticeLine>(lines: readonly L[]): L[] {
  return lines.filter(l => l.status === 'pending');
}

export function noticeCounts(lines: readonly NoticeLine[]): { total: number; held: number } {
  const listed = listedLines(lines);
  return { total: listed.length, held: listed.filter(l => l.held).length };
}

/** Programs in order of first appearance. */
export function noticePrograms(lines: readonly NoticeLine[]): string[] {
  return [...new Set(listedLines(lines).map(l => l.programName))];
}

/**
 * One page of a notice's lines after the line `after` (an application id), in the batch's line order —
 * application id ascending, as the batch was filled, so a line taken out (an upheld objection) shifts
 * nothing: the next page starts after the last id shown whether or not that line is still there.
 * `name` is the full name, matched exactly after trimming (a person finds their own line, nobody browses by name).
 */
export function noticeLinesPage<L extends NoticeLine>(
  lines: readonly L[],
  query: { name?: string; program?: string; after?: string },
  limit: number,
): { rows: L[]; more: boolean } {
  const name = query.name?.trim();
  const program = query.program?.trim();
  const after = query.after;
  const matching = listedLines(lines)
    .map(line => ({ line, id: line.applicationId.toHexString() }))
    .filter(({ line, id }) => (!name || line.name.trim() === name) && (!program || line.programName === program) && (!after || id > after))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows: matching.slice(0, limit).map(m => m.line), more: matching.length > limit };
}
