import { districtName, formatDate, formatDateTime, formatMonthDayTime, formatSalary } from '@/utils/format';

describe('formatters', () => {
  it('should show a monthly salary range in thousands', () => {
    expect(formatSalary(7000, 11000)).toBe('7K-11K/月');
    expect(formatSalary(2500, 3500)).toBe('2.5K-3.5K/月');
    expect(formatSalary(6000, 6000)).toBe('6K/月');
    expect(formatSalary(0, 0)).toBe('薪资面议');
  });

  it('should name districts and fall back to the city', () => {
    expect(districtName('210211')).toBe('甘井子区');
    expect(districtName('hitech')).toBe('高新技术产业园区');
    expect(districtName(undefined)).toBe('大连市');
  });

  it('should show dates as YYYY-MM-DD and tolerate missing or broken values', () => {
    expect(formatDate('2022-05-11T12:00:00.000Z')).toBe('2022-05-11');
    expect(formatDate('2022-05-11T16:00:00.000Z')).toBe('2022-05-12');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('should show a date and time in Beijing time whatever the phone time zone, and nothing for a missing or bad value', () => {
    expect(formatDateTime('2026-06-01T01:05:00.000Z')).toBe('2026-06-01 09:05');
    expect(formatDateTime('2026-06-01T16:30:00.000Z')).toBe('2026-06-02 00:30');
    expect(formatMonthDayTime('2026-06-01T02:00:00Z')).toBe('6月1日 10:00');
    expect(formatMonthDayTime(undefined)).toBe('');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });
});
