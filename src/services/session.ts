import Taro from '@tarojs/taro';
import type { LoginResult, TokenPair } from '@contract/auth';
import { ERROR_CODES } from '@contract/error-codes';
import { storage, type StoredSession } from '@/storage';
import * as authApi from './api/auth';
import { navigate } from './navigation';
import { ApiError } from './transport';

/** Who is signed in; the tokens stay inside this module and http.ts. */
export type SessionInfo = Pick<StoredSession, 'userId' | 'roles'>;

type Listener = (session: SessionInfo | null) => void;

const listeners = new Set<Listener>();
/** Cached so that useSyncExternalStore sees a stable object between changes. */
let snapshot: SessionInfo | null | undefined;
let refreshing: Promise<void> | undefined;

function toInfo(stored: StoredSession | undefined): SessionInfo | null {
  return stored ? { userId: stored.userId, roles: stored.roles } : null;
}

function publish(next: SessionInfo | null): void {
  snapshot = next;
  listeners.forEach(listener => listener(next));
}

function withTokens(base: SessionInfo, pair: TokenPair): StoredSession {
  return {
    userId: base.userId,
    roles: base.roles,
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: Date.now() + pair.expiresIn * 1000,
  };
}

function start(result: LoginResult): SessionInfo {
  const stored = withTokens(result, result);
  storage.set('session', stored);
  const info: SessionInfo = { userId: result.userId, roles: result.roles };
  publish(info);
  return info;
}

export function current(): SessionInfo | null {
  if (snapshot === undefined) snapshot = toInfo(storage.get('session'));
  return snapshot;
}

export function accessToken(): string | undefined {
  return storage.get('session')?.accessToken;
}

/** Calls `listener` on every login and logout; returns the unsubscribe function. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * weapp: silent WeChat login (wx.login needs no user gesture). H5: Taro.login is a stub there,
 * so the user picks a demo account on the login page instead; resolves to null in that case.
 */
export async function login(): Promise<SessionInfo | null> {
  if (process.env.TARO_ENV === 'h5') {
    await navigate('login');
    return null;
  }
  const { code } = await Taro.login();
  if (!code) throw new ApiError(0, 'WECHAT_CODE_INVALID', '微信登录失败，请稍后重试');
  return start(await authApi.wechatLogin(code));
}

export async function devLogin(userId: string): Promise<SessionInfo> {
  return start(await authApi.devLogin(userId));
}

function unauthenticated(): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED.message);
}

async function renew(): Promise<void> {
  const stored = storage.get('session');
  if (!stored) throw unauthenticated();
  const stillCurrent = () => storage.get('session')?.refreshToken === stored.refreshToken;
  let pair: TokenPair;
  try {
    pair = await authApi.refreshTokens(stored.refreshToken);
  } catch (err) {
    // A 4xx means the refresh token is dead (expired, revoked, already rotated). A network
    // failure or a 5xx says nothing about it, so the session is kept for the next attempt.
    if (err instanceof ApiError && err.status >= 400 && err.status < 500 && stillCurrent()) clear();
    throw err;
  }
  // Signed out, or in as someone else, while the refresh was in flight: keep it that way.
  if (!stillCurrent()) throw unauthenticated();
  storage.set('session', withTokens(stored, pair));
}

/**
 * Refresh tokens rotate on use: two concurrent refreshes would spend the same token and the
 * second would fail, so every caller shares the one in flight.
 */
export function refresh(): Promise<void> {
  refreshing ??= renew().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** Forgets the session locally (no server call). */
export function clear(): void {
  storage.remove('session');
  if (snapshot !== null) publish(null);
}

export async function logout(): Promise<void> {
  const stored = storage.get('session');
  clear();
  if (!stored) return;
  try {
    await authApi.revokeSession(stored.accessToken);
  } catch (err) {
    // The user asked to leave and the tokens are gone from the device; if the server could
    // not revoke (offline, access token already expired) the refresh token lapses on its own.
    if (!(err instanceof ApiError)) throw err;
  }
}
