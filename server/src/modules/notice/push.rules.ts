import { createHash } from 'crypto';
import { Types } from 'mongoose';
import type { DeliveryStatus, PushFailReason, PushState, PushStats } from '../../contract/notice';
import type { Audience } from '../../contract/policy';
import { PAGES, pageWithInboxItem } from './notice.catalogue';

// ---------------------------------------------------------------------------
// Send outcomes
// ---------------------------------------------------------------------------

/** What to do after one subscribeMessage.send call. */
export type SendVerdict =
  | { kind: 'sent'; confirmedByCredit: boolean }
  | { kind: 'retry'; errcode?: number; ambiguous: boolean }
  | { kind: 'fail'; reason: PushFailReason; errcode: number; refund: boolean };

/** errcodes worth another try later: system busy, minute quota, and a token still stale after one refresh. */
export const RETRY_ERRCODES: ReadonlySet<number> = new Set([-1, 45011, 40001, 40014, 42001]);

/** Why WeChat refused for good (wechat.md §2.2); anything unlisted is `rejected`. */
const FAIL_REASONS: Readonly<Record<number, PushFailReason>> = {
  43101: 'refused',
  47003: 'bad-data',
  40003: 'bad-openid',
};

export interface AttemptContext {
  /** An earlier attempt of this delivery may have reached WeChat (timeout, or a worker died mid-send). */
  ambiguous: boolean;
  /** The delivery spent the student's last one-time credit for the template. */
  lastCredit: boolean;
}

/**
 * Classifies an answer. `errcode` 0 is success; `undefined` is a transport failure (no answer).
 * A transport failure is ambiguous: WeChat may have delivered before the connection broke.
 * 43101 after an ambiguous attempt that spent the student's last credit means that attempt got
 * through (WeChat took the credit), so the delivery counts as sent, not refused.
 */
export function classifySend(errcode: number | undefined, ctx: AttemptContext): SendVerdict {
  if (errcode === 0) return { kind: 'sent', confirmedByCredit: false };
  if (errcode === undefined) return { kind: 'retry', ambiguous: true };
  if (RETRY_ERRCODES.has(errcode)) return { kind: 'retry', errcode, ambiguous: false };
  if (errcode === 43101 && ctx.ambiguous && ctx.lastCredit) return { kind: 'sent', confirmedByCredit: true };
  const reason = FAIL_REASONS[errcode] ?? 'rejected';
  // WeChat took no credit for a refused field or openid; 43101 means there was none to take.
  return { kind: 'fail', reason, errcode, refund: errcode !== 43101 };
}

/**
 * Delay before attempt `attempt + 1` (attempt ≥ 1): doubling from `baseMs`, capped at `maxMs`,
 * spread over [½, 1] of that so retries of one burst do not arrive together.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: number = Math.random()): number {
  const exp = Math.min(maxMs, baseMs * Math.pow(2, Math.max(0, attempt - 1)));
  return Math.round(exp / 2 + (exp / 2) * Math.min(1, Math.max(0, random)));
}

/** After a retryable failure: try again later, or give up once `maxAttempts` is reached. */
export function afterRetryable(attempts: number, maxAttempts: number): 'retry' | 'give-up' {
  return attempts >= maxAttempts ? 'give-up' : 'retry';
}

// ---------------------------------------------------------------------------
// Leases
// ---------------------------------------------------------------------------

export interface Lease {
  state: 'pending' | 'done';
  leaseUntil: Date;
  nextAttemptAt: Date;
}

/** Whether any worker may claim a chunk now: pending, due, and nobody holds a live lease. */
export function isClaimable(chunk: Lease, now: Date): boolean {
  return chunk.state === 'pending' && chunk.nextAttemptAt <= now && chunk.leaseUntil <= now;
}

/** The same condition as a query (one place, so the claim and the rule cannot drift apart). */
export function claimableFilter(now: Date): { state: 'pending'; nextAttemptAt: { $lte: Date }; leaseUntil: { $lte: Date } } {
  return { state: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } };
}

/**
 * Whether a worker may still start a send under its lease: it stops `marginMs` before the lease
 * ends, so a send never starts when another worker could already have reclaimed the chunk.
 */
