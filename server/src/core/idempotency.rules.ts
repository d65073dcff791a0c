import { createHash } from 'crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '../contract/retry';

export { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../contract/retry';

const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

export function isIdempotencyKey(key: string): boolean {
  return KEY.test(key);
}

export const CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One record per caller and key: a signed-in user's keys are theirs wherever they send them from (a
 * resend may come after the token was renewed, or over another network); a guest's are tied to the address.
 */
export function recordId(caller: { userId?: string; address: string }, key: string): string {
  const scope = caller.userId ? `user:${caller.userId}` : `address:${caller.address}`;
  return createHash('sha256').update(`${scope}\n${key}`).digest('hex');
}

/**
 * What makes a resend the same request: method, path with query, and the body. A multipart body is not
 * read yet when this runs (its route's own parser does that), so its type (with the boundary) and length stand in.
 */
export function requestFingerprint(req: { method: string; url: string; body: unknown; contentType?: string; contentLength?: string }): string {
  const body = req.contentType?.startsWith('multipart/') ? `${req.contentType}\n${req.contentLength ?? ''}` : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.url}\n${body}`).digest('hex');
}

/**
 * Whether an answer the route gave is the outcome to give every resend: a success. A refusal is not kept
 * (it arrives as a thrown error, and changed nothing, so a resend is processed afresh — and succeeds once
 * the client has put the request right under the same key); nor are server errors, a full server, or what
 * depends on the moment (an expired token, a rate limit, a timeout), should a route answer so itself.
 */
export function keepsOutcome(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Stored answers are JSON documents of at most this many characters; a larger one is processed afresh on a resend. */
export const MAX_STORED_ANSWER_CHARS = 256 * 1024;

/** How long an outcome is given back to a resend. */
export const OUTCOME_TTL_MS = 24 * 3_600_000;

/**
 * How long an attempt in progress holds its key. Longer than the drain (DRAIN_TIMEOUT_MS, 20 s) lets any
 * request run; after it, the attempt is taken for dead (its process stopped without answering) and a resend runs.
 */
export const ATTEMPT_LEASE_MS = 60_000;
