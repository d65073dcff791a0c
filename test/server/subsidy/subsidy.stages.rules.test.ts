import { DEFAULT_STAGE_LIMITS } from '../../../server/src/contract/subsidy-stages';
import { startOfBeijingDay } from '../../../server/src/contract/time';
import { BUILT_IN_CALENDARS } from '../../../server/src/modules/subsidy/subsidy-calendar.seed';
import type { StoredTimelineEntry, SubsidyApplicationDoc } from '../../../server/src/modules/subsidy/subsidy.model';
import {
  addWorkingDays,
  checkBatchSchedule,
  checkCalendarYear,
  checkStageLimits,
  currentStage,
  escalationKey,
  isWorkingDay,
  limitsOf,
  nextBatchDay,
  stageProgress,
  workingCalendar,
  workingDaysBetween,
} from '../../../server/src/modules/subsidy/subsidy.stages.rules';
import { expectRefusal } from '../support/refusal';

const cal2026 = workingCalendar(BUILT_IN_CALENDARS);
const none = workingCalendar([]);
/** 09:00 Beijing on a day. */
const at = (day: string): Date => new Date(startOfBeijingDay(day).getTime() + 9 * 3_600_000);
const step = (action: StoredTimelineEntry['action'], day: string, stage?: StoredTimelineEntry['stage']): StoredTimelineEntry => ({
  at: at(day),
  action,
  stage,
  actorRole: action === 'submitted' || action === 'resubmitted' || action === 'accountCorrected' ? 'applicant' : (stage ?? 'bureau'),
  actorId: 'x',
});
type Progressing = Pick<SubsidyApplicationDoc, 'status' | 'stage' | 'stages' | 'timeline'>;
const app = (patch: Partial<Progressing>): Progressing => ({ status: 'reviewing', stage: 'college', stages: ['college', 'district', 'bureau'], timeline: [], ...patch });
const schedule = { daysOfMonth: [10, 25], bankWorkingDays: 3 };

describe('the working-day calendar', () => {
  it('should treat weekdays as working days and weekends as days off when a year has no data', () => {
    expect(isWorkingDay('2027-03-01', none)).toBe(true); // Monday
    expect(isWorkingDay('2027-03-06', none)).toBe(false); // Saturday
    expect(isWorkingDay('2027-03-07', none)).toBe(false);
  });

  it('should follow the State Council 2026 notice: Spring Festival off, the adjusted Saturdays worked', () => {
    for (const day of ['2026-02-16', '2026-02-20', '2026-02-23', '2026-10-07', '2026-01-02', '2026-05-05']) expect(isWorkingDay(day, cal2026)).toBe(false);
    for (const day of ['2026-02-14', '2026-02-28', '2026-01-04', '2026-05-09', '2026-09-20', '2026-10-10']) expect(isWorkingDay(day, cal2026)).toBe(true);
    expect(BUILT_IN_CALENDARS[0].holidays).toHaveLength(33);
  });

  it('should hold 2027’s statutory holidays, marked provisional until the State Council’s notice is entered', () => {
    const y2027 = BUILT_IN_CALENDARS.find(y => y.year === 2027);
    expect(y2027?.provisional).toBe(true);
    expect(y2027?.workdays).toEqual([]);
    // 元旦 1, 春节 4 (除夕 5 Feb to 8 Feb), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.
    expect(y2027?.holidays).toHaveLength(13);
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) expect(isWorkingDay(day, cal2026)).toBe(false);
    expect(BUILT_IN_CALENDARS.find(y => y.year === 2026)?.provisional).toBeUndefined();
  });

  it('should count 2027 working days across the Spring Festival from the statutory days', () => {
    // Thu 4 Feb; Fri 5 (除夕), Sat 6, Sun 7, Mon 8 are off; Tue 9 to Fri 12 are 4 working days.
    expect(workingDaysBetween('2027-02-04', '2027-02-12', cal2026)).toBe(4);
    expect(addWorkingDays('2027-02-04', 1, cal2026)).toBe('2027-02-09');
    // A 10-day limit from Mon 1 Feb: 2, 3, 4 Feb, then 9–12, 15–17 Feb.
    expect(addWorkingDays('2027-02-01', 10, cal2026)).toBe('2027-02-17');
    // The whole of February 2027: 20 weekdays, 2 of them (5 and 8 Feb) festival days.
    expect(workingDaysBetween('2027-01-31', '2027-02-28', cal2026)).toBe(18);
  });

  it('should count a limit from the day after, skipping holidays and counting adjusted working weekends', () => {
    // Friday 13 Feb + 5: Sat 14 (worked) is 1, the festival 15–23 is off, then 24, 25, 26, 27 → 27 Feb.
    expect(addWorkingDays('2026-02-13', 5, cal2026)).toBe('2026-02-27');
    // Plain weeks: Monday + 5 is the next Monday.
    expect(addWorkingDays('2026-03-02', 5, cal2026)).toBe('2026-03-09');
    // National Day: 1–7 Oct off, so the working day after 30 Sep is Thursday 8 Oct.
    expect(addWorkingDays('2026-09-30', 1, cal2026)).toBe('2026-10-08');
  });

  it('should count working days spent after a day, not the day itself', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-02', cal2026)).toBe(0);
    expect(workingDaysBetween('2026-03-02', '2026-03-09', cal2026)).toBe(5);
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal2026)).toBe(2);
    expect(workingDaysBetween('2026-03-09', '2026-03-02', cal2026)).toBe(0);
  });

  it('should refuse a calendar day that does not exist, naming the entry, and a day of another year', () => {
    const input = { holidays: ['2026-01-01', '2026-02-30'], workdays: [], source: '' };
    expectRefusal(() => checkCalendarYear(2026, input), 'SUBSIDY_CALENDAR_INVALID', { field: 'holidays.1' });
    expectRefusal(() => checkCalendarYear(2026, { holidays: ['2026-1-1'], workdays: [], source: '' }), 'SUBSIDY_CALENDAR_INVALID', { field: 'holidays.0' });
    expectRefusal(() => checkCalendarYear(2026, { holidays: [], workdays: ['2027-01-04'], source: '' }), 'SUBSIDY_CALENDAR_INVALID', { field: 'workdays.0' });
  });

  it('should refuse a day that is both a holiday and a working day, and sort and deduplicate the rest', () => {
    expectRefusal(() => checkCalendarYear(2026, { holidays: ['2026-10-01'], workdays: ['2026-10-10', '2026-10-01'], source: '' }), 'SUBSIDY_CALENDAR_INVALID', {
      field: 'workdays.1',
    });
    expect(checkCalendarYear(2026, { holidays: ['2026-10-02', '2026-10-01', '2026-10-02'], workdays: [], source: ' 通知 ' })).toEqual({
      holidays: ['2026-10-01', '2026-10-02'],
      workdays: [],
      source: '通知',
    });
  });
});

