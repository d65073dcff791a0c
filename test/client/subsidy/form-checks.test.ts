import { bankAccountProblem, enterpriseFormWarnings, graduateFormWarnings } from '@/packages/subsidy/form-checks';

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