export function mayStartSend(leaseUntil: number, now: number, marginMs: number): boolean {
  return now + marginMs < leaseUntil;
}

// ---------------------------------------------------------------------------
// Rate limit
// ---------------------------------------------------------------------------

/** Token bucket: `ratePerSecond` sends per second, bursts up to `burst`. Time is passed in. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; returns 0 when granted, otherwise the ms to wait before asking again. */
  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = Math.max(this.last, now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}

// ---------------------------------------------------------------------------
// Recipients and messages
// ---------------------------------------------------------------------------

/**
 * The delivery id of (policy, student): derived, so re-running an interrupted audience expansion
 * produces the same ids and chunks, and a student hears about a policy once even when it is
 * unpublished and published again (the later push reaches only students not reached before).
 */
export function deliveryId(contentId: Types.ObjectId, userId: Types.ObjectId): Types.ObjectId {
  const digest = createHash('sha256').update(contentId.toHexString()).update(userId.toHexString()).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}

/** The push-like key of a non-policy inbox event (e.g. `live-start:<sessionId>`): stable across retries. */
export function eventPushId(eventKey: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`event:${eventKey}`).digest().subarray(0, 12));
}

/**
 * A database prefilter for an audience (equality/$in on indexed-free profile fields); the exact
 * match is still `audienceFit`, so the prefilter only needs to be no narrower than the audience.
 */
export function audiencePrefilter(a: Audience): Record<string, unknown> {
  const filter: Record<string, unknown> = { roles: 'student' };
  if (a.graduationYears.length > 0) filter['profile.graduationYear'] = { $in: a.graduationYears };
  if (a.degrees.length > 0) filter['profile.degree'] = { $in: a.degrees };
  if (a.doubleFirstClassOnly) filter['profile.doubleFirstClass'] = true;
  return filter;
}

/** Mini-program page a policy notice opens: the policy detail, tagged with the delivery for read receipts. */
export const POLICY_DETAIL_PAGE = PAGES.policyDetail;

export function policyPage(contentId: string, deliveryIdHex: string): string {
  return pageWithInboxItem(`${POLICY_DETAIL_PAGE}?id=${contentId}`, deliveryIdHex);
}

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

export interface StatusCount {
  status: DeliveryStatus;
  reason?: PushFailReason;
  errcode?: number;
  count: number;
}

type Counts = Pick<PushStats, 'audience' | 'pending' | 'sent' | 'noCredit' | 'failed' | 'failedBy' | 'off' | 'optedOut' | 'digest' | 'state'>;

/** Folds per-(status, reason, errcode) counts into the statistics figures. */
export function foldStats(rows: StatusCount[], sending: boolean, audienceFinal: boolean): Counts {
  const out: Counts = { audience: 0, pending: 0, sent: 0, noCredit: 0, failed: 0, failedBy: [], off: 0, optedOut: 0, digest: 0, state: 'done' };
  const failedBy = new Map<string, { reason: PushFailReason; errcode?: number; count: number }>();
  for (const r of rows) {
    out.audience += r.count;
    if (r.status === 'pending') out.pending += r.count;
    else if (r.status === 'sent') out.sent += r.count;
    else if (r.status === 'no-credit') out.noCredit += r.count;
    else if (r.status === 'off') out.off += r.count;
    else if (r.status === 'opted-out') out.optedOut += r.count;
    else if (r.status === 'held' || r.status === 'digested') out.digest += r.count;
    else {
      out.failed += r.count;
      const reason = r.reason ?? 'rejected';
      const key = `${reason}:${r.errcode ?? ''}`;
      const entry = failedBy.get(key) ?? { reason, ...(r.errcode !== undefined ? { errcode: r.errcode } : {}), count: 0 };
      entry.count += r.count;
      failedBy.set(key, entry);
    }
  }
  out.failedBy = [...failedBy.values()].sort((a, b) => b.count - a.count);
  out.state = pushState(sending, out.pending, audienceFinal);
  return out;
}

export function pushState(sending: boolean, pending: number, audienceFinal: boolean): PushState {
  if (!sending) return 'off';
  return pending > 0 || !audienceFinal ? 'sending' : 'done';
}
