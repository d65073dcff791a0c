import { BUREAU_UNIT, actorUnit, withActors } from '../../../server/src/modules/subsidy/subsidy.timeline.rules';

describe('who took a step of an application', () => {
  const entries = [
    { action: 'submitted' as const, actorRole: 'applicant' as const, actorId: 'a1' },
    { action: 'approved' as const, actorRole: 'college' as const, actorId: 'c1' },
    { action: 'approved' as const, actorRole: 'district' as const, actorId: 'd1' },
    { action: 'paid' as const, actorRole: 'bureau' as const, actorId: 'b1' },
  ];

  it('should name staff by their account name and unit, and the applicant by the name on the application', () => {
    const actors = new Map([
      ['c1', { nickname: 'dlut-staff', profile: { name: '王老师' }, scope: { collegeId: 'dlut' } }],
      ['d1', { nickname: '庄河人社 李科长', profile: {}, scope: { districtCode: '210283' } }],
      ['b1', { nickname: '市人社局 赵处长', profile: {}, scope: {} }],
    ]);
    const named = withActors(entries, actors, '张同学');
    expect(named.map(e => [e.actorUnit, e.actorName])).toEqual([
      [undefined, '张同学'],
      ['大连理工大学', '王老师'],
      ['庄河市人力资源和社会保障局', '庄河人社 李科长'],
      [BUREAU_UNIT, '市人社局 赵处长'],
    ]);
    expect(named[1]).toMatchObject({ action: 'approved', actorId: 'c1' });
  });

  it('should keep the unit of a step whose account no longer exists', () => {
    const named = withActors(entries, new Map(), '张同学');
    expect(named.slice(1).map(e => e.actorName)).toEqual([undefined, undefined, undefined]);
    expect(named.slice(1).map(e => e.actorUnit)).toEqual(['高校', '区市县人力资源和社会保障局', BUREAU_UNIT]);
  });

  it('should give no unit to the applicant', () => {
    expect(actorUnit('applicant', { collegeId: 'dlut' })).toBeUndefined();
  });
});
