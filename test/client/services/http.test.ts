import { fake, json, errorBody, networkFailure, type RecordedRequest } from '../support/taro-stub';
import { deferred, loginResult, tokenPair } from '../support/factories';
import { ApiError, request } from '@/services/http';
import { busyDelayMs, lostAnswerDelayMs } from '@contract/retry';
import { busyRetry } from '@/services/transport';
import { PREFETCH_MAX_AGE_MS } from '@/services/prefetch';
import * as session from '@/services/session';
import { storage } from '@/storage';

const LOGIN_PATH = 'packages/account/pages/login/index';

async function signIn(): Promise<void> {
  fake.enqueue(() => json(200, loginResult({ accessToken: 'access-1', refreshToken: 'refresh-1' })));
  await session.devLogin('user-1');
  fake.requests = [];
}

const pathOf = (req: RecordedRequest) => new URL(req.url).pathname;
const isRefresh = (req: RecordedRequest) => pathOf(req) === '/api/auth/refresh';
const bearer = (req: RecordedRequest) => req.header.Authorization;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

beforeEach(() => {
  session.clear();
  fake.reset();
});

describe('request', () => {
  it('should send JSON to API_BASE with the query string and the session bearer token', async () => {
    await signIn();
    fake.enqueue(() => json(200, { items: [] }));

    await request({ path: '/jobs', query: { kind: 'fulltime', district: undefined, limit: 20 } });

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent.url).toBe('https://api.test/api/jobs?kind=fulltime&limit=20');
    expect(sent.method).toBe('GET');
    expect(sent.header).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer access-1' });
  });

  it('should send no Authorization header when nobody is signed in', async () => {
    fake.enqueue(() => json(200, []));
    await request({ path: '/contents' });
    expect(bearer(fake.requests[0])).toBeUndefined();
  });

  it('should resolve with the body of a 2xx answer', async () => {
    fake.enqueue(() => json(200, { id: 'job-1' }));
    await expect(request<{ id: string }>({ path: '/jobs/job-1' })).resolves.toEqual({ id: 'job-1' });
  });

  it('should turn an error body into an ApiError with status, code, message, field and requestId', async () => {
    fake.enqueue(() => errorBody(422, 'ID_NUMBER_INVALID', '身份证号码不正确，请核对后重新填写', 'idNumber'));

    const err = await failure(request({ method: 'PUT', path: '/me/profile', data: { idNumber: '1' } }));

    expect(err).toMatchObject({
      status: 422,
      code: 'ID_NUMBER_INVALID',
      message: '身份证号码不正确，请核对后重新填写',
      field: 'idNumber',
      requestId: 'req-test',
    });
  });

  it.each([
    [404, 'NOT_FOUND'],
    [403, 'FORBIDDEN'],
    [429, 'RATE_LIMITED'],
    [502, 'INTERNAL'],
    [400, 'BAD_REQUEST'],
  ])('should map a %i without an error body to %s with a Chinese message', async (status, code) => {
    fake.enqueue(() => json(status, '<html>Bad Gateway</html>'));

    const err = await failure(request({ path: '/jobs' }));

    expect(err.status).toBe(status);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('should report a request that got no answer as NETWORK with status 0', async () => {
    fake.enqueue(networkFailure);

    const err = await failure(request({ path: '/jobs' }));

    expect(err).toMatchObject({ status: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  });

  it('should not try to refresh when a 401 arrives without a session', async () => {
    fake.enqueue(() => errorBody(401, 'UNAUTHENTICATED', '请先登录'));

    const err = await failure(request({ path: '/me' }));

    expect(err.code).toBe('UNAUTHENTICATED');
    expect(fake.requests).toHaveLength(1);
    expect(fake.navigations).toEqual([]);
  });
});

describe('request with an expired access token', () => {
  it.each([
    ['FORBIDDEN', () => errorBody(403, 'FORBIDDEN', '没有权限进行此操作')],
    ['UNAUTHENTICATED', () => errorBody(401, 'UNAUTHENTICATED', '请先登录')],
  ])('should pass %s straight to the caller without a refresh', async (code, answer) => {
    await signIn();
    fake.enqueue(answer);

    const err = await failure(request({ path: '/admin/users' }));

    expect(err.code).toBe(code);
    expect(fake.requests).toHaveLength(1);
  });

  it('should refresh once for three concurrent requests, then retry each of them once', async () => {
    await signIn();
    const allExpired = deferred();
    let expired = 0;
    fake.handler = async req => {
      if (isRefresh(req)) {
        // Answer only after all three have seen their 401, so all three wait on this refresh.
        await allExpired.promise;
        return json(200, tokenPair('access-2', 'refresh-2'));
      }
      if (bearer(req) === 'Bearer access-1') {
        expired += 1;
        if (expired === 3) allExpired.resolve();
        return errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
      }
      return json(200, { path: pathOf(req) });
    };

    const results = await Promise.all([request({ path: '/a' }), request({ path: '/b' }), request({ path: '/c' })]);

    expect(results).toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
    const refreshes = fake.requests.filter(isRefresh);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].data).toEqual({ refreshToken: 'refresh-1' });
    for (const path of ['/api/a', '/api/b', '/api/c']) {
      expect(fake.requests.filter(r => pathOf(r) === path).map(bearer)).toEqual(['Bearer access-1', 'Bearer access-2']);
    }
    expect(storage.get('session')).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('should also renew on TOKEN_INVALID', async () => {
    await signIn();
    fake.enqueue(
      () => errorBody(401, 'TOKEN_INVALID', '登录凭证无效，请重新登录'),
      () => json(200, tokenPair('access-2', 'refresh-2')),
      () => json(200, { ok: true }),
    );

    await expect(request({ path: '/me' })).resolves.toEqual({ ok: true });
    expect(fake.requests.map(pathOf)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
  });

  it('should renew on TOKEN_REVOKED (logout on another device, roles changed) and retry with the new token', async () => {
    await signIn();
    fake.enqueue(
      () => errorBody(401, 'TOKEN_REVOKED', '登录状态已变化（已退出或权限已调整），请重新登录'),
      () => json(200, tokenPair('access-2', 'refresh-2')),
      () => json(200, { ok: true }),
    );

    await expect(request({ path: '/me' })).resolves.toEqual({ ok: true });
    expect(fake.requests.map(pathOf)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(storage.get('session')).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('should just retry a request whose 401 arrives after another request already renewed the session', async () => {
    await signIn();
    const renewed = deferred();
    fake.handler = async req => {
      if (isRefresh(req)) {
        setTimeout(renewed.resolve, 5);
        return json(200, tokenPair('access-2', 'refresh-2'));
      }
      if (bearer(req) === 'Bearer access-1') {
        if (pathOf(req) === '/api/slow') await renewed.promise;
        return errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
      }
      return json(200, { path: pathOf(req) });
    };

    await Promise.all([request({ path: '/fast' }), request({ path: '/slow' })]);

    expect(fake.requests.filter(isRefresh)).toHaveLength(1);
    expect(fake.requests.filter(r => pathOf(r) === '/api/slow').map(bearer)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('should retry only once: a second 401 reaches the caller', async () => {
    await signIn();
    fake.enqueue(
      () => errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录'),
      () => json(200, tokenPair('access-2', 'refresh-2')),
      () => errorBody(401, 'TOKEN_INVALID', '登录凭证无效，请重新登录'),
    );

    const err = await failure(request({ path: '/me' }));

    expect(err.code).toBe('TOKEN_INVALID');
    expect(fake.requests.filter(isRefresh)).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
  });

  it('should clear the session and open the login page once when the refresh token is rejected', async () => {
    await signIn();
    const listener = jest.fn();
    const unsubscribe = session.subscribe(listener);
    fake.handler = req =>
      isRefresh(req)
        ? errorBody(401, 'REFRESH_TOKEN_INVALID', '登录状态已失效，请重新登录')
        : errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');

    const errors = await Promise.all([failure(request({ path: '/a' })), failure(request({ path: '/b' })), failure(request({ path: '/c' }))]);
    unsubscribe();

    expect(errors.map(e => e.code)).toEqual(['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_INVALID']);
    expect(fake.requests.filter(isRefresh)).toHaveLength(1);
    expect(session.current()).toBeNull();
    expect(storage.get('session')).toBeUndefined();
    expect(listener).toHaveBeenCalledWith(null);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: `/${LOGIN_PATH}` }]);
  });

  it('should not open the login page again when it is already on top', async () => {
    await signIn();
    fake.pages.push(LOGIN_PATH);
    fake.handler = req =>
      isRefresh(req)
        ? errorBody(401, 'REFRESH_TOKEN_INVALID', '登录状态已失效，请重新登录')
        : errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');

    await failure(request({ path: '/me' }));

    expect(fake.navigations).toEqual([]);
  });

  it('should keep the session when the refresh itself cannot reach the server', async () => {
    await signIn();
    fake.handler = req => (isRefresh(req) ? networkFailure() : errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录'));

    const err = await failure(request({ path: '/me' }));

    expect(err.code).toBe('NETWORK');
    expect(session.current()).toEqual({ userId: 'user-1', roles: ['student'] });
    expect(storage.get('session')?.refreshToken).toBe('refresh-1');
    expect(fake.navigations).toEqual([]);
  });
});

/** Replaces the retry sleep for the describe block around it; the waits it was asked for, in order. */
function sleepsRecorded(): number[] {
  const slept: number[] = [];
  const realSleep = busyRetry.sleep;
  beforeEach(() => {
    slept.length = 0;
    busyRetry.sleep = async (ms: number) => {
      slept.push(ms);
    };
  });
  afterEach(() => {
    busyRetry.sleep = realSleep;
  });
  return slept;
}

describe('a request the server turned away as busy', () => {
  const slept = sleepsRecorded();


  const busy = () => ({ ...errorBody(503, 'SERVER_BUSY', '当前办理人数较多，正在为您排队，请稍后再试'), header: { 'Retry-After': '3' } });

  it('should send it again after Retry-After, whatever the method, and resolve with the answer', async () => {
    fake.enqueue(busy, busy, () => json(200, { id: 'app-1' }));
    await expect(request<{ id: string }>({ path: '/subsidy/applications', method: 'POST', data: { submit: true } })).resolves.toEqual({ id: 'app-1' });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.every(r => r.method === 'POST')).toBe(true);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThanOrEqual(3000);
    expect(slept[1]).toBeGreaterThanOrEqual(6000);
  });

  it('should give up after busyRetry.attempts retries with SERVER_BUSY', async () => {
    fake.handler = busy;
    const err = await failure(request({ path: '/jobs' }));
    expect(err).toMatchObject({ status: 503, code: 'SERVER_BUSY' });
    expect(fake.requests).toHaveLength(busyRetry.attempts + 1);
  });

  it('should not retry other 503s or errors', async () => {
    fake.enqueue(() => errorBody(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用，请稍后再试'));
    const err = await failure(request({ path: '/jobs' }));
    expect(err.code).toBe('DATABASE_UNAVAILABLE');
    expect(fake.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });
});

describe('a change whose answer was lost', () => {
  const slept = sleepsRecorded();
  const key = (r: RecordedRequest) => r.header['Idempotency-Key'];


  const gateway = (statusCode: number) => () => json(statusCode, '<html><body>502 Bad Gateway</body></html>');
  const inProgress = () => ({ ...errorBody(409, 'IDEMPOTENCY_IN_PROGRESS', '上一次提交仍在办理中，请稍候'), header: { 'Retry-After': '1' } });

  it('should name every change with one key and send it again, with that key, until the answer comes', async () => {
    fake.enqueue(networkFailure, gateway(502), inProgress, () => json(200, { id: 'app-1' }));
    await expect(request<{ id: string }>({ path: '/subsidy/applications', method: 'POST', data: { submit: true } })).resolves.toEqual({ id: 'app-1' });
    expect(fake.requests).toHaveLength(4);
    expect(key(fake.requests[0])).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(new Set(fake.requests.map(key)).size).toBe(1);
    // 0.5 s and 1 s (no Retry-After), then Retry-After 1 doubled twice: 4 s; each stretched by up to half.
    expect(slept).toHaveLength(3);
    expect(slept[0]).toBeGreaterThanOrEqual(500);
    expect(slept[0]).toBeLessThanOrEqual(750);
    expect(slept[1]).toBeGreaterThanOrEqual(1000);
    expect(slept[2]).toBeGreaterThanOrEqual(4000);
  });

  it('should give each change a key of its own, and a read none', async () => {
    fake.handler = () => json(200, {});
    await request({ path: '/fairs/f1/registrations', method: 'POST' });
    await request({ path: '/fairs/f1/registrations', method: 'POST' });
    await request({ path: '/jobs' });
    expect(key(fake.requests[0])).not.toBe(key(fake.requests[1]));
    expect(key(fake.requests[2])).toBeUndefined();
  });

  it('should keep the key when the session is renewed in between', async () => {
    await signIn();
    fake.enqueue(
      () => errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录'),
      () => json(200, tokenPair('access-2', 'refresh-2')),
      () => json(200, { ok: true }),
    );
    await request({ path: '/me/profile', method: 'PUT', data: { name: '张三' } });
    const changes = fake.requests.filter(r => !isRefresh(r));
    expect(changes).toHaveLength(2);
    expect(key(changes[0])).toBe(key(changes[1]));
  });

  it('should give up with NETWORK after lostAnswerAttempts resends, and never resend a read or an unnamed change', async () => {
    fake.handler = networkFailure;
    const err = await failure(request({ path: '/subsidy/applications', method: 'POST' }));
    expect(err).toMatchObject({ status: 0, code: 'NETWORK' });
    expect(fake.requests).toHaveLength(busyRetry.lostAnswerAttempts + 1);

    fake.reset();
    fake.handler = networkFailure;
    await failure(request({ path: '/jobs' }));
    expect(fake.requests).toHaveLength(1);
  });

  it('should not resend on the application\'s own refusals or 5xx answers', async () => {
    fake.enqueue(() => errorBody(409, 'CONFLICT', '数据已被修改，请刷新后重试'));
    expect((await failure(request({ path: '/x', method: 'POST' }))).code).toBe('CONFLICT');
    fake.enqueue(() => errorBody(502, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'));
    expect((await failure(request({ path: '/x', method: 'POST' }))).code).toBe('WECHAT_UNAVAILABLE');
    expect(fake.requests).toHaveLength(2);
    expect(slept).toEqual([]);
  });
});

describe('lostAnswerDelayMs', () => {
  it('should space resends 0.5, 1, 2 s (or Retry-After doubled), stretched by up to half, all three within 5.25 s', () => {
    expect([0, 1, 2].map(a => lostAnswerDelayMs(a, undefined, 0))).toEqual([500, 1000, 2000]);
    expect([0, 1, 2].map(a => lostAnswerDelayMs(a, null, 1)).reduce((x, y) => x + y)).toBe(5250);
    expect(lostAnswerDelayMs(0, '1', 0)).toBe(1000);
    expect(lostAnswerDelayMs(9, '5', 1)).toBe(20_000);
  });
});

describe('busyDelayMs', () => {
  it('should double Retry-After per attempt, add up to half again by chance and stop at 20 s', () => {
    expect(busyDelayMs(0, '2', 0)).toBe(2000);
    expect(busyDelayMs(0, '2', 1)).toBe(3000);
    expect(busyDelayMs(1, '2', 0)).toBe(4000);
    expect(busyDelayMs(0, undefined, 0)).toBe(2000);
    expect(busyDelayMs(0, 'soon', 0)).toBe(2000);
    expect(busyDelayMs(6, '5', 1)).toBe(20_000);
  });
});

describe('answers the h5 page prefetched for a guest', () => {
  const URL_OF_JOBS = 'https://api.test/api/jobs?limit=5';

  afterEach(() => {
    globalThis.__llPrefetch = undefined;
  });

  const slot = (answer: unknown, at = Date.now()) => ({ at, answer: Promise.resolve(answer) });

  it('should hand a guest\'s GET the prefetched answer for the same URL once, then go to the network', async () => {
    globalThis.__llPrefetch = { [URL_OF_JOBS]: slot({ items: ['early'] }) };
    fake.enqueue(() => json(200, { items: ['network'] }));

    await expect(request({ path: '/jobs', query: { limit: 5 } })).resolves.toEqual({ items: ['early'] });
    expect(fake.requests).toHaveLength(0);
    await expect(request({ path: '/jobs', query: { limit: 5 } })).resolves.toEqual({ items: ['network'] });
    expect(fake.requests).toHaveLength(1);
  });

  it('should ask the network when the prefetch got no answer, is stale, or is for another URL', async () => {
    globalThis.__llPrefetch = {
      [URL_OF_JOBS]: slot(undefined),
      'https://api.test/api/contents?kind=policy&limit=5': slot({ items: ['old'] }, Date.now() - PREFETCH_MAX_AGE_MS - 1),
    };
    fake.enqueue(() => json(200, { items: ['jobs'] }));
    fake.enqueue(() => json(200, { items: ['contents'] }));
    fake.enqueue(() => json(200, { items: ['other'] }));

    await expect(request({ path: '/jobs', query: { limit: 5 } })).resolves.toEqual({ items: ['jobs'] });
    await expect(request({ path: '/contents', query: { kind: 'policy', limit: 5 } })).resolves.toEqual({ items: ['contents'] });
    await expect(request({ path: '/jobs', query: { limit: 20 } })).resolves.toEqual({ items: ['other'] });
    expect(fake.requests.map(r => r.url)).toEqual([URL_OF_JOBS, 'https://api.test/api/contents?kind=policy&limit=5', 'https://api.test/api/jobs?limit=20']);
  });

  it('should not hand a prefetched (tokenless) answer to a signed-in user', async () => {
    await signIn();
    globalThis.__llPrefetch = { [URL_OF_JOBS]: slot({ items: ['guest'] }) };
    fake.enqueue(() => json(200, { items: ['mine'] }));

    await expect(request({ path: '/jobs', query: { limit: 5 } })).resolves.toEqual({ items: ['mine'] });
    expect(bearer(fake.requests[0])).toBe('Bearer access-1');
  });
});
