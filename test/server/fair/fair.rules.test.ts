import { mayRunFair, signTicket, verifyTicket } from '../../../server/src/modules/fair/fair.rules';

const claims = {
  fairId: '0123456789abcdef01234567',
  registrationId: '89abcdef0123456789abcdef',
  nonce: '0123456789abcdef0123456789abcdef',
  exp: 1_800_000_000_000,
};

describe('fair check-in tickets', () => {
  it('should verify a ticket it signed before it expires', () => {
    expect(verifyTicket(signTicket(claims, 'k'), 'k', claims.exp - 1)).toEqual({ ok: true, claims });
  });

  it('should refuse an expired ticket', () => {
    expect(verifyTicket(signTicket(claims, 'k'), 'k', claims.exp + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('should refuse a ticket signed with another key or moved to another fair', () => {
    const token = signTicket(claims, 'k');
    expect(verifyTicket(token, 'other', 0)).toEqual({ ok: false, reason: 'signature' });
    const moved = token.replace(claims.fairId, 'fedcba9876543210fedcba98');
    expect(verifyTicket(moved, 'k', 0)).toEqual({ ok: false, reason: 'signature' });
  });

  it('should refuse a ticket with a later expiry written into it', () => {
    const token = signTicket(claims, 'k');
    const parts = token.split('.');
    parts[3] = (claims.exp * 2).toString(36);
    expect(verifyTicket(parts.join('.'), 'k', 0)).toEqual({ ok: false, reason: 'signature' });
  });

  it.each(['', 'a.b.c', 'x.y.z.w.v', `${claims.fairId}.${claims.registrationId}.short.1.sig`])('should call %j malformed', token => {
    expect(verifyTicket(token, 'k', 0)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('mayRunFair', () => {
  const organiser = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const fair = (scope?: { collegeId?: string; districtCode?: string }) => ({ organiserId: { equals: (id: string) => id === organiser }, organiserScope: scope });
  const staff = (roles: string[], scope: { collegeId?: string; districtCode?: string } = {}, id = 'bbbbbbbbbbbbbbbbbbbbbbbb') => ({ id, roles, scope });

  it.each([
    ['city-wide bureau staff', staff(['bureau']), fair({ collegeId: 'dlut' }), true],
    ['the organiser in person', staff(['college'], { collegeId: 'dmu' }, organiser), fair({ collegeId: 'dlut' }), true],
    ['a colleague of the organising college', staff(['college'], { collegeId: 'dlut' }), fair({ collegeId: 'dlut' }), true],
    ['staff of another college', staff(['college'], { collegeId: 'dmu' }), fair({ collegeId: 'dlut' }), false],
    ['a colleague of the organising district', staff(['district'], { districtCode: '210211' }), fair({ districtCode: '210211' }), true],
    ['district staff elsewhere', staff(['district'], { districtCode: '210283' }), fair({ districtCode: '210211' }), false],
    ['a college user claiming a district scope it has no role for', staff(['college'], { districtCode: '210211' }), fair({ districtCode: '210211' }), false],
    ['anyone but the creator, for a fair without an organising unit', staff(['district'], { districtCode: '210211' }), fair(), false],
  ])('%s → %s', (_label, actor, target, expected) => {
    expect(mayRunFair(actor, target)).toBe(expected);
  });
});
