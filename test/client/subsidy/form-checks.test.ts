import { bankAccountProblem, enterpriseFormWarnings, graduateFormWarnings, liveEligibility, suggestedGraduationDate } from '@/packages/subsidy/form-checks';

const today = new Date('2026-06-02T00:00:00Z');

describe('warnings on the subsidy forms before they are sent', () => {
  it('should name the field of a wrong ID check digit, credit code or bank card, in the server’s words', () => {
    expect(
      graduateFormWarnings({ idNumber: '210202200103040073', employerUscc: '91210200MA0QC1234A', bankAccount: '6222021234567890123' }, today),
    ).toEqual({
      'form.idNumber': '身份证号校验位不符，请核对',
      'form.employerUscc': '统一社会信用代码校验位不符，请核对营业执照',
      'form.bankAccount': '银行卡号校验位不符，请核对卡号',
    });
  });

  it('should say nothing about valid or empty fields', () => {
    expect(graduateFormWarnings({ idNumber: '210202200103040072', employerUscc: '91210200MA0QC1234F', bankAccount: '6222 0212 3456 7890 128' }, today)).toEqual({});
    expect(graduateFormWarnings({ idNumber: '', bankAccount: '  ' }, today)).toEqual({});
  });

  it('should warn about invisible control characters in text', () => {
    expect(graduateFormWarnings({ employerName: '大连\u202e公司' }, today)['form.employerName']).toContain('文字方向控制符');
  });

  it('should check an enterprise’s corporate account and each hired graduate’s ID', () => {
    expect(enterpriseFormWarnings({ bankAccount: '4119abc', graduates: [{ idNumber: '' }, { idNumber: '21020220010304' }] }, today)).toEqual({
      'form.bankAccount': '对公银行账号只能包含数字',
      'form.graduates.1.idNumber': '身份证号应为18位，当前14位',
    });
    expect(enterpriseFormWarnings({ bankAccount: '411900123410201' }, today)).toEqual({});
  });
});

describe('a corrected receiving account after a bank return', () => {
  it('should ask for the account when it is empty, by what the applicant holds', () => {
    expect(bankAccountProblem(' ', 'graduate')).toBe('请填写银行卡号');
    expect(bankAccountProblem('', 'enterprise')).toBe('请填写单位对公账号');
  });

  it('should check a graduate’s card by its Luhn digit and accept a good one', () => {
    expect(bankAccountProblem('6222021234567890123', 'graduate')).toBe('银行卡号校验位不符，请核对卡号');
    expect(bankAccountProblem('6222 0212 3456 7890 128', 'graduate')).toBeUndefined();
  });
});

describe('the verdict on the form as it is filled', () => {
  const housing = {
    conditions: [
      { field: 'degree', op: 'in' as const, value: ['bachelor', 'master'] },
      { field: 'graduationDate', op: 'withinYears' as const, value: 2 },
      { field: 'employedInDalian', op: 'eq' as const, value: true },
      { field: 'socialInsuranceMonths', op: 'gte' as const, value: 3 },
    ],
    amount: { kind: 'table' as const, rows: [{ when: { degree: 'bachelor' }, amount: 1000, label: '本科标准' }] },
  };
  const profile = { degree: 'bachelor' as const, doubleFirstClass: false };

  it('should clear 信息不完整 as the fields are filled and then give the amount', () => {
    expect(liveEligibility(housing, {}, profile, false, today).explanation).toBe('信息不完整：请填写毕业时间；请填写就业地区；请填写社保缴纳月数');
    expect(liveEligibility(housing, { graduationDate: '2025-06-30', employmentDistrict: '210283' }, profile, false, today).explanation).toBe('信息不完整：请填写社保缴纳月数');
    const done = liveEligibility(housing, { graduationDate: '2025-06-30', employmentDistrict: '210283', socialInsuranceMonths: 6 }, profile, false, today);
    expect(done.outcome).toBe('eligible');
    expect(done.explanation).toBe('本科，毕业2年内，在庄河市就业，社保缴纳6个月 → 适用本科标准，补贴 1000 元');
  });

  it('should say at once when a filled field fails a condition', () => {
    const r = liveEligibility(housing, { graduationDate: '2025-06-30', employmentDistrict: '210283', socialInsuranceMonths: 1 }, profile, false, today);
    expect(r.outcome).toBe('ineligible');
    expect(r.explanation).toBe('不符合条件：社保缴纳月数须不少于3个月');
  });

  it('should take the age from a typed ID that passes its check, and leave it to the server when the ID was saved earlier', () => {
    const trainee = { conditions: [{ field: 'age', op: 'lte' as const, value: 35 }], amount: { kind: 'fixed' as const, amount: 100 } };
    expect(liveEligibility(trainee, {}, profile, false, today).reasons).toEqual(['请填写身份证号（用于核定年龄）']);
    expect(liveEligibility(trainee, { idNumber: '210202200103040072' }, profile, false, today).explanation).toBe('25周岁 → 补贴 100 元');
    expect(liveEligibility(trainee, { idNumber: '2102022001' }, profile, false, today).outcome).toBe('incomplete');
    expect(liveEligibility(trainee, {}, profile, true, today).outcome).toBe('eligible');
  });

  it('should suggest 30 June of the profile’s graduation year, never a day still to come', () => {
    expect(suggestedGraduationDate(2025, today)).toBe('2025-06-30');
    expect(suggestedGraduationDate(2026, today)).toBeUndefined();
    expect(suggestedGraduationDate(undefined, today)).toBeUndefined();
  });
});
