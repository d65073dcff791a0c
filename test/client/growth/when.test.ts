import { beijingIso, consecutiveSlots, tomorrowInBeijing } from '@/packages/growth/when';
import { dayAndTime } from '@/packages/growth/act';

describe('staff form times (Beijing)', () => {
  it('should give tomorrow in Beijing even late in the UTC day', () => {
    expect(tomorrowInBeijing(new Date('2026-06-01T17:00:00Z'))).toBe('2026-06-03');
    expect(tomorrowInBeijing(new Date('2026-06-01T15:00:00Z'))).toBe('2026-06-02');
  });

  it('should turn a date and a time into an ISO time with the +08:00 offset', () => {
    expect(beijingIso('2026-06-02', '9:30')).toBe('2026-06-02T09:30:00+08:00');
    expect(new Date(beijingIso('2026-06-02', '09:30')).toISOString()).toBe('2026-06-02T01:30:00.000Z');
  });

  it('should refuse malformed dates and times', () => {
    expect(beijingIso('2026/06/02', '09:30')).toBe('');
    expect(beijingIso('2026-06-02', '24:00')).toBe('');
    expect(beijingIso('2026-06-02', '09:75')).toBe('');
    expect(beijingIso('2026-13-40', '09:00')).toBe('');
  });

  it('should lay out back-to-back slots from the first start', () => {
    const slots = consecutiveSlots('2026-06-02T09:00:00+08:00', 30, 3);
    expect(slots.map(s => s.startsAt)).toEqual(['2026-06-02T01:00:00.000Z', '2026-06-02T01:30:00.000Z', '2026-06-02T02:00:00.000Z']);
    expect(slots.every(s => s.durationMinutes === 30)).toBe(true);
  });
});

describe('dayAndTime', () => {
  it('should show slot times in Beijing time whatever the device zone', () => {
    expect(dayAndTime('2026-06-02T01:30:00Z')).toEqual({ day: '6月2日 周二', time: '09:30' });
    expect(dayAndTime('2026-06-02T17:00:00Z')).toEqual({ day: '6月3日 周三', time: '01:00' });
  });
});
