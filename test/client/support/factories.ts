import type { LoginResult, TokenPair } from '@contract/auth';
import type { Role } from '@contract/roles';

export function tokenPair(accessToken: string, refreshToken: string): TokenPair {
  return { accessToken, expiresIn: 900, refreshToken, refreshExpiresIn: 30 * 24 * 3600 };
}

export function loginResult(overrides: Partial<LoginResult> & { roles?: Role[] } = {}): LoginResult {
  return {
    ...tokenPair('access-1', 'refresh-1'),
    userId: 'user-1',
    roles: ['student'],
    isNewUser: false,
    ...overrides,
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}
