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
