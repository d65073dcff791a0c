import { DISTRICTS, type DistrictCode } from '@contract/reference';

const districtNames = new Map<string, string>(DISTRICTS.map(d => [d.code, d.name]));

export function districtName(code: DistrictCode | undefined): string {
  return (code && districtNames.get(code)) || '大连市';
}

/** `2026-05-11T08:00:00.000Z` → `2026-05-11` (local date). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2026-05-11T01:30:00.000Z` → `2026-05-11 09:30` (local time). */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
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
