import { Types } from 'mongoose';
import {
  TokenBucket,
  afterRetryable,
  audiencePrefilter,
  backoffMs,
  claimableFilter,
  classifySend,
  deliveryId,
  eventPushId,
  foldStats,
  isClaimable,
  mayStartSend,
  policyPage,
  pushState,
} from '../../../server/src/modules/notice/push.rules';

const clean = { ambiguous: false, lastCredit: false };

describe('push rules: classifying a send answer', () => {
  it('should treat errcode 0 as sent', () => {
    expect(classifySend(0, clean)).toEqual({ kind: 'sent', confirmedByCredit: false });
  });

  it.each([-1, 45011, 40001, 42001, 40014])('should retry errcode %i without marking it ambiguous', code => {
    expect(classifySend(code, clean)).toEqual({ kind: 'retry', errcode: code, ambiguous: false });
  });

  it('should retry a transport failure and mark it ambiguous, since WeChat may have delivered', () => {
    expect(classifySend(undefined, clean)).toEqual({ kind: 'retry', ambiguous: true });
  });

  it.each([
    [43101, 'refused', false],
    [47003, 'bad-data', true],
    [40003, 'bad-openid', true],
    [40037, 'rejected', true],
    [41030, 'rejected', true],
  ] as const)('should not retry errcode %i: reason %s, refund %s', (code, reason, refund) => {
    expect(classifySend(code, clean)).toEqual({ kind: 'fail', reason, errcode: code, refund });
  });

  it('should count 43101 as sent when an ambiguous earlier attempt spent the last credit', () => {
    expect(classifySend(43101, { ambiguous: true, lastCredit: true })).toEqual({ kind: 'sent', confirmedByCredit: true });
  });

  it('should keep 43101 a refusal when the earlier attempt was not ambiguous or more credits were held', () => {
    expect(classifySend(43101, { ambiguous: false, lastCredit: true })).toMatchObject({ kind: 'fail', reason: 'refused' });
    expect(classifySend(43101, { ambiguous: true, lastCredit: false })).toMatchObject({ kind: 'fail', reason: 'refused' });
  });
});

describe('push rules: backoff', () => {
  it('should double from the base and stay within [half, full] of the step', () => {
    expect(backoffMs(1, 1000, 60_000, 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, 1)).toBe(1000);
    expect(backoffMs(2, 1000, 60_000, 1)).toBe(2000);
    expect(backoffMs(3, 1000, 60_000, 0.5)).toBe(3000);
  });

  it('should cap the delay at the maximum', () => {
    expect(backoffMs(20, 1000, 60_000, 1)).toBe(60_000);
    expect(backoffMs(20, 1000, 60_000, 0)).toBe(30_000);
  });

  it('should give up once the attempts reach the maximum', () => {
    expect(afterRetryable(5, 6)).toBe('retry');
    expect(afterRetryable(6, 6)).toBe('give-up');
  });
});

describe('push rules: leases', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const later = (ms: number) => new Date(now.getTime() + ms);

  it('should let a pending, due chunk with an expired lease be claimed', () => {
    expect(isClaimable({ state: 'pending', nextAttemptAt: ago(1), leaseUntil: ago(1) }, now)).toBe(true);
  });

  it('should refuse a chunk whose lease is live, that is done, or that waits for a retry', () => {
    expect(isClaimable({ state: 'pending', nextAttemptAt: ago(1), leaseUntil: later(1) }, now)).toBe(false);
    expect(isClaimable({ state: 'done', nextAttemptAt: ago(1), leaseUntil: ago(1) }, now)).toBe(false);
    expect(isClaimable({ state: 'pending', nextAttemptAt: later(1), leaseUntil: ago(1) }, now)).toBe(false);
  });

  it('should express the same condition as the claim query', () => {
    expect(claimableFilter(now)).toEqual({ state: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } });
  });

  it('should stop starting sends a margin before the lease ends', () => {
    expect(mayStartSend(10_000, 2_000, 7_000)).toBe(true);
    expect(mayStartSend(10_000, 3_000, 7_000)).toBe(false);
  });
});

