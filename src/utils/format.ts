import { DISTRICTS, type DistrictCode } from '@contract/reference';
import { beijingDateTime, beijingDay, monthDayTime } from '@contract/time';

const districtNames = new Map<string, string>(DISTRICTS.map(d => [d.code, d.name]));

export function districtName(code: DistrictCode | undefined): string {
  return (code && districtNames.get(code)) || '大连市';
}

function instant(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2026-05-11T16:30:00.000Z` → `2026-05-12`: the Dalian calendar day, whatever the phone's time zone. */
export function formatDate(iso: string | undefined): string {
  const date = instant(iso);
  return date ? beijingDay(date) : '';
}

/** `2026-05-11T01:30:00.000Z` → `2026-05-11 09:30`, Beijing time. */
export function formatDateTime(iso: string | undefined): string {
  const date = instant(iso);
  return date ? beijingDateTime(date) : '';
}

/** `2026-06-01T02:00:00Z` → `6月1日 10:00`, Beijing time. */
export function formatMonthDayTime(iso: string | undefined): string {
  const date = instant(iso);
  return date ? monthDayTime(date) : '';
}

function thousands(yuan: number): string {
  return `${Number((yuan / 1000).toFixed(1))}K`;
}

/** Monthly salary in yuan → `7K-11K/月`; 0 means the employer did not say. */
export function formatSalary(min: number, max: number): string {
  if (!min && !max) return '薪资面议';
  if (!max || min === max) return `${thousands(min || max)}/月`;
  return `${thousands(min)}-${thousands(max)}/月`;
}

/** A position on a stream's time line: 05:09, or 1:02:03 past the hour. */
export function streamOffsetLabel(offsetMs: number): string {
  const total = Math.max(0, Math.floor(offsetMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
