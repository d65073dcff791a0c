/**
 * Bank account checks, shared by the server and the mini-program. A personal bank card (银联卡,
 * 16 to 19 digits) ends with a Luhn check digit; a corporate account (对公账户) has no check digit
 * any standard defines and its length varies by bank, so only its shape is checked.
 */

/** Drops the spaces and dashes people type between groups. */
export function normaliseBankAccount(raw: string): string {
  return raw.replace(/[\s-]+/g, '');
}

/** The Luhn (ISO/IEC 7812) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Why a personal bank card number is wrong; undefined when it is valid. */
export function bankCardProblem(raw: string): string | undefined {
  const card = normaliseBankAccount(raw);
  if (!/^\d+$/.test(card)) return '银行卡号只能包含数字';
  if (card.length < 16 || card.length > 19) return `银行卡号应为16至19位数字，当前${card.length}位`;
  if (!passesLuhn(card)) return '银行卡号校验位不符，请核对卡号';
  return undefined;
}

export function isValidBankCard(raw: string): boolean {
  return bankCardProblem(raw) === undefined;
}

/** Why a corporate account number is wrong; undefined when it has the shape of one. */
export function corporateAccountProblem(raw: string): string | undefined {
  const account = normaliseBankAccount(raw);
  if (!/^\d+$/.test(account)) return '对公银行账号只能包含数字';
  if (account.length < 12 || account.length > 30) return `对公银行账号应为12至30位数字，当前${account.length}位`;
  return undefined;
}
