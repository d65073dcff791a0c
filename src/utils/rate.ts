import { formatDateTime } from './format';
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

/** The freshness line under cached figures: `数据更新于 2026-11-30 13:55（最长缓存 60 秒）`. */
export function freshnessText(computedAt: string, freshnessSeconds: number): string {
  const at = formatDateTime(computedAt);
  if (!at) return '';
  return `数据更新于 ${at}（最长缓存 ${freshnessSeconds} 秒）`;
}
