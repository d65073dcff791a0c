import { bankCardProblem, corporateAccountProblem, isValidBankCard, normaliseBankAccount, passesLuhn } from '../../../server/src/contract/bank-account';
import { residentIdProblem } from '../../../server/src/contract/resident-id';
import { unsafeTextAt, unsafeTextProblem } from '../../../server/src/contract/text';
import { usccProblem } from '../../../server/src/contract/uscc';
import { RuleType } from '@midwayjs/validate';
import { bankCardRule, CHECK_DIGIT_CODES, corporateAccountRule, residentIdRule, usccRule } from '../../../server/src/core/check-digit-rules';
import { bankCard, residentId, uscc } from '../support/factories';

describe('bank accounts', () => {
  it('should compute Luhn as ISO/IEC 7812 does', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('6222021234567890128')).toBe(true);
    expect(passesLuhn('6222021234567890123')).toBe(false);
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });

  it('should take a personal card of 16 to 19 digits with its check digit, spaces and dashes aside', () => {
    expect(normaliseBankAccount('6222 0212-3456 7890 128')).toBe('6222021234567890128');
    expect(isValidBankCard('6222 0212 3456 7890 128')).toBe(true);
    expect(bankCardProblem('6222021234567890123')).toBe('银行卡号校验位不符，请核对卡号');
    expect(bankCardProblem('622202123456789')).toContain('16至19位');
    expect(bankCardProblem('62220212345678901234')).toContain('当前20位');
    expect(bankCardProblem('6222O21234567890128')).toBe('银行卡号只能包含数字');
    expect(isValidBankCard(bankCard('622202150000000001'))).toBe(true);
  });

  it('should take a corporate account of 12 to 30 digits without a check digit', () => {
    expect(corporateAccountProblem('411900123410201')).toBeUndefined();
    expect(corporateAccountProblem('41190012341')).toContain('12至30位');
    expect(corporateAccountProblem('4119-0012-3410-201')).toBeUndefined();
    expect(corporateAccountProblem('4119abc')).toBe('对公银行账号只能包含数字');
  });
});

describe('resident ID and credit code problems', () => {
  const today = new Date('2026-06-02T00:00:00Z');

  it('should say what is wrong with an ID number', () => {
    const good = residentId('2001-03-04', 7);
    expect(residentIdProblem(good, today)).toBeUndefined();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(residentIdProblem(wrongCheck, today)).toBe('身份证号校验位不符，请核对');
    expect(residentIdProblem('21020219900101', today)).toBe('身份证号应为18位，当前14位');
    expect(residentIdProblem('2102021990010a123X', today)).toBe('身份证号只能包含数字和末位的X');
    expect(residentIdProblem('210202' + '20990101' + '0017', today)).toContain('出生日期');
  });

  it('should say what is wrong with a credit code', () => {
    const good = uscc('91210200MA0QC0011');
    expect(usccProblem(good)).toBeUndefined();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(usccProblem(wrong)).toBe('统一社会信用代码校验位不符，请核对营业执照');
  });
});

describe('check-digit validation rules', () => {
  const schema = RuleType.object({ uscc: usccRule(), id: residentIdRule(), card: bankCardRule(), account: corporateAccountRule() });

  it('should pass valid numbers through normalised', () => {
    const code = uscc('91210200MA0QC0012');
    const id = residentId('2000-01-02', 3).toLowerCase();
    const { value, error } = schema.validate({ uscc: ` ${code.toLowerCase()} `, id, card: '6222 0212 3456 7890 128', account: '4119 0012 3410 201' });
    expect(error).toBeUndefined();
    expect(value).toEqual({ uscc: code, id: id.toUpperCase(), card: '6222021234567890128', account: '411900123410201' });
  });

  it('should refuse each with its own error type, mapped to a stable code, and say why', () => {
    const code = uscc('91210200MA0QC0013');
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ uscc: code.slice(0, 17) + (code[17] === '1' ? '2' : '1') }, 'uscc.invalid', 'USCC_INVALID'],
      [{ id: '210202199001011230' }, 'residentId.invalid', 'ID_NUMBER_INVALID'],
      [{ card: '6222021234567890123' }, 'bankCard.invalid', 'SUBSIDY_BANK_ACCOUNT_INVALID'],
      [{ account: '12ab' }, 'corporateAccount.invalid', 'SUBSIDY_BANK_ACCOUNT_INVALID'],
    ];
    for (const [input, type, code] of cases) {
      const detail = schema.validate(input).error?.details[0];
      expect(detail?.type).toBe(type);
      expect(CHECK_DIGIT_CODES[type]).toBe(code);
      expect(typeof detail?.context?.problem).toBe('string');
    }
  });
});

describe('the text rule', () => {
  it('should find C0 controls but tab and line breaks, DEL and C1', () => {
    expect(unsafeTextAt('a\u0000b')).toEqual({ index: 1, kind: 'control' });
    expect(unsafeTextAt('\u001b[31m')).toEqual({ index: 0, kind: 'control' });
    expect(unsafeTextAt('x\u007f')?.kind).toBe('control');
    expect(unsafeTextAt('x\u0085')?.kind).toBe('control');
    expect(unsafeTextAt('第一行\n第二行\r\n\t缩进')).toBeUndefined();
  });

  it('should find bidirectional embeddings, overrides and isolates', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(unsafeTextAt(`简历${c}fdp.exe`)).toEqual({ index: 2, kind: 'bidi' });
    }
    expect(unsafeTextAt('\u200f\u200e')).toBeUndefined();
  });

  it('should find lone surrogates and keep emoji and rare characters', () => {
    expect(unsafeTextAt('a\ud800')).toEqual({ index: 1, kind: 'surrogate' });
    expect(unsafeTextAt('\udc00a')).toEqual({ index: 0, kind: 'surrogate' });
    expect(unsafeTextAt('\ud83d\ud83d\ude00')).toEqual({ index: 0, kind: 'surrogate' });
    expect(unsafeTextAt('加油💪𠀀')).toBeUndefined();
  });

  it('should say where the character is, in Chinese', () => {
    expect(unsafeTextProblem('ab\u202ec')).toBe('含有不可见的文字方向控制符（第3个字符），请删除后重新输入');
    expect(unsafeTextProblem('正常的文字')).toBeUndefined();
  });
});
