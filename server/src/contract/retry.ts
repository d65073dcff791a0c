/**
 * How clients treat 503 SERVER_BUSY (core/admission.ts): the request was not processed, so it is
 * sent again, whatever its method, after Retry-After (seconds; 2 when absent) doubled per attempt
 * and stretched by up to half again at random — a crowd turned away together must not come back
 * together — and never more than 20 s.
 */
export const BUSY_RETRY_ATTEMPTS = 3;

export function busyDelayMs(attempt: number, retryAfter: string | null | undefined, random: number): number {
  const seconds = Number(retryAfter);
  const base = (Number.isFinite(seconds) && seconds > 0 ? seconds : 2) * 1000 * 2 ** attempt;
  return Math.min(20_000, Math.round(base * (1 + random * 0.5)));
}

/**
 * A change (POST, PUT, PATCH, DELETE) may carry an Idempotency-Key: a value the client makes once per
 * change and sends again with every resend of it. The server does the change once; a resend gets the
 * first outcome (header Idempotent-Replayed: true), or 409 IDEMPOTENCY_IN_PROGRESS while the first is
 * still being processed. So a change whose answer never came (no connection, a gateway's 502/504) is
 * sent again, up to LOST_ANSWER_RETRY_ATTEMPTS times, spaced by lostAnswerDelayMs.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** 16–64 letters, digits, `-` or `_`: a UUID, or the mini-program's time-and-random key. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{16,64}$';
export const LOST_ANSWER_RETRY_ATTEMPTS = 3;

/**
 * Whether a named change's answer was lost, so that it is sent again: no answer at all (status 0: the request
 * may or may not have arrived), a gateway's 502/504 without our error body (the process behind it went away),
 * or the server saying the first attempt is still being processed. `code` is our error body's code, if any.
 */
export function answerWasLost(status: number, code: string | undefined): boolean {
  if (status === 0) return true;
  if (status === 502 || status === 504) return code === undefined;
  return status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS';
}

/**
 * Shorter than the busy spacing: a lost answer is a moment's trouble (a process restarting behind the
 * gateway takes 1–3 s), and a phone that is offline should hear so within seconds: 0.5, 1, 2 s (or
 * Retry-After doubled), stretched by up to half again at random; all three resends within 5.25 s.
 */
export function lostAnswerDelayMs(attempt: number, retryAfter: string | null | undefined, random: number): number {
  const seconds = Number(retryAfter);
  const base = (Number.isFinite(seconds) && seconds > 0 ? seconds : 0.5) * 1000 * 2 ** attempt;
  return Math.min(20_000, Math.round(base * (1 + random * 0.5)));
}
