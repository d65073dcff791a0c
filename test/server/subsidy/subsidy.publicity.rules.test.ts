import { checkObjectionWindow, checkPaymentAllowed, maskPersonName, noticeRunning, planObjectionDecision, publicityPeriod } from '../../../server/src/modules/subsidy/subsidy.publicity.rules';
import { workingCalendar } from '../../../server/src/modules/subsidy/subsidy.stages.rules';

const cal = workingCalendar([{ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] }]);

describe('subsidy publicity rules', () => {
  it('should mask a name as 人社 notices print it', () => {
    expect(['张小明', '李四', '欧阳小明', '王', ' 赵雪 '].map(maskPersonName)).toEqual(['张*明', '李*', '欧**明', '王', '赵*']);
  });

  it('should count the notice in working days after the day of publication, closing at the next day’s start', () => {
    // Published Monday 2026-12-07 at 10:00 Beijing: Tue..Mon is five working days.
    const p = publicityPeriod(new Date('2026-12-07T02:00:00Z'), 5, cal);
    expect(p).toEqual({ workingDays: 5, lastDay: '2026-12-14', endsAt: new Date('2026-12-14T16:00:00Z') });
    // Over the National Day holiday: 09-30 → 10-08 (Thu), 10-09, 10-10 (worked Saturday), 10-12, 10-13.
    expect(publicityPeriod(new Date('2026-09-30T02:00:00Z'), 5, cal).lastDay).toBe('2026-10-13');
  });

  it('should allow payment only after the notice ended', () => {
    const publicity = { endsAt: new Date('2026-12-14T16:00:00Z'), lastDay: '2026-12-14' };
    expect(() => checkPaymentAllowed(undefined, new Date('2026-12-20T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOTICE_REQUIRED' }));
    expect(() => checkPaymentAllowed(publicity, new Date('2026-12-14T15:59:59Z'))).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOTICE_RUNNING' }));
    expect(() => checkPaymentAllowed(publicity, new Date('2026-12-14T16:00:00Z'))).not.toThrow();
    expect(noticeRunning(publicity, new Date('2026-12-14T16:00:00Z'))).toBe(false);
  });

  it('should take objections to waiting lines only while the notice runs', () => {
    const publicity = { endsAt: new Date('2026-12-14T16:00:00Z'), lastDay: '2026-12-14' };
    const during = new Date('2026-12-10T00:00:00Z');
    expect(() => checkObjectionWindow(publicity, { status: 'pending' }, during)).not.toThrow();
    expect(() => checkObjectionWindow(publicity, { status: 'pending' }, new Date('2026-12-15T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'SUBSIDY_NOTICE_CLOSED', field: 'applicationId' }),
    );
    expect(() => checkObjectionWindow(publicity, undefined, during)).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOTICE_NOT_LISTED' }));
    expect(() => checkObjectionWindow(publicity, { status: 'paid' }, during)).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOTICE_NOT_LISTED' }));
    expect(() => checkObjectionWindow(undefined, { status: 'pending' }, during)).toThrow(expect.objectContaining({ code: 'SUBSIDY_NOTICE_NOT_LISTED' }));
  });

  it('should treat the same decision again as a retry and refuse a different one', () => {
    expect(planObjectionDecision('open', 'uphold')).toBe('apply');
    expect(planObjectionDecision('upheld', 'uphold')).toBe('replay');
    expect(planObjectionDecision('dismissed', 'dismiss')).toBe('replay');
    expect(() => planObjectionDecision('dismissed', 'uphold')).toThrow(expect.objectContaining({ code: 'SUBSIDY_OBJECTION_DECIDED', field: 'decision' }));
  });
});
