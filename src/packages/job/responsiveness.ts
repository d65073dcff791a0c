/** A median duration as staff read it: hours below a day, else days with one decimal; 暂无 without one. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '暂无';
  if (hours < 24) return `${Math.max(1, Math.round(hours))} 小时`;
  return `${(Math.round((hours / 24) * 10) / 10).toFixed(1)} 天`;
}
