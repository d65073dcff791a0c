import { COLLEGES, type CollegeId, type Degree, type DistrictCode, type Province } from '@contract/reference';
import type { Me, ProfileInput } from '@contract/user';
import type { SelectOption } from '@/components/SelectField';

/** The college picker's value for a school outside Dalian. */
export const OTHER_COLLEGE = 'other';
export type CollegeChoice = CollegeId | typeof OTHER_COLLEGE;

export interface ProfileForm {
  name: string;
  college: CollegeChoice | undefined;
  schoolName: string;
  doubleFirstClass: boolean;
  degree: Degree | undefined;
  major: string;
  graduationYear: number | undefined;
  originProvince: Province | undefined;
  originCity: string;
  intentionDistricts: DistrictCode[];
  intentionText: string;
  idNumber: string;
}

/** Where a message is shown: one entry per visible control. */
export type FormField = Exclude<keyof ProfileForm, 'doubleFirstClass'>;
export type FormErrors = Partial<Record<FormField, string>>;
export type CheckResult = { ok: true; input: ProfileInput } | { ok: false; errors: FormErrors };

export const MAX_INTENTION_DISTRICTS = 5;

export const collegeOptions: Array<SelectOption<CollegeChoice>> = [
  ...COLLEGES.map(c => ({ value: c.id, label: c.name })),
  { value: OTHER_COLLEGE, label: '外地高校' },
];

export function graduationYearOptions(now: Date = new Date()): Array<SelectOption<number>> {
  const year = now.getFullYear();
  return Array.from({ length: 11 }, (_, i) => year + 4 - i).map(y => ({ value: y, label: `${y}年` }));
}

export function formFromMe(me: Me): ProfileForm {
  const p = me.profile;
  return {
    name: p.name ?? '',
    college: p.collegeId ?? (p.schoolName ? OTHER_COLLEGE : undefined),
    schoolName: p.collegeId ? '' : (p.schoolName ?? ''),
    doubleFirstClass: p.doubleFirstClass ?? false,
    degree: p.degree,
    major: p.major ?? '',
    graduationYear: p.graduationYear,
    originProvince: p.originProvince,
    originCity: p.originCity ?? '',
    intentionDistricts: p.intentionDistricts ?? [],
    intentionText: p.intentionText ?? '',
    // Never returned in full; blank keeps the number on file.
    idNumber: '',
  };
}

/**
 * Presence checks only (in form order, so the first error is the topmost); formats and
 * ranges are the server's to judge, and its 422 names the field.
 */
export function checkForm(form: ProfileForm): CheckResult {
  const errors: FormErrors = {};
  const text = (field: 'name' | 'major' | 'originCity' | 'schoolName', message: string): string => {
    const value = form[field].trim();
    if (!value) errors[field] = message;
    return value;
  };

  const name = text('name', '请填写姓名');
  const { college, degree, graduationYear, originProvince } = form;
  if (!college) errors.college = '请选择毕业院校';
  const schoolName = college === OTHER_COLLEGE ? text('schoolName', '请填写学校名称') : '';
  if (!degree) errors.degree = '请选择学历';
  const major = text('major', '请填写专业');
  if (!graduationYear) errors.graduationYear = '请选择毕业年份';
  if (!originProvince) errors.originProvince = '请选择生源地省份';
  const originCity = text('originCity', '请填写生源地城市');

  if (!college || !degree || !graduationYear || !originProvince || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const idNumber = form.idNumber.trim();
  return {
    ok: true,
    input: {
      name,
      ...(college === OTHER_COLLEGE ? { schoolName, doubleFirstClass: form.doubleFirstClass } : { collegeId: college }),
      degree,
      major,
      graduationYear,
      originProvince,
      originCity,
      intentionDistricts: form.intentionDistricts,
      intentionText: form.intentionText.trim(),
      ...(idNumber ? { idNumber } : {}),
    },
  };
}

const SERVER_FIELDS: Record<keyof ProfileInput, FormField> = {
  name: 'name',
  collegeId: 'college',
  schoolName: 'schoolName',
  doubleFirstClass: 'schoolName',
  degree: 'degree',
  major: 'major',
  graduationYear: 'graduationYear',
  originProvince: 'originProvince',
  originCity: 'originCity',
  intentionDistricts: 'intentionDistricts',
  intentionText: 'intentionText',
  idNumber: 'idNumber',
};

function isInputKey(key: string): key is keyof ProfileInput {
  return Object.prototype.hasOwnProperty.call(SERVER_FIELDS, key);
}

/** The control for a server error's `field`, a dotted path such as `intentionDistricts.0`. */
export function fieldOfServerError(field: string | undefined): FormField | undefined {
  const head = field?.split('.')[0];
  return head && isInputKey(head) ? SERVER_FIELDS[head] : undefined;
}
