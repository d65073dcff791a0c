import {
  checkObjectionWindow,
  checkPaymentAllowed,
  maskPersonName,
  noticeCounts,
  noticeLinesPage,
  noticePrograms,
  noticeRunning,
  planObjectionDecision,
  publicityPeriod,
} from '../../../server/src/modules/subsidy/subsidy.publicity.rules';
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

  describe('a notice a page at a time', () => {
    const id = (n: number) => ({ toHexString: () => n.toString(16).padStart(24, '0') });
    const line = (n: number, name: string, extra: { programName?: string; status?: string; held?: boolean } = {}) => ({ applicationId: id(n), name, programName: '住房补贴', status: 'pending', ...extra });
    const lines = [
      line(1, '张小明'),
      line(2, '李四', { status: 'paid' }),
      line(3, '王五', { held: true }),
      line(4, '张小明', { programName: '学费补贴' }),
      line(5, '赵六'),
    ];
    const ids = (rows: Array<{ applicationId: { toHexString(): string } }>) => rows.map(r => parseInt(r.applicationId.toHexString(), 16));

    it('should list and count only the lines still waiting for payment, with the held ones', () => {
      expect(noticeCounts(lines)).toEqual({ total: 4, held: 1 });
      expect(noticePrograms(lines)).toEqual(['住房补贴', '学费补贴']);
    });

    it('should page after the last id shown, even when that line has left the batch since', () => {
      const first = noticeLinesPage(lines, {}, 2);
      expect([ids(first.rows), first.more]).toEqual([[1, 3], true]);
      const rest = noticeLinesPage(lines.filter(l => parseInt(l.applicationId.toHexString(), 16) !== 3), { after: id(3).toHexString() }, 2);
      expect([ids(rest.rows), rest.more]).toEqual([[4, 5], false]);
    });

    it('should find a person only by the full name, trimmed, and narrow by program', () => {
      expect(ids(noticeLinesPage(lines, { name: ' 张小明 ' }, 50).rows)).toEqual([1, 4]);
      expect(ids(noticeLinesPage(lines, { name: '张小明', program: '学费补贴' }, 50).rows)).toEqual([4]);
      expect(noticeLinesPage(lines, { name: '张小' }, 50).rows).toEqual([]);
      expect(noticeLinesPage(lines, { name: '李四' }, 50).rows).toEqual([]);
      expect(ids(noticeLinesPage(lines, { name: '  ' }, 50).rows)).toEqual([1, 3, 4, 5]);
    });
  });
});
