import { offerExpiry, offerFacts, offerKey, offerStatus, offerStep, recordGraduationDate, type OfferRecord } from '../../../server/src/modules/subsidy/subsidy.offer.rules';
import { offerModeProblems } from '../../../server/src/modules/subsidy/subsidy.rules';
import { subsidyProgram } from '../support/factories';

const record: OfferRecord = {
  schoolName: '大连理工大学',
  degree: 'master',
  doubleFirstClass: true,
  graduationYear: 2026,
  hardship: [],
  destination: { kind: 'market-job', employer: '大连示例科技有限公司', districtCode: '210283', date: new Date('2026-07-01T00:00:00Z'), source: 'job-hire' },
};

describe('免申即享 rules', () => {
  it('should take the graduation date as 30 June of the registry year, and none before that day', () => {
    expect(recordGraduationDate(2026, '2026-12-07')).toBe('2026-06-30');
    expect(recordGraduationDate(2026, '2026-06-29')).toBeUndefined();
  });

  it('should judge on the registry, the recorded hire and the newest insurance spell', () => {
    const { facts, prefill, sources } = offerFacts(
      record,
      [
        { employerUscc: 'A', startMonth: '2025-03', monthsPaid: 12 },
        { employerUscc: 'B', startMonth: '2026-07', monthsPaid: 5 },
      ],
      undefined,
      '2026-12-07',
    );
    expect(facts).toEqual({
      degree: 'master',
      doubleFirstClass: true,
      graduationDate: '2026-06-30',
      employmentDistrict: '210283',
      districtClass: 'twoCitiesOneCounty',
      employedInDalian: true,
      socialInsuranceMonths: 5,
      hardship: false,
    });
    expect(prefill).toEqual({ graduationDate: '2026-06-30', employmentDistrict: '210283', employerName: '大连示例科技有限公司', employerUscc: 'B', socialInsuranceMonths: 5 });
    expect(sources).toEqual(['毕业生实名库（大连理工大学，2026届）', '平台录用记录（市场化就业，2026年7月1日）', '社保参保记录（2026-07起，累计缴费5个月）']);
  });

  it('should not count further study or a district outside Dalian as employment, nor a missing spell as months', () => {
    const study = offerFacts({ ...record, destination: { ...record.destination!, kind: 'further-study' } }, [], undefined, '2026-12-07');
    expect(study.facts.employedInDalian).toBeUndefined();
    expect(study.facts.socialInsuranceMonths).toBeUndefined();
    expect(study.prefill).toEqual({ graduationDate: '2026-06-30' });
    const away = offerFacts({ ...record, destination: { ...record.destination!, districtCode: '110101' } }, [], undefined, '2026-12-07');
    expect(away.facts.employmentDistrict).toBeUndefined();
    expect(offerFacts(record, [], '210202199801011234', '2026-12-07').facts.age).toBe(28);
  });

  it('should key an offer by program, period and person', () => {
    expect(offerKey('p1', '2026', 'h1')).toBe('p1:2026:h1');
  });

  it('should keep an offer open 30 days, never past the program’s last day (Beijing)', () => {
    const at = new Date('2026-12-01T02:00:00Z');
    expect(offerExpiry('2027-06-30', at).toISOString()).toBe('2026-12-31T02:00:00.000Z');
    expect(offerExpiry('2026-12-10', at).toISOString()).toBe('2026-12-10T15:59:59.999Z');
  });

  it('should read an open offer past its expiry as expired, and decide each tap', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const open = { status: 'offered' as const, expiresAt: new Date('2026-12-08T00:00:00Z') };
    const past = { status: 'offered' as const, expiresAt: new Date('2026-12-06T00:00:00Z') };
    expect(offerStatus(past, now)).toBe('expired');
    expect(offerStep(open, 'confirm', now)).toBe('act');
    expect(offerStep({ ...open, status: 'confirmed' }, 'confirm', now)).toBe('answer');
    expect(offerStep({ ...open, status: 'declined' }, 'decline', now)).toBe('answer');
    expect(() => offerStep(past, 'confirm', now)).toThrow(expect.objectContaining({ code: 'SUBSIDY_OFFER_EXPIRED' }));
    expect(() => offerStep(past, 'decline', now)).toThrow(expect.objectContaining({ code: 'SUBSIDY_OFFER_EXPIRED' }));
    expect(() => offerStep({ ...open, status: 'declined' }, 'confirm', now)).toThrow(expect.objectContaining({ code: 'SUBSIDY_OFFER_CLOSED' }));
    expect(() => offerStep({ ...open, status: 'confirmed' }, 'decline', now)).toThrow(expect.objectContaining({ code: 'SUBSIDY_STATE_CHANGED' }));
  });

  it('should allow 免申即享 only for graduate programs without documents, on facts the records hold', () => {
    const base = subsidyProgram({ offerMode: 'auto', requiredDocuments: [], conditions: [{ field: 'socialInsuranceMonths', op: 'gte', value: 3 }] });
    expect(offerModeProblems(base)).toEqual([]);
    expect(offerModeProblems({ ...base, offerMode: 'apply', requiredDocuments: ['diploma'] })).toEqual([]);
    expect(offerModeProblems({ ...base, applicantKind: 'enterprise' })[0].field).toBe('offerMode');
    expect(offerModeProblems({ ...base, requiredDocuments: ['diploma'] })[0].field).toBe('requiredDocuments');
    expect(offerModeProblems({ ...base, conditions: [{ field: 'businessRegistered', op: 'eq', value: true }] })[0]).toEqual({
      field: 'offerMode',
      message: '平台数据中没有「已注册创业实体」，该项目不能设为“免申即享”',
    });
  });
});
