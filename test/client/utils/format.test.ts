import { districtName, formatDate, formatDateTime, formatSalary } from '@/utils/format';

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
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('should show a date and time in local time, and nothing for a missing or bad value', () => {
    expect(formatDateTime(new Date(2026, 5, 1, 9, 5).toISOString())).toBe('2026-06-01 09:05');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });
});
