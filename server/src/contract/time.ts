/**
 * Calendar time of the service: Dalian keeps Beijing time (UTC+8, no daylight saving), whatever the
 * server's or the phone's time zone. Both sides format dates here; each function is named by what it
 * returns.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The instant shifted so its UTC fields read as Beijing wall-clock fields. */
function wallClock(at: Date): Date {
  return new Date(at.getTime() + BEIJING_OFFSET_MS);
}

/** `2026-06-02`: the Beijing calendar day of an instant. */
export function beijingDay(at: Date): string {
  return wallClock(at).toISOString().slice(0, 10);
}

/** `2026年6月2日`: the Beijing calendar day in words (WeChat's `date` template fields take it). */
export function chineseDate(at: Date): string {
  const b = wallClock(at);
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日`;
}

/** `6月2日 14:00`, Beijing time. */
export function monthDayTime(at: Date): string {
  const b = wallClock(at);
  return `${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** `14:00`, Beijing time. */
export function beijingClock(at: Date): string {
  const b = wallClock(at);
  return `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** Whether `day` is a real `YYYY-MM-DD` calendar day (not `2025-02-30`, not `2025-13-45`). */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === day;
}

/** The first instant (00:00) of a Beijing calendar day. */
export function startOfBeijingDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - BEIJING_OFFSET_MS);
}

/** The last millisecond of a Beijing calendar day. */
export function endOfBeijingDay(day: string): Date {
  return new Date(startOfBeijingDay(day).getTime() + DAY_MS - 1);
}

/** The calendar day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Beijing wall-clock `hour`:00 on the day `inDays` after the Beijing day of `now`. */
export function beijingAt(now: Date, inDays: number, hour: number): Date {
  return new Date(startOfBeijingDay(addDays(beijingDay(now), inDays)).getTime() + hour * HOUR_MS);
}

/** 1 (Monday) … 7 (Sunday): the Beijing weekday of an instant. */
export function beijingWeekday(at: Date): number {
  const day = new Date(Date.parse(`${beijingDay(at)}T00:00:00.000Z`)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `2026-06-02 14:00`, Beijing time. */
export function beijingDateTime(at: Date): string {
  return `${beijingDay(at)} ${beijingClock(at)}`;
}

/**
 * The instant of Beijing wall-clock `day` (`YYYY-MM-DD`) at `clock` (`HH:mm`), whatever the device's zone;
 * undefined when either is not a real day or time (`2026-02-30`, `25:00`).
 */
export function beijingInstant(day: string, clock: string): Date | undefined {
  const t = /^(\d{1,2}):(\d{2})$/.exec(clock.trim());
  if (!isCalendarDay(day) || !t) return undefined;
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  if (hour > 23 || minute > 59) return undefined;
  return new Date(startOfBeijingDay(day).getTime() + hour * HOUR_MS + minute * 60_000);
}

/** `2026-06-01 09:30` (or `2026-6-1 9:30`, `T` between) typed as Beijing time → the instant; undefined when it is not one. */
export function parseBeijingDateTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}:\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return beijingInstant(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`, m[4]);
}
