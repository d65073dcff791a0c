import { destinationOfJobKind, destinationOfSubsidy, shouldReplaceDestination } from '../../../server/src/modules/registry/registry.rules';

const at = (day: string) => new Date(`${day}T00:00:00.000Z`);

describe('destinations learnt from the platform', () => {
  it('should count a hire on a full-time, public-sector, community or grassroots job as that destination', () => {
    expect(destinationOfJobKind('fulltime')).toBe('market-job');
    expect(destinationOfJobKind('research-assistant')).toBe('market-job');
    expect(destinationOfJobKind('public-sector')).toBe('public-sector');
    expect(destinationOfJobKind('community')).toBe('community-worker');
    expect(destinationOfJobKind('grassroots')).toBe('grassroots');
  });

  it('should not count a traineeship or an internship as employment', () => {
    expect(destinationOfJobKind('traineeship')).toBeUndefined();
    expect(destinationOfJobKind('internship')).toBeUndefined();
  });

  it('should read employment in a Dalian district from an approved subsidy with an employer or social insurance', () => {
    expect(destinationOfSubsidy({ employmentDistrict: '210211', employerName: '大连示例软件有限公司', socialInsuranceMonths: 6 })).toEqual({
      kind: 'market-job',
      employer: '大连示例软件有限公司',
      districtCode: '210211',
    });
    expect(destinationOfSubsidy({ employmentDistrict: '210202', socialInsuranceMonths: 3 })).toEqual({ kind: 'market-job', employer: undefined, districtCode: '210202' });
  });

  it('should read a registered business as a startup', () => {
    expect(destinationOfSubsidy({ businessRegistered: true, employmentDistrict: '210211', employerName: '某某工作室' })).toMatchObject({ kind: 'startup', districtCode: '210211' });
  });

  it('should learn nothing from a subsidy that does not prove employment', () => {
    expect(destinationOfSubsidy({})).toBeUndefined();
    expect(destinationOfSubsidy({ employmentDistrict: '210211' })).toBeUndefined();
    expect(destinationOfSubsidy({ employmentDistrict: '999999', employerName: 'x' })).toBeUndefined();
  });

  it('should not rewrite the same fact again, so a retried hire or approval changes nothing', () => {
    const d = { kind: 'market-job' as const, employer: 'A', districtCode: '210211' as const, date: at('2026-07-01'), source: 'job-hire' as const };
    expect(shouldReplaceDestination(d, { ...d, date: new Date('2026-07-01T09:30:00Z') })).toBe(false);
  });

  it('should replace an older destination and keep a newer one', () => {
    const old = { kind: 'unemployed' as const, date: at('2026-06-30'), source: 'import' as const };
    const hire = { kind: 'market-job' as const, employer: 'A', districtCode: '210211' as const, date: at('2026-08-01'), source: 'job-hire' as const };
    expect(shouldReplaceDestination(undefined, hire)).toBe(true);
    expect(shouldReplaceDestination(old, hire)).toBe(true);
    expect(shouldReplaceDestination(hire, { ...old, date: at('2026-07-15') })).toBe(false);
  });
});
