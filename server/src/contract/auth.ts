import type { Role } from './roles';

export interface WeChatLoginRequest {
  /** The code returned by `Taro.login()`; single use, valid five minutes. */
  code: string;
}

export interface DevLoginRequest {
  /** One of the demo accounts listed by GET /api/auth/dev-users. */
  userId: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export interface LoginResult extends TokenPair {
  userId: string;
  roles: Role[];
  isNewUser: boolean;
}

export interface DevUser {
  id: string;
  nickname: string;
  roles: Role[];
  description: string;
}