describe('stage limits and the batch schedule', () => {
  it('should default to college 5, district 10, bureau 10 and payment 30 working days', () => {
    expect(limitsOf(null)).toEqual({ college: 5, district: 10, bureau: 10, payment: 30 });
    expect(limitsOf({ stageLimits: { ...DEFAULT_STAGE_LIMITS, college: 3 } }).college).toBe(3);
  });

  it('should refuse a limit of 0, a negative one, a fraction or a missing one, naming the stage', () => {
    expectRefusal(() => checkStageLimits({ college: 0, district: 10, bureau: 10, payment: 30 }), 'SUBSIDY_STAGE_LIMIT_INVALID', { field: 'limits.college' });
    expectRefusal(() => checkStageLimits({ college: 5, district: -1, bureau: 10, payment: 30 }), 'SUBSIDY_STAGE_LIMIT_INVALID', { field: 'limits.district' });
    expectRefusal(() => checkStageLimits({ college: 5, district: 10, bureau: 2.5, payment: 30 }), 'SUBSIDY_STAGE_LIMIT_INVALID', { field: 'limits.bureau' });
    expectRefusal(() => checkStageLimits({ college: 5, district: 10, bureau: 10 }), 'SUBSIDY_STAGE_LIMIT_INVALID', { field: 'limits.payment' });
    expect(checkStageLimits({ college: 1, district: 2, bureau: 3, payment: 4 })).toEqual({ college: 1, district: 2, bureau: 3, payment: 4 });
  });

  it('should refuse a schedule without batch days or with a day some month lacks', () => {
    expectRefusal(() => checkBatchSchedule({ daysOfMonth: [], bankWorkingDays: 3 }), 'SUBSIDY_SCHEDULE_INVALID', { field: 'daysOfMonth' });
    expectRefusal(() => checkBatchSchedule({ daysOfMonth: [10, 31], bankWorkingDays: 3 }), 'SUBSIDY_SCHEDULE_INVALID', { field: 'daysOfMonth.1' });
    expectRefusal(() => checkBatchSchedule({ daysOfMonth: [10], bankWorkingDays: -1 }), 'SUBSIDY_SCHEDULE_INVALID', { field: 'bankWorkingDays' });
    expect(checkBatchSchedule({ daysOfMonth: [25, 10, 25], bankWorkingDays: 0 })).toEqual({ daysOfMonth: [10, 25], bankWorkingDays: 0 });
  });

  it('should take the next scheduled day after a day, moved past days off', () => {
    expect(nextBatchDay('2026-03-02', schedule, cal2026)).toBe('2026-03-10');
    expect(nextBatchDay('2026-03-10', schedule, cal2026)).toBe('2026-03-25');
    // 10 Oct 2026 is a worked Saturday; 25 Oct a Sunday → Monday 26 Oct.
    expect(nextBatchDay('2026-10-01', schedule, cal2026)).toBe('2026-10-10');
    expect(nextBatchDay('2026-10-11', schedule, cal2026)).toBe('2026-10-26');
  });
});

