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
