import {
  addDays,
  beijingAt,
  beijingClock,
  beijingDay,
  chineseDate,
  endOfBeijingDay,
  isCalendarDay,
  monthDayTime,
  beijingInstant,
  parseBeijingDateTime,
  startOfBeijingDay,
} from '../../../server/src/contract/time';

describe('Beijing calendar time', () => {
  it('should give the Beijing day of an instant, which is the next UTC day after 16:00Z', () => {
    expect(beijingDay(new Date('2026-06-15T15:59:59.999Z'))).toBe('2026-06-15');
    expect(beijingDay(new Date('2026-06-15T16:00:00.000Z'))).toBe('2026-06-16');
  });

  it('should write the date in Chinese for WeChat date fields', () => {
    expect(chineseDate(new Date('2026-06-30T17:00:00Z'))).toBe('2026年7月1日');
  });

  it('should write month, day and clock time in Beijing', () => {
    expect(monthDayTime(new Date('2026-12-31T16:05:00Z'))).toBe('1月1日 00:05');
    expect(beijingClock(new Date('2026-06-02T06:30:00Z'))).toBe('14:30');
  });

  it('should bound a Beijing day by its first and last millisecond', () => {
    expect(startOfBeijingDay('2026-06-15').toISOString()).toBe('2026-06-14T16:00:00.000Z');
    expect(endOfBeijingDay('2026-06-15').toISOString()).toBe('2026-06-15T15:59:59.999Z');
    expect(beijingDay(endOfBeijingDay('2026-06-15'))).toBe('2026-06-15');
    expect(beijingDay(new Date(endOfBeijingDay('2026-06-15').getTime() + 1))).toBe('2026-06-16');
  });

  it('should add calendar days across month and year ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('should place an hour on a Beijing day counted from now', () => {
    const now = new Date('2026-06-15T17:00:00Z'); // 2026-06-16 01:00 in Beijing
    expect(beijingAt(now, 1, 14).toISOString()).toBe('2026-06-17T06:00:00.000Z');
  });

  it('should refuse impossible calendar days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2025-02-30')).toBe(false);
    expect(isCalendarDay('2025-13-45')).toBe(false);
    expect(isCalendarDay('2025-1-5')).toBe(false);
  });
});

describe('times typed as Beijing time', () => {
  it('should read a picked day and clock as Beijing wall-clock time', () => {
    expect(beijingInstant('2026-12-09', '04:00')?.toISOString()).toBe('2026-12-08T20:00:00.000Z');
    expect(beijingInstant('2026-12-09', '9:30')?.toISOString()).toBe('2026-12-09T01:30:00.000Z');
  });

  it('should refuse days and clocks that do not exist', () => {
    expect(beijingInstant('2026-02-30', '10:00')).toBeUndefined();
    expect(beijingInstant('2026-06-01', '24:00')).toBeUndefined();
    expect(beijingInstant('2026-06-01', '10:60')).toBeUndefined();
    expect(beijingInstant('', '10:00')).toBeUndefined();
  });

  it('should parse typed date-times with or without leading zeros', () => {
    expect(parseBeijingDateTime('2026-6-1 9:00')?.toISOString()).toBe('2026-06-01T01:00:00.000Z');
    expect(parseBeijingDateTime(' 2026-06-01T16:00 ')?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(parseBeijingDateTime('明天上午')).toBeUndefined();
  });
});
