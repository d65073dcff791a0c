import { bankCardProblem, corporateAccountProblem } from '@contract/bank-account';
import { normaliseResidentId, residentIdProblem } from '@contract/resident-id';
import type { Eligibility, SubsidyApplicationForm, SubsidyPrefill, SubsidyProgramInput } from '@contract/subsidy';
import { evaluate, factsOf } from '@contract/subsidy-eligibility';
import { beijingDay } from '@contract/time';
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

/**
 * The rules' verdict on the form as it stands, recomputed on every change so 信息不完整 clears as the
 * fields are filled: the same `evaluate` the server runs on save. Degree and 双一流 come from the profile;
 * age from a typed ID that passes its check. An ID saved earlier comes back masked, so its age is
 * unknown here: the age condition is left to the server (which judged it on that save).
 */
export function liveEligibility(
  program: Pick<SubsidyProgramInput, 'conditions' | 'amount'>,
  form: SubsidyApplicationForm,
  profile: SubsidyPrefill['profile'],
  savedId: boolean,
  today: Date = new Date(),
): Eligibility {
  const day = beijingDay(today);
  const typedId = form.idNumber?.trim() && !residentIdProblem(form.idNumber, today) ? normaliseResidentId(form.idNumber) : undefined;
  const facts = factsOf(
    {
      degree: profile?.degree,
      doubleFirstClass: profile?.doubleFirstClass,
      graduationDate: form.graduationDate,
      employmentDistrict: form.employmentDistrict,
      socialInsuranceMonths: form.socialInsuranceMonths,
      traineeMonths: form.traineeMonths,
      hardship: form.hardship,
      businessRegistered: form.businessRegistered,
      idNumber: typedId,
    },
    day,
  );
  const judged = !typedId && savedId ? { ...program, conditions: program.conditions.filter(c => c.field !== 'age') } : program;
  return evaluate(judged, facts, day);
}

/** The graduation date a profile's year suggests (end of June, when Chinese degrees are conferred); the applicant corrects it from the diploma. */
export function suggestedGraduationDate(year: number | undefined, today: Date = new Date()): string | undefined {
  if (!year) return undefined;
  const date = `${year}-06-30`;
  return date <= beijingDay(today) ? date : undefined;
}
