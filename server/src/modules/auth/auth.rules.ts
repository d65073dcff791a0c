import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/**
 * Refresh tokens are `<sessionId>.<secret>`; only the SHA-256 of the secret is
 * stored, so a database leak does not hand out sessions.
 */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** 128 random bits: a session cannot be named, let alone touched, without holding one of its tokens. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface ParsedRefreshToken {
  sessionId: string;
  secret: string;
  /** Sessions started before random ids have an ObjectId (24 hex) id; they work until they expire. */
  legacy: boolean;
}

export function parseRefreshToken(token: string): ParsedRefreshToken | null {
  const current = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (current) return { sessionId: current[1], secret: current[2], legacy: false };
  const legacy = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return legacy ? { sessionId: legacy[1], secret: legacy[2], legacy: true } : null;
}

/** Equal SHA-256 hex digests, in time that does not depend on where they differ. */
export function sameHash(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Rotated-out secrets remembered per session, to tell a replayed real token from a guess. */
export const USED_HASHES_KEPT = 50;

export interface RefreshState {
  refreshHash: string;
  previousHash?: string;
  rotatedAt?: Date;
  usedHashes?: string[];
}

/**
 * What a presented refresh secret is to its session:
 * - `current`: the live secret: rotate;
 * - `retry`: the secret just rotated out, within the grace period and with no rotation since
 *   (a lost response): hand back the same new pair, change nothing;
 * - `reuse`: a real secret that was already rotated out: someone else has a copy, end the session;
 * - `unknown`: never this session's secret (a guess, another session's): refuse, change nothing.
 */
export function judgeRefresh(
  session: RefreshState,
  presentedHash: string,
  rotatedHash: string,
  now: Date,
  graceMs: number,
): 'current' | 'retry' | 'reuse' | 'unknown' {
  if (sameHash(session.refreshHash, presentedHash)) return 'current';
  if (sameHash(session.previousHash, presentedHash)) {
    const recent = session.rotatedAt !== undefined && now.getTime() - session.rotatedAt.getTime() < graceMs;
    return recent && sameHash(session.refreshHash, rotatedHash) ? 'retry' : 'reuse';
  }
  let used = false;
  for (const hash of session.usedHashes ?? []) used = sameHash(hash, presentedHash) || used;
  return used ? 'reuse' : 'unknown';
}
