import {
  hashRefreshSecret,
  judgeRefresh,
  newRefreshSecret,
  newSessionId,
  parseRefreshToken,
  sameHash,
  type RefreshState,
} from '../../../server/src/modules/auth/auth.rules';

describe('refresh tokens', () => {
  it('should make session ids of 128 random bits that are not ObjectIds', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newSessionId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
  });

  it('should parse a session id and a secret', () => {
    const secret = newRefreshSecret();
    const sessionId = newSessionId();
    expect(parseRefreshToken(`${sessionId}.${secret}`)).toEqual({ sessionId, secret, legacy: false });
  });

  it('should still parse a token of a session started before random ids (ObjectId id)', () => {
    const secret = newRefreshSecret();
    expect(parseRefreshToken(`0123456789abcdef01234567.${secret}`)).toEqual({
      sessionId: '0123456789abcdef01234567',
      secret,
      legacy: true,
    });
  });

  it.each(['', 'x.y', '0123456789abcdef01234567', `zz23456789abcdef01234567.${'a'.repeat(43)}`, `${'a'.repeat(21)}.${'a'.repeat(43)}`])(
    'should reject %p',
    token => expect(parseRefreshToken(token)).toBeNull(),
  );

  it('should hash secrets deterministically and differently', () => {
    expect(hashRefreshSecret('a')).toBe(hashRefreshSecret('a'));
    expect(hashRefreshSecret('a')).not.toBe(hashRefreshSecret('b'));
  });

  it('should compare hashes only when both are present and equally long', () => {
    const a = hashRefreshSecret('a');
    expect(sameHash(a, hashRefreshSecret('a'))).toBe(true);
    expect(sameHash(undefined, a)).toBe(false);
    expect(sameHash(a.slice(1), a)).toBe(false);
  });
});

describe('judging a presented refresh secret', () => {
  const now = new Date('2026-06-02T08:00:00Z');
  const grace = 60_000;
  const h = (s: string) => hashRefreshSecret(s);
  const session = (over: Partial<RefreshState> = {}): RefreshState => ({
    refreshHash: h('s2'),
    previousHash: h('s1'),
    rotatedAt: new Date(now.getTime() - 10_000),
    usedHashes: [h('s0'), h('s1')],
    ...over,
  });

  it('should rotate on the current secret', () => {
    expect(judgeRefresh(session(), h('s2'), h('s3'), now, grace)).toBe('current');
  });

  it('should treat the secret just rotated out as a retry within the grace period when nothing rotated since', () => {
    expect(judgeRefresh(session(), h('s1'), h('s2'), now, grace)).toBe('retry');
  });

  it('should treat the secret just rotated out as reuse after the grace period', () => {
    expect(judgeRefresh(session({ rotatedAt: new Date(now.getTime() - grace - 1) }), h('s1'), h('s2'), now, grace)).toBe('reuse');
  });

  it('should treat an older rotated-out secret as reuse', () => {
    expect(judgeRefresh(session(), h('s0'), h('s1'), now, grace)).toBe('reuse');
  });

  it('should call a secret this session never had unknown, whatever its shape', () => {
    expect(judgeRefresh(session(), h('guess'), h('next'), now, grace)).toBe('unknown');
    expect(judgeRefresh(session({ previousHash: undefined, usedHashes: undefined }), h('guess'), h('next'), now, grace)).toBe('unknown');
  });
});
