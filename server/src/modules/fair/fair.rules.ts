import { createHmac, timingSafeEqual } from 'crypto';

/** How long a check-in QR code stays valid; the student's screen refreshes it. */
export const TICKET_TTL_MS = 10 * 60 * 1000;

export interface TicketClaims {
  fairId: string;
  registrationId: string;
  nonce: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

function sign(body: string, key: string): string {
  return createHmac('sha256', `fair-ticket:${key}`).update(body).digest('base64url');
}

export function signTicket(claims: TicketClaims, key: string): string {
  const body = [claims.fairId, claims.registrationId, claims.nonce, claims.exp.toString(36)].join('.');
  return `${body}.${sign(body, key)}`;
}

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Verifies signature and expiry; single use is enforced by the registration's nonce in the database. */
export function verifyTicket(token: string, key: string, now: number): TicketCheck {
  const parts = token.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'malformed' };
  const [fairId, registrationId, nonce, exp36, sig] = parts;
  if (!/^[0-9a-f]{24}$/.test(fairId) || !/^[0-9a-f]{24}$/.test(registrationId) || !/^[0-9a-f]{32}$/.test(nonce)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(sign(parts.slice(0, 4).join('.'), key));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  const exp = parseInt(exp36, 36);
  if (!Number.isFinite(exp) || exp < now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { fairId, registrationId, nonce, exp } };
}

export interface FairOrganiser {
  organiserId: { equals(id: string): boolean };
  organiserScope?: { collegeId?: string; districtCode?: string };
}

/**
 * Who may see a fair's registrants and check students in: city-wide staff, the person who
 * created it, and staff of the same organising college or district.
 */
export function mayRunFair(actor: { id: string; roles: readonly string[]; scope: { collegeId?: string; districtCode?: string } }, fair: FairOrganiser): boolean {
  if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return true;
  if (fair.organiserId.equals(actor.id)) return true;
  const scope = fair.organiserScope;
  if (scope?.collegeId && actor.roles.includes('college') && actor.scope.collegeId === scope.collegeId) return true;
  return Boolean(scope?.districtCode && actor.roles.includes('district') && actor.scope.districtCode === scope.districtCode);
}
