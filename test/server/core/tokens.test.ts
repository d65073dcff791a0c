import { bearerToken, signAccessToken, verifyAccessToken } from '../../../server/src/core/tokens';

const SECRET = 'unit-test-secret-of-sufficient-length';
const claims = { sub: 'u1', sid: 's1', roles: ['student' as const], scope: {} };

describe('access tokens', () => {
  it('should verify a token it signed before expiry', () => {
    const token = signAccessToken(claims, SECRET, 900, 1_000);
    const result = verifyAccessToken(token, SECRET, 1_899);
    expect(result).toEqual({ ok: true, claims: { ...claims, iat: 1_000, exp: 1_900 } });
  });

  it('should report an expired token as expired', () => {
    const token = signAccessToken(claims, SECRET, 900, 1_000);
    expect(verifyAccessToken(token, SECRET, 1_900)).toEqual({ ok: false, reason: 'expired' });
  });

  it('should reject a token signed with another secret', () => {
    const token = signAccessToken(claims, 'another-secret-entirely-different', 900, 1_000);
    expect(verifyAccessToken(token, SECRET, 1_000)).toEqual({ ok: false, reason: 'signature' });
  });

  it('should reject a token whose payload was edited to add a role', () => {
    const token = signAccessToken(claims, SECRET, 900, 1_000);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.roles = ['bureau'];
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(verifyAccessToken(forged, SECRET, 1_000)).toEqual({ ok: false, reason: 'signature' });
  });

  it.each(['', 'a.b', 'a.b.c', 'not a token'])('should call %p malformed', token => {
    expect(verifyAccessToken(token, SECRET, 1_000)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('bearerToken', () => {
  it('should read the token from an Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  });

  it.each([undefined, '', 'Basic abc', 'Bearer'])('should ignore %p', header => {
    expect(bearerToken(header)).toBeNull();
  });
});
