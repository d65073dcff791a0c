import { UserModel } from '../../../server/src/modules/user/user.model';
import { startApiPairOnRedis, type ApiPair } from '../support/processes';
import { createTestApp, type TestApp } from '../support/test-app';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

/** Polls until `check` holds; returns how long that took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise(r => setTimeout(r, 10));
  }
  return Date.now() - started;
}

/**
 * Two API processes share the database and Redis, and each trusts its cached session versions for
 * ten minutes: only the invalidation published over Redis can make the second one notice in time.
 */
describe('session versions and rate limits across two server processes with Redis', () => {
  let t: TestApp;
  let pair: ApiPair;
  let a: string;
  let b: string;

  beforeAll(async () => {
    const dbName = `t_session_redis_${Date.now()}`;
    t = await createTestApp({}, { dbName });
    pair = await startApiPairOnRedis(dbName, { SESSION_VERSION_CACHE_MS: String(10 * 60_000), RATE_LIMIT_DEMO_LOGIN_USER: '4/60' });
    ({ a, b } = pair);
  }, 150_000);

  afterAll(async () => {
    pair?.close();
    await t.close();
  });

  const demoUser = (devAccount: string, roles: Array<'student' | 'college'>, scope = {}) =>
    t.db.model(UserModel).create({ devAccount, nickname: devAccount, roles, scope });

  it('should refuse on the other process the access token of a session logged out on one', async () => {
    const user = await demoUser('redis-logout', ['student']);
    const login = await call(a, 'POST', '/api/auth/dev-login', { userId: user._id.toHexString() });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    expect((await call(b, 'GET', '/api/me', undefined, token)).status).toBe(200);

    expect((await call(a, 'POST', '/api/auth/logout', undefined, token)).status).toBe(204);
    const took = await within(2_000, async () => (await call(b, 'GET', '/api/me', undefined, token)).status === 401);
    expect(took).toBeLessThan(2_000);
    expect((await call(b, 'GET', '/api/me', undefined, token)).body.code).toBe('TOKEN_REVOKED');
  });

  it('should take a removed staff role away on the other process too', async () => {
    const admin = await t.user({ roles: ['admin'] });
    const teacher = await demoUser('redis-teacher', ['college'], { collegeId: 'dlut' });
    const login = await call(a, 'POST', '/api/auth/dev-login', { userId: teacher._id.toHexString() });
    const token = login.body.accessToken as string;
    expect((await call(b, 'GET', '/api/staff/registry/graduates', undefined, token)).status).toBe(200);

    const removed = await call(a, 'PUT', `/api/admin/users/${teacher._id.toHexString()}/roles`, { roles: ['student'], scope: {}, reason: '调离' }, admin.token);
    expect(removed.status).toBe(200);
    await within(2_000, async () => (await call(b, 'GET', '/api/staff/registry/graduates', undefined, token)).status === 401);
    const renewed = await call(b, 'POST', '/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await call(b, 'GET', '/api/staff/registry/graduates', undefined, renewed.body.accessToken as string)).status).toBe(403);
  });

  it('should count one account\'s demo logins on both processes together (429 RATE_LIMITED with Retry-After)', async () => {
    const user = await demoUser('redis-rate', ['student']);
    const login = (base: string) => call(base, 'POST', '/api/auth/dev-login', { userId: user._id.toHexString() });
    for (const base of [a, b, a, b]) expect((await login(base)).status).toBe(200);
    const refused = await login(a);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await login(b)).status).toBe(429);
  });
});
