import { createHash, randomBytes } from 'crypto';

/**
 * Refresh tokens are `<sessionId>.<secret>`; only the SHA-256 of the secret is
 * stored, so a database leak does not hand out sessions.
 */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const match = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { sessionId: match[1], secret: match[2] } : null;
}
