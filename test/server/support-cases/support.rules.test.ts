import { NOTIFIED_SERVICES, overdueReasons, progress1311, supportRates, unemployedSince, type CaseFacts } from '../../../server/src/modules/support/support.rules';

const day = (n: number) => new Date(Date.UTC(2026, 6, 1) + n * 86400000);
const jobs = (from: number, n: number) => Array.from({ length: n }, (_, i) => `job${from + i}`);

const complete: CaseFacts = {
  createdAt: day(0),
  caseworkerId: 'w',
  services: [
    { kind: 'training', at: day(2) },
    { kind: 'trainee', at: day(10) },
    { kind: 'guidance', at: day(3) },
    { kind: 'visit', at: day(20) },
  ],
  rounds: [
    { at: day(1), jobIds: jobs(0, 4) },
    { at: day(15), jobIds: jobs(4, 3) },
    { at: day(29), jobIds: jobs(7, 3) },
  ],
};

describe('1311 rules', () => {
  it('should count a package as complete with 1 training, 3 rounds of 10 distinct jobs, 1 traineeship and 1 guidance session', () => {
    expect(progress1311(complete)).toMatchObject({ training: true, recommendationRounds: 3, jobsRecommended: 10, trainee: true, guidance: true, complete: true });
    expect(progress1311(complete).lastFollowUpAt).toBe(day(20).toISOString());
  });

  it('should not count the same job twice toward the 10', () => {
    const c = { ...complete, rounds: [{ at: day(1), jobIds: jobs(0, 5) }, { at: day(2), jobIds: jobs(0, 5) }, { at: day(3), jobIds: jobs(5, 4) }] };
    expect(progress1311(c)).toMatchObject({ jobsRecommended: 9, complete: false });
  });

  it('should not be complete with only two rounds even with 10 jobs', () => {
    const c = { ...complete, rounds: [{ at: day(1), jobIds: jobs(0, 5) }, { at: day(2), jobIds: jobs(5, 5) }] };
    expect(progress1311(c).complete).toBe(false);
  });

  it('should flag a case with no caseworker after 3 days, no visit for 30 days, or a round overdue', () => {
    const fresh: CaseFacts = { createdAt: day(0), services: [], rounds: [] };
    expect(overdueReasons(fresh, day(2))).toEqual([]);
    expect(overdueReasons(fresh, day(4))).toEqual(['no-caseworker']);
    expect(overdueReasons({ ...fresh, caseworkerId: 'w' }, day(31))).toEqual(['follow-up', 'recommendation']);
    expect(overdueReasons(complete, day(45))).toEqual([]);
    expect(overdueReasons(complete, day(51))).toEqual(['follow-up']);
  });

  it('should never flag a closed case', () => {
    expect(overdueReasons({ createdAt: day(0), services: [], rounds: [], closed: true }, day(100))).toEqual([]);
  });

  it('should compute follow-up and service rates against 100%', () => {
    const none: CaseFacts = { createdAt: day(0), caseworkerId: 'w', services: [], rounds: [] };
    const visited: CaseFacts = { ...none, services: [{ kind: 'visit', at: day(5) }] };
    expect(supportRates([complete, visited, none, none], day(10))).toEqual({ cases: 4, followedUp: 2, served: 1, followUpRate: 0.5, serviceRate: 0.25, overdue: 0 });
    expect(supportRates([], day(10))).toMatchObject({ followUpRate: null, serviceRate: null });
  });
});

describe('staff registration and 1311 notices', () => {
  const today = new Date('2026-11-28T12:00:00Z');

  it('should accept a 暂未就业 date from the graduation year up to today', () => {
    expect(unemployedSince('2026-07-01', 2026, today)?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(unemployedSince('2026-11-28', 2026, today)).not.toBeNull();
    expect(unemployedSince('2025-07-01', 2025, today)).not.toBeNull();
    // 01:00 in Beijing on the 29th is still the 28th in UTC.
    expect(unemployedSince('2026-11-29', 2026, new Date('2026-11-28T17:00:00Z'))).not.toBeNull();
  });

  it('should refuse a 暂未就业 date in the future, before the graduation year, or not a real date', () => {
    expect(unemployedSince('2026-11-29', 2026, today)).toBeNull();
    expect(unemployedSince('2025-12-31', 2026, today)).toBeNull();
    expect(unemployedSince('2026-02-30', 2026, today)).toBeNull();
    expect(unemployedSince('2026/07/01', 2026, today)).toBeNull();
  });

  it('should tell the student about offers and sessions, not staff visit notes', () => {
    expect(NOTIFIED_SERVICES).not.toContain('visit');
  });
});
