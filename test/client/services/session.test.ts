import { fake, json, errorBody, networkFailure, type RecordedRequest } from '../support/taro-stub';
import { deferred, loginResult, tokenPair } from '../support/factories';
import { ApiError } from '@/services/http';
import * as session from '@/services/session';
import { storage } from '@/storage';

const pathOf = (req: RecordedRequest) => new URL(req.url).pathname;

async function signIn(): Promise<void> {
  fake.enqueue(() => json(200, loginResult()));
  await session.login();
  fake.requests = [];
}

const originalTaroEnv = process.env.TARO_ENV;

beforeEach(() => {
  session.clear();
  fake.reset();
  process.env.TARO_ENV = 'weapp';
});

afterAll(() => {
  process.env.TARO_ENV = originalTaroEnv;
});

describe('login in weapp', () => {
  it('should exchange the Taro.login code for tokens and remember the user', async () => {
    fake.loginCode = 'wx-code-42';
    fake.enqueue(() => json(200, loginResult({ userId: 'user-9', roles: ['student', 'recruiter'] })));
    const listener = jest.fn();
    const unsubscribe = session.subscribe(listener);

    const info = await session.login();
    unsubscribe();

    expect(info).toEqual({ userId: 'user-9', roles: ['student', 'recruiter'] });
    expect(fake.requests.map(r => [r.method, pathOf(r), r.data])).toEqual([['POST', '/api/auth/wechat-login', { code: 'wx-code-42' }]]);
    expect(session.current()).toEqual(info);
    expect(session.accessToken()).toBe('access-1');
    expect(listener).toHaveBeenCalledWith(info);
  });

  it('should store when the access token expires', async () => {
    const before = Date.now();
    fake.enqueue(() => json(200, loginResult({ expiresIn: 900 })));

    await session.login();

    const expiresAt = storage.get('session')?.accessExpiresAt ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it('should fail without calling the API when WeChat returns no code', async () => {
    fake.loginCode = undefined;

    await expect(session.login()).rejects.toBeInstanceOf(ApiError);
    expect(fake.requests).toEqual([]);
    expect(session.current()).toBeNull();
  });

  it('should stay signed out when the server rejects the code', async () => {
    fake.enqueue(() => errorBody(400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新登录'));

    await expect(session.login()).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID' });
    expect(session.current()).toBeNull();
    expect(storage.get('session')).toBeUndefined();
  });
});

describe('login in H5', () => {
  it('should open the demo-account login page instead of calling Taro.login', async () => {
    process.env.TARO_ENV = 'h5';

    await expect(session.login()).resolves.toBeNull();

    expect(fake.requests).toEqual([]);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/account/pages/login/index' }]);
  });

  it('should sign in with a demo account', async () => {
    fake.enqueue(() => json(200, loginResult({ userId: 'demo-1', roles: ['college'] })));

    await expect(session.devLogin('demo-1')).resolves.toEqual({ userId: 'demo-1', roles: ['college'] });

    expect(fake.requests.map(r => [r.method, pathOf(r), r.data])).toEqual([['POST', '/api/auth/dev-login', { userId: 'demo-1' }]]);
  });
});

describe('refresh', () => {
  it('should send one refresh for concurrent callers and keep the rotated tokens', async () => {
    await signIn();
    const answer = deferred();
    fake.handler = async () => {
      await answer.promise;
      return json(200, tokenPair('access-2', 'refresh-2'));
    };

    const pending = [session.refresh(), session.refresh(), session.refresh()];
    await new Promise(resolve => setTimeout(resolve, 5));
    answer.resolve();
    await Promise.all(pending);

    expect(fake.requests.map(r => [pathOf(r), r.data])).toEqual([['/api/auth/refresh', { refreshToken: 'refresh-1' }]]);
    expect(storage.get('session')).toMatchObject({ userId: 'user-1', accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('should refresh again after the previous refresh settled', async () => {
    await signIn();
    fake.enqueue(
      () => json(200, tokenPair('access-2', 'refresh-2')),
      () => json(200, tokenPair('access-3', 'refresh-3')),
    );

    await session.refresh();
    await session.refresh();

    expect(fake.requests.map(r => r.data)).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-2' }]);
    expect(session.accessToken()).toBe('access-3');
  });

  it('should drop the session and tell subscribers when the refresh token is rejected', async () => {
    await signIn();
    fake.enqueue(() => errorBody(401, 'REFRESH_TOKEN_INVALID', '登录状态已失效，请重新登录'));
    const listener = jest.fn();
    const unsubscribe = session.subscribe(listener);

    await expect(session.refresh()).rejects.toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    unsubscribe();

    expect(session.current()).toBeNull();
    expect(session.accessToken()).toBeUndefined();
    expect(listener).toHaveBeenCalledWith(null);
  });

  it.each([
    ['a network failure', networkFailure],
    ['a server error', () => errorBody(503, 'DATABASE_UNAVAILABLE', '服务暂时不可用，请稍后再试')],
  ])('should keep the session after %s', async (_, answer) => {
    await signIn();
    fake.enqueue(answer);

    await expect(session.refresh()).rejects.toBeInstanceOf(ApiError);

    expect(session.current()).toEqual({ userId: 'user-1', roles: ['student'] });
    expect(storage.get('session')?.refreshToken).toBe('refresh-1');
  });

  it('should not bring the session back when the user signed out while it was refreshing', async () => {
    await signIn();
    const answer = deferred();
    fake.enqueue(
      async () => {
        await answer.promise;
        return json(200, tokenPair('access-2', 'refresh-2'));
      },
      () => json(204, ''),
    );

    const refreshing = session.refresh();
    await session.logout();
    answer.resolve();

    await expect(refreshing).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(session.current()).toBeNull();
    expect(storage.get('session')).toBeUndefined();
  });

  it('should reject without a request when nobody is signed in', async () => {
    await expect(session.refresh()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(fake.requests).toEqual([]);
  });
});

describe('logout', () => {
  it('should revoke the session on the server with its access token and forget it', async () => {
    await signIn();
    fake.enqueue(() => json(204, ''));

    await session.logout();

    expect(fake.requests.map(r => [r.method, pathOf(r), r.header.Authorization])).toEqual([['POST', '/api/auth/logout', 'Bearer access-1']]);
    expect(session.current()).toBeNull();
    expect(storage.get('session')).toBeUndefined();
  });

  it.each([
    ['the access token has expired', () => errorBody(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录')],
    ['the server cannot be reached', networkFailure],
  ])('should still sign out locally when %s', async (_, answer) => {
    await signIn();
    fake.enqueue(answer);

    await expect(session.logout()).resolves.toBeUndefined();

    expect(session.current()).toBeNull();
  });

  it('should do nothing remote when nobody is signed in', async () => {
    await session.logout();
    expect(fake.requests).toEqual([]);
  });
});

describe('subscribe', () => {
  it('should stop calling a listener after it unsubscribed', async () => {
    const listener = jest.fn();
    const unsubscribe = session.subscribe(listener);
    unsubscribe();

    await signIn();

    expect(listener).not.toHaveBeenCalled();
  });
});

describe('a cold start', () => {
  it('should pick up the session stored by the previous run', () => {
    jest.isolateModules(() => {
      // A fresh module registry: the stub and the session module are loaded anew, as on app launch.
      const stub = require('../support/taro-stub') as typeof import('../support/taro-stub');
      stub.fake.storage.set('ll.v1.session', {
        userId: 'user-7',
        roles: ['bureau'],
        accessToken: 'stored-access',
        refreshToken: 'stored-refresh',
        accessExpiresAt: Date.now() + 60_000,
      });
      const fresh = require('@/services/session') as typeof import('@/services/session');

      expect(fresh.current()).toEqual({ userId: 'user-7', roles: ['bureau'] });
      expect(fresh.accessToken()).toBe('stored-access');
    });
  });
});
