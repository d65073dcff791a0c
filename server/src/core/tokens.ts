import { createHmac, timingSafeEqual } from 'crypto';
import { ROLES, type Role, type StaffScope } from '../contract/roles';

/** Claims of our access token (a compact HS256 JWT). */
export interface AccessClaims {
  sub: string;
  sid: string;
  roles: Role[];
  scope: StaffScope;
  /** The user's session version when signed (core/session-version.ts); absent in tokens from before versions. */
  ver?: number;
  iat: number;
  exp: number;
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function signAccessToken(
  claims: Omit<AccessClaims, 'iat' | 'exp'>,
  secret: string,
  ttlSeconds: number,
  nowSeconds: number,
): string {
  const payload: AccessClaims = { ...claims, iat: nowSeconds, exp: nowSeconds + ttlSeconds };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${sign(body, secret)}`;
}

function isClaims(value: unknown): value is AccessClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.sid === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    (c.ver === undefined || Number.isInteger(c.ver)) &&
    Array.isArray(c.roles) &&
    c.roles.every(r => (ROLES as readonly unknown[]).includes(r)) &&
    typeof c.scope === 'object' &&
    c.scope !== null
  );
}

export function verifyAccessToken(token: string, secret: string, nowSeconds: number): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
