import type { ApplicationStatus } from '../../../server/src/contract/job';
import { RESPONSIVENESS_MIN_SETTLED, responsivenessBadge, typicalDays, waitingLine, type ResponsivenessFigures } from '../../../server/src/contract/responsiveness';
import { figuresOf, isStale, lastStepAt, median, slownessOf, timesOf, untouchedDays, type TimedApplication } from '../../../server/src/modules/job/responsiveness.rules';

const T0 = new Date('2026-05-01T02:00:00.000Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);

function app(status: ApplicationStatus, steps: Array<[ApplicationStatus, number]> = []): TimedApplication {
  return { status, createdAt: T0, steps: [{ status: 'submitted', at: T0 }, ...steps.map(([s, h]) => ({ status: s, at: hours(h) }))] };
}

const figures = (patch: Partial<ResponsivenessFigures>): ResponsivenessFigures => ({
  applications: 20,
  settled: 12,
  answered: 11,
  firstViewMedianHours: 30,
  decisionMedianHours: 50,
  ...patch,
});

describe('median', () => {
  it('should give the middle value, or the mean of the two middle ones, and null for none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('timesOf', () => {
  it('should count 已查看 as the first view and the first of 面试/录用/不合适 as the decision', () => {
    expect(timesOf(app('interview', [['viewed', 10], ['interview', 30]]))).toEqual({ firstViewHours: 10, decisionHours: 30 });
  });

  it('should count a decision without 已查看 as the first view too', () => {
    expect(timesOf(app('rejected', [['rejected', 48]]))).toEqual({ firstViewHours: 48, decisionHours: 48 });
  });

  it('should give neither for an application closed as 未反馈', () => {
    expect(timesOf(app('unanswered', [['unanswered', 14 * 24]]))).toEqual({ firstViewHours: null, decisionHours: null });
  });

  it('should keep the time to the first decision when a hire follows the interview', () => {
    expect(timesOf(app('hired', [['viewed', 5], ['interview', 20], ['hired', 200]])).decisionHours).toBe(20);
  });
});

describe('figuresOf', () => {
  it('should count answered and 未反馈 as settled and leave waiting applications out of the share', () => {
    const f = figuresOf([
      app('interview', [['viewed', 10], ['interview', 30]]),
      app('rejected', [['rejected', 50]]),
      app('unanswered', [['unanswered', 336]]),
      app('viewed', [['viewed', 20]]),
      app('submitted'),
    ]);
    expect(f).toEqual({ applications: 5, settled: 3, answered: 2, unanswered: 1, firstViewMedianHours: 20, decisionMedianHours: 40 });
  });

  it('should give null medians when nobody answered', () => {
    expect(figuresOf([app('unanswered', [['unanswered', 336]])])).toMatchObject({ firstViewMedianHours: null, decisionMedianHours: null, settled: 1, answered: 0 });
  });

  it('should round medians to a tenth of an hour', () => {
    expect(figuresOf([app('rejected', [['rejected', 1 / 3]])]).firstViewMedianHours).toBe(0.3);
  });
});

describe('responsivenessBadge', () => {
  it(`should show nothing below ${RESPONSIVENESS_MIN_SETTLED} settled applications`, () => {
    expect(responsivenessBadge(figures({ settled: RESPONSIVENESS_MIN_SETTLED - 1, answered: 9 }))).toBeNull();
  });

  it('should say 通常 N 天内反馈 with N the median first view rounded up to whole days, and the answered share', () => {
    expect(responsivenessBadge(figures({ settled: 10, answered: 9, firstViewMedianHours: 30 }))).toEqual({
      line: '通常 2 天内反馈',
      answeredLine: '近90天答复率 90%',
      typicalDays: 2,
      answeredPercent: 90,
    });
  });

  it('should say 1 天 for answers within a day and exactly 2 days as 2', () => {
    expect(responsivenessBadge(figures({ firstViewMedianHours: 3 }))?.line).toBe('通常 1 天内反馈');
    expect(responsivenessBadge(figures({ firstViewMedianHours: 48 }))?.line).toBe('通常 2 天内反馈');
    expect(typicalDays(0)).toBe(1);
  });

  it('should say so plainly when an enterprise with enough data answered nobody', () => {
    expect(responsivenessBadge(figures({ settled: 12, answered: 0, firstViewMedianHours: null, decisionMedianHours: null }))).toMatchObject({
      line: '近期投递大多未获反馈',
      answeredLine: '近90天答复率 0%',
      typicalDays: null,
    });
  });
});

describe('slownessOf', () => {
  it('should rank a slower first view above a faster one, and nobody answered slowest of all', () => {
    const fast = slownessOf(figures({ firstViewMedianHours: 20 }), 90);
    const slow = slownessOf(figures({ firstViewMedianHours: 120 }), 90);
    const silent = slownessOf(figures({ firstViewMedianHours: null, answered: 0 }), 90);
    expect(fast).toBeLessThan(slow);
    expect(slow).toBeLessThan(silent);
  });

  it('should break a tie of medians by the share left unanswered', () => {
    expect(slownessOf(figures({ answered: 6 }), 90)).toBeGreaterThan(slownessOf(figures({ answered: 12 }), 90));
  });
});

describe('stale applications', () => {
  const now = hours(14 * 24);

  it('should close an application 已投递 untouched for the whole period, and not an hour before', () => {
    expect(isStale(app('submitted'), now, 14)).toBe(true);
    expect(isStale(app('submitted'), hours(14 * 24 - 1), 14)).toBe(false);
  });

  it('should count the waiting time from the recruiter’s last step (已查看)', () => {
    expect(isStale(app('viewed', [['viewed', 48]]), now, 14)).toBe(false);
    expect(isStale(app('viewed', [['viewed', 48]]), hours(16 * 24), 14)).toBe(true);
    expect(lastStepAt(app('viewed', [['viewed', 48]]))).toEqual(hours(48));
  });

  it('should never close an application at 面试 or decided', () => {
    for (const status of ['interview', 'hired', 'rejected', 'unanswered'] as const) {
      expect(isStale(app(status, [[status, 1]]), hours(100 * 24), 14)).toBe(false);
    }
  });

  it('should follow a configured period', () => {
    expect(isStale(app('submitted'), hours(7 * 24), 7)).toBe(true);
  });

  it('should tell the student the whole days it was left untouched', () => {
    expect(untouchedDays(app('submitted'), hours(14 * 24 + 5))).toBe(14);
  });
});

describe('waitingLine (我的投递)', () => {
  const view = (status: string, steps: Array<[string, number]> = []) => ({
    status,
    createdAt: T0.toISOString(),
    steps: [{ status: 'submitted', at: T0.toISOString() }, ...steps.map(([s, h]) => ({ status: s, at: hours(h).toISOString() }))],
  });

  it('should say how long a waiting application has waited', () => {
    expect(waitingLine(view('submitted'), hours(5))).toBe('今天投递，等待企业处理');
    expect(waitingLine(view('submitted'), hours(3 * 24 + 2))).toBe('已等待 3 天');
    expect(waitingLine(view('viewed', [['viewed', 30]]), hours(6 * 24))).toBe('已等待 6 天');
  });

  it('should say how long the answer took once answered', () => {
    expect(waitingLine(view('interview', [['viewed', 10], ['interview', 50]]), hours(300))).toBe('2 天后得到答复');
    expect(waitingLine(view('rejected', [['rejected', 3]]), hours(300))).toBe('当天得到答复');
  });

  it('should say after how long it closed as 未反馈', () => {
    expect(waitingLine(view('unanswered', [['unanswered', 14 * 24]]), hours(20 * 24))).toBe('等待 14 天未获反馈，已关闭');
  });
});
