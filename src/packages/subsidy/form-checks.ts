import { bankCardProblem, corporateAccountProblem } from '@contract/bank-account';
import { residentIdProblem } from '@contract/resident-id';
import type { SubsidyApplicationForm } from '@contract/subsidy';
import { unsafeTextProblem } from '@contract/text';
import { usccProblem } from '@contract/uscc';

type Checked = Pick<SubsidyApplicationForm, 'idNumber' | 'employerUscc' | 'bankAccount' | 'employerName' | 'bankName'>;

/**
 * What the server would refuse in a graduate's form, found before it is sent: the same check digits
 * (ID number, credit code, bank card Luhn) and the same text rule, so a typo shows under its field at once.
 * Keys are the server's field paths; empty fields are left to the submit check.
 */
export function graduateFormWarnings(form: Checked, today: Date = new Date()): Partial<Record<`form.${keyof Checked}`, string>> {
  const warnings: Partial<Record<`form.${keyof Checked}`, string>> = {};
  const filled = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';
  if (filled(form.idNumber)) warnings['form.idNumber'] = residentIdProblem(form.idNumber, today);
  if (filled(form.employerUscc)) warnings['form.employerUscc'] = usccProblem(form.employerUscc);
  if (filled(form.bankAccount)) warnings['form.bankAccount'] = bankCardProblem(form.bankAccount);
  for (const key of ['employerName', 'bankName'] as const) {
    const value = form[key];
    if (filled(value)) warnings[`form.${key}`] = unsafeTextProblem(value);
  }
  for (const key of Object.keys(warnings) as Array<keyof typeof warnings>) if (!warnings[key]) delete warnings[key];
  return warnings;
}

/** The corporate account and hired graduates' ID numbers of an enterprise's form, checked the same way. */
export function enterpriseFormWarnings(
  form: { bankAccount?: string; graduates?: ReadonlyArray<{ idNumber?: string }> },
  today: Date = new Date(),
): Record<string, string> {
  const warnings: Record<string, string> = {};
  if (form.bankAccount?.trim()) {
    const problem = corporateAccountProblem(form.bankAccount);
    if (problem) warnings['form.bankAccount'] = problem;
  }
  (form.graduates ?? []).forEach((g, i) => {
    const problem = g.idNumber?.trim() ? residentIdProblem(g.idNumber, today) : undefined;
    if (problem) warnings[`form.graduates.${i}.idNumber`] = problem;
  });
  return warnings;
}

/** A corrected receiving account: empty, or failing the card (graduate) or corporate-account check. */
export function bankAccountProblem(account: string, kind: 'graduate' | 'enterprise'): string | undefined {
  if (!account.trim()) return kind === 'enterprise' ? '请填写单位对公账号' : '请填写银行卡号';
  return kind === 'enterprise' ? corporateAccountProblem(account) : bankCardProblem(account);
}
