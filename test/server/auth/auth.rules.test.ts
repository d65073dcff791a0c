import { hashRefreshSecret, newRefreshSecret, parseRefreshToken } from '../../../server/src/modules/auth/auth.rules';

describe('refresh tokens', () => {
  it('should parse a session id and a secret', () => {
    const secret = newRefreshSecret();
    expect(parseRefreshToken(`0123456789abcdef01234567.${secret}`)).toEqual({
      sessionId: '0123456789abcdef01234567',
      secret,
    });
  });

  it.each(['', 'x.y', '0123456789abcdef01234567', `zz23456789abcdef01234567.${'a'.repeat(43)}`])(
    'should reject %p',
    token => expect(parseRefreshToken(token)).toBeNull(),
  );

  it('should hash secrets deterministically and differently', () => {
    expect(hashRefreshSecret('a')).toBe(hashRefreshSecret('a'));
    expect(hashRefreshSecret('a')).not.toBe(hashRefreshSecret('b'));
  });
});
