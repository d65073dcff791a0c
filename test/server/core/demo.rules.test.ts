import { addDays, beijingClock, beijingDay } from '../../../server/src/contract/time';
import { demoInstant, demoToday, DEMO_CALENDAR_SPAN_DAYS, type DemoCalendar } from '../../../server/src/core/demo.rules';
import { FAIR_SEEDS } from '../../../server/src/modules/fair/fair.seed';
import { LIVE_SESSION_SEEDS } from '../../../server/src/modules/live/live.seed';
import { BUILT_IN_CALENDARS } from '../../../server/src/modules/subsidy/subsidy-calendar.seed';
import { isWorkingDay, workingCalendar } from '../../../server/src/modules/subsidy/subsidy.stages.rules';

/** What DemoSeeder reads from the subsidy module's calendar, built here from the same rules. */
function calendarAt(now: Date): DemoCalendar {
  const cal = workingCalendar(BUILT_IN_CALENDARS);
  const today = demoToday(now);
  const workingDays: string[] = [];
  for (let d = addDays(today, -DEMO_CALENDAR_SPAN_DAYS); d <= addDays(today, DEMO_CALENDAR_SPAN_DAYS); d = addDays(d, 1)) if (isWorkingDay(d, cal)) workingDays.push(d);
  return { today, workingDays };
}

const cal2026 = workingCalendar(BUILT_IN_CALENDARS);

describe('demo scheduling', () => {
  it('should put a slot on the next working day at its Beijing time when the demo starts at 03:00 Beijing', () => {
    const now = new Date('2026-12-08T03:00:00+08:00'); // a Tuesday, at night
    const at = demoInstant({ workday: 1, at: '14:00' }, calendarAt(now));
    expect(at.toISOString()).toBe('2026-12-09T06:00:00.000Z'); // Wednesday 14:00 Beijing, not 03:00 + n hours
  });

  it('should skip the weekend from a Friday and count back over it for past slots', () => {
    const friday = new Date('2026-12-11T23:30:00+08:00');
    expect(beijingDay(demoInstant({ workday: 1, at: '10:00' }, calendarAt(friday)))).toBe('2026-12-14');
    expect(beijingDay(demoInstant({ workday: -1, at: '10:00' }, calendarAt(friday)))).toBe('2026-12-10');
  });

  it('should skip the National Day holiday and count its make-up Saturday as a working day', () => {
    const now = new Date('2026-09-30T03:00:00+08:00');
    const days = [1, 2, 3].map(n => beijingDay(demoInstant({ workday: n, at: '09:00' }, calendarAt(now))));
    expect(days).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('should refuse a slot the calendar does not reach rather than invent a day', () => {
    expect(() => demoInstant({ workday: 5, at: '09:00' }, { today: '2026-12-08', workingDays: ['2026-12-09'] })).toThrow(/no working day 5/);
    expect(() => demoInstant({ workday: 0, at: '09:00' }, { today: '2026-12-08', workingDays: ['2026-12-09'] })).toThrow();
  });

  it.each([
    ['03:00 on a Tuesday', '2026-12-08T03:00:00+08:00'],
    ['23:59 on a Friday', '2026-12-11T23:59:00+08:00'],
    ['noon on the eve of National Day', '2026-09-30T12:00:00+08:00'],
  ])('should seed every live session and fair on a working day within office hours, Beijing time, when started at %s', (_, iso) => {
    const now = new Date(iso);
    const calendar = calendarAt(now);
    const events = [
      ...LIVE_SESSION_SEEDS.map(s => ({ key: s.seedKey, start: demoInstant(s.start, calendar), end: undefined as Date | undefined, past: s.status === 'ended' })),
      ...FAIR_SEEDS.map(f => ({ key: f.seedKey, start: demoInstant(f.start, calendar), end: demoInstant({ ...f.start, at: f.endsAt }, calendar), past: false })),
    ];
    for (const e of events) {
      const clock = beijingClock(e.start);
      expect([e.key, clock >= '09:00' && clock <= '16:00']).toEqual([e.key, true]);
      expect([e.key, isWorkingDay(beijingDay(e.start), cal2026) || beijingDay(e.start) > '2026-12-31']).toEqual([e.key, true]);
      expect([e.key, e.past ? e.start < now : e.start > now]).toEqual([e.key, true]);
      if (e.end) expect([e.key, e.end > e.start && beijingDay(e.end) === beijingDay(e.start) && beijingClock(e.end) <= '18:00']).toEqual([e.key, true]);
    }
  });
});
