/** 0.8534 → `85.3%`; null (nothing to divide by) → `—`. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** 12345 → `12,345`. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

/** ISO time → `2026-11-30 13:55` (local time). */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The freshness line under cached figures: `数据更新于 2026-11-30 13:55（最长缓存 60 秒）`. */
export function freshnessText(computedAt: string, freshnessSeconds: number): string {
  const at = formatDateTime(computedAt);
  if (!at) return '';
  return `数据更新于 ${at}（最长缓存 ${freshnessSeconds} 秒）`;
}
