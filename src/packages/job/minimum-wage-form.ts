import { minimumWageAt } from '@contract/job-posting';
import { DISTRICTS, minimumWageIn, type DistrictCode, type MinimumWage, type MinimumWageInput } from '@contract/reference';
import { beijingDay, isCalendarDay } from '@contract/time';

/** The editor's text fields: the city's figure, the day, the notice, and one figure per area (blank: the city's). */
export interface MinimumWageForm {
  amount: string;
  effectiveFrom: string;
  source: string;
  areas: Partial<Record<DistrictCode, string>>;
}

export type MinimumWageFormErrors = Partial<Record<'amount' | 'effectiveFrom' | 'source' | DistrictCode, string>>;

const AMOUNT = /^\d{3,5}$/;

function amountProblem(text: string): string | undefined {
  if (!AMOUNT.test(text.trim())) return '请填写整数元，如 2100';
  const n = Number(text.trim());
  return n < 500 || n > 20_000 ? '应在500至20000元之间' : undefined;
}

export function emptyMinimumWageForm(now: Date = new Date()): MinimumWageForm {
  return { amount: '', effectiveFrom: beijingDay(now), source: '', areas: {} };
}

/** A standard opened for correction: the same day saves over it. */
export function formFromWage(wage: MinimumWage): MinimumWageForm {
  const areas: MinimumWageForm['areas'] = {};
  for (const a of wage.areas ?? []) areas[a.district] = String(a.amount);
  return { amount: String(wage.amount), effectiveFrom: wage.effectiveFrom, source: wage.source, areas };
}

export function checkMinimumWageForm(form: MinimumWageForm): { ok: true; input: MinimumWageInput } | { ok: false; errors: MinimumWageFormErrors } {
  const errors: MinimumWageFormErrors = {};
  const amount = amountProblem(form.amount);
  if (amount) errors.amount = amount;
  if (!isCalendarDay(form.effectiveFrom.trim())) errors.effectiveFrom = '请填写日历上存在的日期，如 2025-01-01';
  if (form.source.trim().length < 2) errors.source = '请填写依据的文件名称与文号';
  const areas: NonNullable<MinimumWageInput['areas']> = [];
  for (const d of DISTRICTS) {
    const text = form.areas[d.code]?.trim();
    if (!text) continue;
    const problem = amountProblem(text);
    if (problem) errors[d.code] = problem;
    else areas.push({ district: d.code, amount: Number(text) });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { amount: Number(form.amount.trim()), effectiveFrom: form.effectiveFrom.trim(), source: form.source.trim(), areas } };
}

/** Each area's figure under the standard in force (what a posting there may not undercut). */
export function figuresInForce(wages: readonly MinimumWage[], now: Date): { standard?: MinimumWage; rows: Array<{ district: DistrictCode; name: string; amount: number; tier: boolean }> } {
  const standard = minimumWageAt(wages, now);
  if (!standard) return { rows: [] };
  return {
    standard,
    rows: DISTRICTS.map(d => {
      const figure = minimumWageIn(standard, d.code);
      return { district: d.code, name: d.name, amount: figure.amount, tier: figure.area !== undefined };
    }),
  };
}