describe('push rules: rate limit', () => {
  it('should grant a burst and then one token per 1/rate seconds', () => {
    const bucket = new TokenBucket(100, 2, 0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(10);
    expect(bucket.take(10)).toBe(0);
    expect(bucket.take(10)).toBeGreaterThan(0);
  });
});

describe('push rules: recipients and message', () => {
  it('should derive the same delivery id for the same policy and student only', () => {
    const content = new Types.ObjectId();
    const user = new Types.ObjectId();
    expect(deliveryId(content, user).equals(deliveryId(content, user))).toBe(true);
    expect(deliveryId(content, user).equals(deliveryId(new Types.ObjectId(), user))).toBe(false);
  });

  it('should derive a stable push-like key per inbox event', () => {
    const id = 'live-start:0123456789abcdef01234567';
    expect(eventPushId(id).equals(eventPushId(id))).toBe(true);
    expect(eventPushId(id).toHexString()).toMatch(/^[0-9a-f]{24}$/);
    expect(eventPushId(id).equals(eventPushId('live-start:0123456789abcdef01234568'))).toBe(false);
    // Not the id of the content it names, so event items never share a key with a policy push.
    expect(eventPushId('0123456789abcdef01234567').toHexString()).not.toBe('0123456789abcdef01234567');
  });

  it('should prefilter students by year, degree and 双一流 and leave the rest to audienceFit', () => {
    expect(
      audiencePrefilter({ graduationYears: [2026], degrees: ['master'], doubleFirstClassOnly: true, hardshipOnly: true, districts: ['210202'], majorKeywords: ['软件'] }),
    ).toEqual({ roles: 'student', 'profile.graduationYear': { $in: [2026] }, 'profile.degree': { $in: ['master'] }, 'profile.doubleFirstClass': true });
    expect(audiencePrefilter({ graduationYears: [], degrees: [], doubleFirstClassOnly: false, hardshipOnly: false, districts: [], majorKeywords: [] })).toEqual({ roles: 'student' });
  });

  it('should deep-link the policy detail page with the delivery id', () => {
    expect(policyPage('a'.repeat(24), 'b'.repeat(24))).toBe(`packages/policy/pages/detail/index?id=${'a'.repeat(24)}&n=${'b'.repeat(24)}`);
  });
});

describe('push rules: statistics', () => {
  it('should fold status counts into figures with failures by reason and errcode', () => {
    const s = foldStats(
      [
        { status: 'sent', count: 7 },
        { status: 'pending', count: 2 },
        { status: 'no-credit', count: 3 },
        { status: 'failed', reason: 'bad-data', errcode: 47003, count: 1 },
        { status: 'failed', reason: 'refused', errcode: 43101, count: 4 },
        { status: 'failed', reason: 'no-openid', count: 1 },
        { status: 'opted-out', count: 2 },
      ],
      true,
      true,
    );
    expect(s).toMatchObject({ audience: 20, sent: 7, pending: 2, noCredit: 3, failed: 6, off: 0, optedOut: 2, state: 'sending' });
    expect(s.failedBy).toEqual([
      { reason: 'refused', errcode: 43101, count: 4 },
      { reason: 'bad-data', errcode: 47003, count: 1 },
      { reason: 'no-openid', count: 1 },
    ]);
  });

  it('should report an empty audience as 0 and done', () => {
    expect(foldStats([], true, true)).toMatchObject({ audience: 0, state: 'done' });
  });

  it('should say off when sending is not configured and sending while recipients are still written', () => {
    expect(pushState(false, 0, true)).toBe('off');
    expect(pushState(true, 0, false)).toBe('sending');
    expect(pushState(true, 0, true)).toBe('done');
  });
});
