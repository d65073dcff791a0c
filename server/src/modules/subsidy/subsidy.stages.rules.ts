import { DEFAULT_PUBLICITY_WORKING_DAYS, PUBLICITY_WORKING_DAYS_MAX } from '../../contract/subsidy-publicity';
import {
  DEFAULT_STAGE_LIMITS,
  LIMITED_STAGES,
  STAGE_LIMIT_MAX,
  type BatchScheduleInput,
  type LimitedStage,
  type StageLimits,
  type StageProgress,
  type WorkingCalendarYearInput,
} from '../../contract/subsidy-stages';
import { addDays, beijingDay, isCalendarDay } from '../../contract/time';
import { BizError } from '../../core/errors';
import type { SubsidyApplicationDoc } from './subsidy.model';

/** The calendar as the rules read it: every year's days off on weekdays and worked weekend days. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function workingCalendar(years: ReadonlyArray<Pick<WorkingCalendarYearInput, 'holidays' | 'workdays'>>): WorkingCalendar {
  return { holidays: new Set(years.flatMap(y => y.holidays)), workdays: new Set(years.flatMap(y => y.workdays)) };
}

/** A weekday that is not a holiday, or a weekend day worked instead of one (调休上班). */
export function isWorkingDay(day: string, cal: WorkingCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`-th working day after `day` (the day itself does not count, as a time limit starts the next day). */
export function addWorkingDays(day: string, n: number, cal: WorkingCalendar): string {
  let d = day;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) counted += 1;
  }
  return d;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count += 1;
  return count;
}

/** A program's limits, the defaults filling any it does not set. */
export function limitsOf(program: { stageLimits?: Partial<StageLimits> } | null | undefined): StageLimits {
  return { ...DEFAULT_STAGE_LIMITS, ...(program?.stageLimits ?? {}) };
}

/** 422 naming the field when a limit is not a whole number of working days from 1 to STAGE_LIMIT_MAX. */
export function checkStageLimits(input: Record<string, unknown>): StageLimits {
  const limits = {} as StageLimits;
  for (const stage of LIMITED_STAGES) {
    const value = input[stage];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > STAGE_LIMIT_MAX) {
      throw new BizError('SUBSIDY_STAGE_LIMIT_INVALID', `“${stage}”的办理时限应为 1 至 ${STAGE_LIMIT_MAX} 个工作日的整数`, `limits.${stage}`);
    }
    limits[stage] = value;
  }
  return limits;
}

/**
 * 422 naming the entry when a calendar year holds a day that does not exist, a day of another year,
 * or the same day as both a holiday and a working day. Days come back sorted and without repeats.
 */
export function checkCalendarYear(year: number, input: WorkingCalendarYearInput): WorkingCalendarYearInput {
  const clean = (field: 'holidays' | 'workdays'): string[] => {
    input[field].forEach((day, i) => {
      if (!isCalendarDay(day)) throw new BizError('SUBSIDY_CALENDAR_INVALID', `第${i + 1}个日期“${day}”不是日历上存在的日期（格式 YYYY-MM-DD）`, `${field}.${i}`);
      if (!day.startsWith(`${year}-`)) throw new BizError('SUBSIDY_CALENDAR_INVALID', `第${i + 1}个日期“${day}”不在${year}年`, `${field}.${i}`);
    });
    return [...new Set(input[field])].sort();
  };
  const holidays = clean('holidays');
  const workdays = clean('workdays');
  const both = workdays.findIndex(d => holidays.includes(d));
  if (both >= 0) throw new BizError('SUBSIDY_CALENDAR_INVALID', `${workdays[both]} 不能既是放假日又是调休上班日`, `workdays.${input.workdays.indexOf(workdays[both])}`);
  return { holidays, workdays, source: input.source.trim() };
}

/** 422 naming the field for a schedule without batch days, or with a day no month has. */
export function checkBatchSchedule(input: BatchScheduleInput): BatchScheduleInput {
  if (input.daysOfMonth.length === 0) throw new BizError('SUBSIDY_SCHEDULE_INVALID', '至少设置一个每月发放日', 'daysOfMonth');
  input.daysOfMonth.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > 28) throw new BizError('SUBSIDY_SCHEDULE_INVALID', `每月发放日应为 1 至 28 日（第${i + 1}项为 ${d}）`, `daysOfMonth.${i}`);
  });
  if (!Number.isInteger(input.bankWorkingDays) || input.bankWorkingDays < 0 || input.bankWorkingDays > 30) {
    throw new BizError('SUBSIDY_SCHEDULE_INVALID', '银行到账时间应为 0 至 30 个工作日', 'bankWorkingDays');
  }
  const publicity = input.publicityWorkingDays;
  if (publicity !== undefined && (!Number.isInteger(publicity) || publicity < 1 || publicity > PUBLICITY_WORKING_DAYS_MAX)) {
    throw new BizError('SUBSIDY_SCHEDULE_INVALID', `公示期应为 1 至 ${PUBLICITY_WORKING_DAYS_MAX} 个工作日`, 'publicityWorkingDays');
  }
  return {
    daysOfMonth: [...new Set(input.daysOfMonth)].sort((a, b) => a - b),
    bankWorkingDays: input.bankWorkingDays,
    ...(publicity !== undefined ? { publicityWorkingDays: publicity } : {}),
  };
}

/** The first batch after `day`: a scheduled day of the month, moved to the next working day when it is a day off. */
export function nextBatchDay(day: string, schedule: BatchScheduleInput, cal: WorkingCalendar): string {
  for (let d = addDays(day, 1); ; d = addDays(d, 1)) {
    if (schedule.daysOfMonth.includes(Number(d.slice(8, 10)))) return isWorkingDay(d, cal) ? d : addWorkingDays(d, 1, cal);
  }
}

type Progressing = Pick<SubsidyApplicationDoc, 'status' | 'stage' | 'stages' | 'timeline'>;

/**
 * The stage an application waits at against a limit and since when: a review stage since it was
 * submitted, resubmitted or passed on to it; payment since the final approval or a corrected account.
 * Nothing for a draft, a return waiting for the applicant, a rejection or a paid application.
 */
export function currentStage(doc: Progressing): { stage: LimitedStage; since: Date } | null {
  const last = (actions: ReadonlyArray<string>) => [...doc.timeline].reverse().find(e => actions.includes(e.action));
  if (doc.status === 'reviewing' && doc.stage) {
    const entered = last(['submitted', 'resubmitted', 'approved']);
    return entered ? { stage: doc.stage, since: entered.at } : null;
  }
  if (doc.status === 'approved' || doc.status === 'paying') {
    const entered = last(['approved', 'accountCorrected']);
    return entered ? { stage: 'payment', since: entered.at } : null;
  }
  return null;
}

export interface ProgressContext {
  limits: StageLimits;
  calendar: WorkingCalendar;
  schedule: BatchScheduleInput;
  now: Date;
}

/**
 * Since when, working days spent, the deadline, and the day the money should arrive: each review
 * stage still ahead takes its full limit (from today when the current one is already late), then the
 * bureau's next batch, its 公示 (from the day it was published, once it was), then the bank's days.
 */
export function stageProgress(doc: Progressing, ctx: ProgressContext): StageProgress | null {
  const current = currentStage(doc);
  if (!current) return null;
  const { calendar: cal, limits } = ctx;
  const today = beijingDay(ctx.now);
  const sinceDay = beijingDay(current.since);
  const limit = limits[current.stage];
  const deadline = addWorkingDays(sinceDay, limit, cal);
  let reviewDone = current.stage === 'payment' ? sinceDay : deadline > today ? deadline : today;
  if (current.stage !== 'payment') {
    const ahead = doc.stages.slice(doc.stages.indexOf(current.stage as (typeof doc.stages)[number]) + 1);
    for (const s of ahead) reviewDone = addWorkingDays(reviewDone, limits[s], cal);
  }
  const batched = doc.status === 'paying' ? [...doc.timeline].reverse().find(e => e.action === 'batched') : undefined;
  const batchDay = batched ? beijingDay(batched.at) : nextBatchDay(reviewDone > today ? reviewDone : today, ctx.schedule, cal);
  const published = batched ? [...doc.timeline].reverse().find(e => e.action === 'published' && e.at >= batched.at) : undefined;
  const noticeEnds = addWorkingDays(published ? beijingDay(published.at) : batchDay, ctx.schedule.publicityWorkingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS, cal);
  let expected = addWorkingDays(noticeEnds, ctx.schedule.bankWorkingDays, cal);
  if (expected < today) expected = today;
  return {
    stage: current.stage,
    since: current.since.toISOString(),
    workingDaysSpent: workingDaysBetween(sinceDay, today, cal),
    limit,
    deadline,
    overdue: today > deadline,
    expectedPaymentDay: expected,
  };
}

/** Names one wait at one stage: an escalation is sent once per key (a stage resumed after a return is a new wait). */
export function escalationKey(current: { stage: LimitedStage; since: Date }): string {
  return `${current.stage}@${current.since.toISOString()}`;
}
