import {
  declaredWorkFlags,
  flagReasonMissing,
  insuranceFlags,
  programNeedsInsurance,
  requiredInsuranceMonths,
} from '../../../server/src/modules/subsidy/subsidy.flags.rules';

const A = '91210200MA0TEXT01A';
const B = '91210200MA0TEXT02B';
const appliedAt = new Date('2026-12-07T02:00:00Z');
const base = { holdsRecords: true, needsInsurance: true, requiredMonths: 6, appliedAt, recentDays: 30 };

describe('subsidy record flags', () => {
  it('should read the months a program asks for, and whether it rests on insurance at all', () => {
    expect(requiredInsuranceMonths([{ field: 'degree', op: 'in', value: ['bachelor'] }, { field: 'socialInsuranceMonths', op: 'gte', value: 6 }])).toBe(6);
    expect(requiredInsuranceMonths([])).toBeUndefined();
    expect(programNeedsInsurance({ conditions: [], requiredDocuments: ['socialInsurance'] })).toBe(true);
    expect(programNeedsInsurance({ conditions: [], requiredDocuments: ['diploma'] })).toBe(false);
  });

  it('should flag no record at all only when the bureau holds records and the program rests on insurance', () => {
    expect(insuranceFlags({ ...base, spells: [] })).toEqual([{ kind: 'insuranceMissing', message: expect.stringContaining('没有该申请人的参保记录') }]);
    expect(insuranceFlags({ ...base, spells: [], holdsRecords: false })).toEqual([]);
    expect(insuranceFlags({ ...base, spells: [], needsInsurance: false })).toEqual([]);
  });

  it('should pass a long-standing record at the declared employer with enough months', () => {
    expect(insuranceFlags({ ...base, declaredUscc: A, spells: [{ employerUscc: A, startMonth: '2026-01', monthsPaid: 11 }] })).toEqual([]);
  });

  it('should flag insurance that started within N days before applying as 挂靠 risk, with both dates', () => {
    // From the first of the start month: 2026-11-01 is 36 days before the application, past a 30-day window.
    expect(insuranceFlags({ ...base, declaredUscc: A, spells: [{ employerUscc: A, startMonth: '2026-11', monthsPaid: 1 }], requiredMonths: undefined })).toEqual([]);
    const recent = insuranceFlags({ ...base, declaredUscc: A, spells: [{ employerUscc: A, startMonth: '2026-12', monthsPaid: 1 }], requiredMonths: undefined });
    expect(recent).toEqual([
      { kind: 'insuranceRecent', message: '参保起始于2026年12月，距申请不足 30 天（约 6 天），存在挂靠参保风险，请核实劳动关系', recorded: '2026年12月起参保', declared: '2026年12月7日申请' },
    ]);
    expect(insuranceFlags({ ...base, recentDays: 60, declaredUscc: A, spells: [{ employerUscc: A, startMonth: '2026-11', monthsPaid: 1 }], requiredMonths: undefined })[0].kind).toBe('insuranceRecent');
  });

  it('should flag a declared employer the records do not show, listing the recorded ones', () => {
    const flags = insuranceFlags({ ...base, declaredUscc: B.toLowerCase(), spells: [{ employerUscc: A, startMonth: '2025-06', monthsPaid: 18 }] });
    expect(flags).toEqual([
      { kind: 'insuranceEmployer', message: '申报的就业单位与社保记录中的参保单位不一致', declared: `统一社会信用代码 ${B}`, recorded: `${A}（2025年6月起）` },
    ]);
  });

  it('should flag months short of the program, judging the spell at the declared employer', () => {
    const spells = [
      { employerUscc: A, startMonth: '2024-01', monthsPaid: 20 },
      { employerUscc: B, startMonth: '2026-09', monthsPaid: 3 },
    ];
    expect(insuranceFlags({ ...base, declaredUscc: B, declaredMonths: 6, spells })).toEqual([
      { kind: 'insuranceMonthsShort', message: '社保记录累计缴费 3 个月，少于本项目要求的 6 个月', recorded: '3 个月', declared: '6 个月' },
    ]);
    expect(insuranceFlags({ ...base, declaredUscc: A, spells })).toEqual([]);
  });

  it('should flag a typed district that differs from the recorded hire, showing both (中山区 vs 庄河市)', () => {
    const recorded = { districtCode: '210202', employer: '大连示例科技有限公司', sourceLabel: '平台录用记录', date: new Date('2026-07-01T00:00:00Z') };
    expect(declaredWorkFlags({ employmentDistrict: '210283', employerName: '大连示例科技有限公司' }, recorded)).toEqual([
      {
        kind: 'districtDiffers',
        message: '申请填写的就业地区与平台记录不一致（平台录用记录，2026年7月1日），补贴标准按就业地区确定，请核实',
        declared: '庄河市',
        recorded: '中山区',
      },
    ]);
    expect(declaredWorkFlags({ employmentDistrict: '210202', employerName: '大连 示例科技（有限公司）' }, recorded)).toEqual([]);
    expect(declaredWorkFlags({ employmentDistrict: '210202', employerName: '别的公司' }, recorded)).toEqual([
      expect.objectContaining({ kind: 'employerDiffers', declared: '别的公司', recorded: '大连示例科技有限公司' }),
    ]);
    expect(declaredWorkFlags({ employmentDistrict: '210283' }, undefined)).toEqual([]);
  });

  it('should ask for a written reason only to approve a flagged application at the bureau', () => {
    const flags = [{ kind: 'insuranceMissing' as const, message: 'x' }];
    expect(flagReasonMissing('bureau', 'approve', flags, undefined)).toBe(true);
    expect(flagReasonMissing('bureau', 'approve', flags, '  ')).toBe(true);
    expect(flagReasonMissing('bureau', 'approve', flags, '已电话核实劳动合同')).toBe(false);
    expect(flagReasonMissing('district', 'approve', flags, undefined)).toBe(false);
    expect(flagReasonMissing('bureau', 'approve', [], undefined)).toBe(false);
  });
});
