import type { DevUser, LoginResult, TokenPair } from '@contract/auth';
import { send } from '../transport';

// These calls run before there is a session (or to renew it), so they go through the bare
// transport rather than http.request, whose 401 handling would otherwise recurse into refresh.

export function wechatLogin(code: string): Promise<LoginResult> {
  return send<LoginResult>({ method: 'POST', path: '/auth/wechat-login', data: { code } });
}

export function devLogin(userId: string): Promise<LoginResult> {
  return send<LoginResult>({ method: 'POST', path: '/auth/dev-login', data: { userId } });
}

export function listDevUsers(): Promise<DevUser[]> {
  return send<DevUser[]>({ path: '/auth/dev-users' });
}

export function refreshTokens(refreshToken: string): Promise<TokenPair> {
  return send<TokenPair>({ method: 'POST', path: '/auth/refresh', data: { refreshToken } });
}

export function revokeSession(accessToken: string): Promise<void> {
  return send<void>({ method: 'POST', path: '/auth/logout' }, accessToken);
}
