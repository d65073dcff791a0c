/**
 * Personal numbers never reach a log line. ID numbers (18 characters, the last may be X), mobile
 * numbers (11 digits, also with +86/86 in front) and bank cards (16–19 digits) are all runs of 11
 * to 19 digits, with single spaces or dashes allowed between groups. A run glued to letters is left
 * alone, so hex ids (ObjectIds, request ids) are never touched.
 */
const PERSONAL_NUMBER = /(?<![0-9A-Za-z])\d(?:[ -]?\d){10,18}(?:[ -]?[Xx])?(?![0-9A-Za-z])/g;

/** Query parameters whose values are credentials or search words (a name, an ID, a phone number): never logged. */
const SECRET_PARAMS = /([?&](?:token|access_token|accessToken|refreshToken|refresh_token|q|keyword|name|phone|mobile|idNumber)=)[^&#]*/gi;

export const REDACTED = '[已隐去]';

export function redactPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER, REDACTED);
}

/**
 * A URL as it may be logged: %-escapes decoded first (so `%2B86…` or a name glued to a number by
 * encoding is still seen), then credentials and personal numbers masked.
 */
export function redactUrl(url: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    decoded = url; // malformed escapes: mask what can be read as it is
  }
  return redactPersonalNumbers(decoded.replace(SECRET_PARAMS, `$1${REDACTED}`));
}

/** Longest message part of a log line about a refused request; client input beyond it is cut. */
export const MAX_LOGGED_MESSAGE = 300;

export function clip(text: string, max = MAX_LOGGED_MESSAGE): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} 字符)` : text;
}

/** What @midwayjs/logger hands a format function (its getters, not plain fields). */
export interface LogInfo {
  timestamp: string | number;
  LEVEL: string;
  pid: number;
  message: string;
  ctx?: unknown;
}

interface LoggedContext {
  userId?: string;
  traceId?: string;
  ip: string;
  method: string;
  url: string;
  startTime: number;
}

/** Every line of every logger: the default layout, personal numbers masked. */
export function logLine(info: LogInfo): string {
  return `${info.timestamp} ${info.LEVEL} ${info.pid} ${redactPersonalNumbers(info.message)}`;
}

/** Lines written through ctx.logger: Midway's koa layout, with the URL and the message redacted. */
export function contextLogLine(info: LogInfo): string {
  const ctx = info.ctx as LoggedContext;
  const label = `${ctx.userId ?? '-'}/${ctx.ip}/${ctx.traceId ?? '-'}/${Date.now() - ctx.startTime}ms ${ctx.method} ${redactUrl(ctx.url)}`;
  return `${info.timestamp} ${info.LEVEL} ${info.pid} [${label}] ${redactPersonalNumbers(info.message)}`;
}
