import { ENTERPRISE_OWNERSHIPS, ENTERPRISE_SIZES, type EnterpriseInput, type EnterpriseView } from '@contract/job';
import type { DistrictCode } from '@contract/reference';
import { normaliseUscc, usccProblem } from '@contract/uscc';

export const MAX_CHAIN_TAGS = 5;

export interface EnterpriseForm {
  name: string;
  uscc: string;
  district: DistrictCode | undefined;
  industry: string | undefined;
  size: string | undefined;
  ownership: string | undefined;
  chainTags: string[];
  category: string | undefined;
}

export type EnterpriseFormErrors = Partial<Record<keyof EnterpriseForm, string>>;
export type EnterpriseCheck = { ok: true; input: EnterpriseInput } | { ok: false; errors: EnterpriseFormErrors };

export const emptyEnterpriseForm: EnterpriseForm = {
  name: '',
  uscc: '',
  district: undefined,
  industry: undefined,
  size: undefined,
  ownership: undefined,
  chainTags: [],
  category: undefined,
};

/** A rejected enterprise is corrected in place: start from what was submitted. */
export function formFromEnterprise(view: EnterpriseView): EnterpriseForm {
  return {
    name: view.name,
    uscc: view.uscc,
    district: view.district,
    industry: view.industry || undefined,
    size: view.size || undefined,
    ownership: view.ownership || undefined,
    chainTags: [...view.chainTags],
    category: view.category,
  };
}

/** Message for the credit-code field as the recruiter types: nothing until 18 characters are in. */
export function usccHint(raw: string): string | undefined {
  return normaliseUscc(raw).length < 18 ? undefined : usccProblem(raw);
}

export function toggleChain(chosen: readonly string[], value: string): string[] | 'full' {
  if (chosen.includes(value)) return chosen.filter(v => v !== value);
  if (chosen.length >= MAX_CHAIN_TAGS) return 'full';
  return [...chosen, value];
}

/** The same checks as the server where the client can make them; the server has the last word. */
export function checkEnterpriseForm(form: EnterpriseForm): EnterpriseCheck {
  const errors: EnterpriseFormErrors = {};
  const name = form.name.trim();
  if (name.length < 4) errors.name = '请填写营业执照上的企业全称（至少4个字）';
  const uscc = usccProblem(form.uscc);
  if (uscc) errors.uscc = uscc;
  if (!form.district) errors.district = '请选择所在区市县';
  if (!form.industry) errors.industry = '请选择所属行业';
  if (!form.size || !(ENTERPRISE_SIZES as readonly string[]).includes(form.size)) errors.size = '请选择企业规模';
  if (!form.ownership || !(ENTERPRISE_OWNERSHIPS as readonly string[]).includes(form.ownership)) errors.ownership = '请选择企业性质';
  if (form.chainTags.length > MAX_CHAIN_TAGS) errors.chainTags = `最多选择${MAX_CHAIN_TAGS}条产业链`;
  if (Object.keys(errors).length > 0 || !form.district || !form.industry || !form.size || !form.ownership) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      uscc: normaliseUscc(form.uscc),
      district: form.district,
      industry: form.industry,
      size: form.size,
      ownership: form.ownership,
      chainTags: form.chainTags,
      ...(form.category ? { category: form.category } : {}),
    },
  };
}

/** Which control a server error belongs to (the server names the field). */
export function enterpriseFieldOf(field: string | undefined): keyof EnterpriseForm | undefined {
  return field && field in emptyEnterpriseForm ? (field as keyof EnterpriseForm) : undefined;
}
