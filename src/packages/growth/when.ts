/** Pure helpers for the staff forms (dates are entered in Beijing time). */
import { addDays, beijingClock, beijingDay } from '@contract/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** Tomorrow's date in Beijing, `YYYY-MM-DD`. */
export function tomorrowInBeijing(now = new Date()): string {
  return addDays(beijingDay(now), 1);
}

/** `2026-06-02` + `09:30` → `2026-06-02T09:30:00+08:00`, or '' when either part is malformed. */
export function beijingIso(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return '';
  const [h, m] = time.split(':').map(Number);
  if (h > 23 || m > 59) return '';
  const iso = `${date}T${pad(h)}:${pad(m)}:00+08:00`;
  return Number.isNaN(new Date(iso).getTime()) ? '' : iso;
}

/** `count` back-to-back slots of `minutes` from the first start. */
export function consecutiveSlots(firstIso: string, minutes: number, count: number): Array<{ startsAt: string; durationMinutes: number }> {
  const start = new Date(firstIso).getTime();
  return Array.from({ length: count }, (_, i) => ({ startsAt: new Date(start + i * minutes * 60_000).toISOString(), durationMinutes: minutes }));
}

/** An instant as the Beijing date and time staff type: `{ date: '2026-06-02', time: '14:00' }`. */
export function beijingParts(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return { date: beijingDay(at), time: beijingClock(at) };
}