describe('where an application stands against its limits', () => {
  const ctx = (today: string) => ({ limits: DEFAULT_STAGE_LIMITS, calendar: cal2026, schedule, now: at(today) });

  it('should count the college stage from submission and give the deadline and expected payment day', () => {
    const doc = app({ timeline: [step('saved', '2026-02-27'), step('submitted', '2026-03-02')] });
    expect(stageProgress(doc, ctx('2026-03-05'))).toEqual({
      stage: 'college',
      since: at('2026-03-02').toISOString(),
      workingDaysSpent: 3,
      limit: 5,
      deadline: '2026-03-09',
      overdue: false,
      // College by 9 Mar; district + 10 → 23 Mar; bureau + 10 → 8 Apr (4–6 Apr are Qingming); batch 10 Apr;
      // 公示 + 5 → 17 Apr; bank + 3 → 22 Apr.
      expectedPaymentDay: '2026-04-22',
    });
  });

  it('should mark an application overdue the working day after its deadline, and count from today for what remains', () => {
    const doc = app({ stage: 'district', timeline: [step('submitted', '2026-03-02'), step('approved', '2026-03-03', 'college')] });
    const onTime = stageProgress(doc, ctx('2026-03-17'));
    expect(onTime).toMatchObject({ stage: 'district', deadline: '2026-03-17', overdue: false, workingDaysSpent: 10 });
    const late = stageProgress(doc, ctx('2026-03-18'));
    expect(late).toMatchObject({ overdue: true, workingDaysSpent: 11 });
    // District still owed from today (18 Mar), bureau + 10 → 1 Apr; batch 10 Apr; 公示 + 5 → 17 Apr; + 3 → 22 Apr.
    expect(late?.expectedPaymentDay).toBe('2026-04-22');
  });

  it('should start a resumed stage afresh after a return', () => {
    const doc = app({ timeline: [step('submitted', '2026-03-02'), step('returned', '2026-03-03', 'college'), step('resubmitted', '2026-03-20')] });
    expect(currentStage(doc)).toEqual({ stage: 'college', since: at('2026-03-20') });
    expect(escalationKey({ stage: 'college', since: at('2026-03-20') })).toBe(`college@${at('2026-03-20').toISOString()}`);
  });

  it('should count payment from the final approval, or from a corrected account after a bank return', () => {
    const approved = app({ status: 'approved', stage: 'bureau', timeline: [step('submitted', '2026-03-02'), step('approved', '2026-03-04', 'bureau')] });
    expect(stageProgress(approved, ctx('2026-03-05'))).toMatchObject({ stage: 'payment', limit: 30, workingDaysSpent: 1, expectedPaymentDay: '2026-03-20' });
    const corrected = app({
      status: 'approved',
      timeline: [step('approved', '2026-03-04', 'bureau'), step('batched', '2026-03-10'), step('payFailed', '2026-03-12'), step('accountCorrected', '2026-03-16')],
    });
    expect(currentStage(corrected)?.since).toEqual(at('2026-03-16'));
    // Next batch 25 Mar; 公示 + 5 → 1 Apr; bank + 3 → 7 Apr (4–6 Apr are Qingming).
    expect(stageProgress(corrected, ctx('2026-03-16'))?.expectedPaymentDay).toBe('2026-04-07');
  });

  it('should expect payment a notice-and-bank time after the batch that holds it, counted from its 公示 once published', () => {
    const paying = app({ status: 'paying', timeline: [step('approved', '2026-03-04', 'bureau'), step('batched', '2026-03-10')] });
    expect(stageProgress(paying, ctx('2026-03-11'))?.expectedPaymentDay).toBe('2026-03-20');
    const published = app({ status: 'paying', timeline: [step('approved', '2026-03-04', 'bureau'), step('batched', '2026-03-10'), step('published', '2026-03-12')] });
    // 公示 from 12 Mar + 5 → 19 Mar; bank + 3 → 24 Mar.
    expect(stageProgress(published, ctx('2026-03-13'))?.expectedPaymentDay).toBe('2026-03-24');
  });

  it('should give no progress to a draft, a return, a rejection, a bank return waiting for the applicant or a paid one', () => {
    for (const status of ['draft', 'returned', 'rejected', 'payReturned', 'paid'] as const) {
      expect(stageProgress(app({ status, timeline: [step('submitted', '2026-03-02')] }), ctx('2026-03-05'))).toBeNull();
    }
  });
});
