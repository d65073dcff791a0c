import { ENTERPRISE_SIZES } from './job';
import { DEGREE_LABELS, DISTRICTS, TWO_CITIES_ONE_COUNTY, type DistrictCode } from './reference';
import type { ApplicantKind, DistrictClass, Eligibility, FactValue, RuleCondition, SubsidyApplicationForm, SubsidyFactField, SubsidyProgramInput } from './subsidy';

/**
 * The facts a subsidy program's rules refer to, and the pure evaluation of those rules: the server
 * judges every save with it, and the application form runs the same function as the applicant types,
 * so its verdict (信息不完整 / 不符合 / 符合，补贴 N 元) follows the form without a round trip.
 */

export type Facts = Partial<Record<SubsidyFactField, FactValue>>;

export type FieldType = 'enum' | 'boolean' | 'number' | 'date';

export interface FieldSpec {
  type: FieldType;
  label: string;
  /** enum: allowed value → Chinese label. */
  values?: Record<string, string>;
  /** Phrase describing a known value, for explanations. */
  describe: (value: FactValue, facts?: Facts) => string;
  unit?: string;
  /** Only this kind of applicant has the fact; both when absent. */
  only?: ApplicantKind;
  /** What the applicant supplies for an unknown value when it is not the field itself (age comes from the ID). */
  askFor?: string;
}

const DISTRICT_LABELS: Record<string, string> = Object.fromEntries(DISTRICTS.map(d => [d.code, d.name]));
const DISTRICT_CLASS_LABELS: Record<DistrictClass, string> = { twoCitiesOneCounty: '两市一县', other: '其他地区' };

const workPlace = (facts: Facts) => `在${DISTRICT_LABELS[String(facts.employmentDistrict)] ?? String(facts.employmentDistrict)}就业`;

const yesNo = (yes: string, no: string) => (value: FactValue) => (value === true ? yes : no);

const SIZE_LABELS: Record<string, string> = Object.fromEntries(ENTERPRISE_SIZES.map(s => [s, s]));

/** Every field a program may refer to; a reference to anything else is refused when saved. */
export const FACT_FIELDS: Record<SubsidyFactField, FieldSpec> = {
  degree: { type: 'enum', label: '学历', values: DEGREE_LABELS, describe: v => DEGREE_LABELS[v as keyof typeof DEGREE_LABELS] ?? String(v), only: 'graduate', askFor: '个人资料中的学历' },
  doubleFirstClass: { type: 'boolean', label: '双一流高校毕业', describe: yesNo('双一流高校毕业', '非双一流高校毕业'), only: 'graduate' },
  graduationDate: { type: 'date', label: '毕业时间', describe: v => `${String(v)}毕业`, only: 'graduate' },
  employmentDistrict: { type: 'enum', label: '就业地区', values: DISTRICT_LABELS, describe: v => `在${DISTRICT_LABELS[String(v)] ?? String(v)}就业` },
  districtClass: {
    type: 'enum',
    label: '就业地区类别',
    values: DISTRICT_CLASS_LABELS,
    askFor: '就业地区',
    describe: (v, facts) => (facts?.employmentDistrict ? workPlace(facts) : `就业地属${DISTRICT_CLASS_LABELS[v as DistrictClass] ?? String(v)}`),
  },
  employedInDalian: {
    type: 'boolean',
    label: '在大连就业',
    askFor: '就业地区',
    describe: (v, facts) => (v === true ? (facts?.employmentDistrict ? workPlace(facts) : '在大连就业') : '未在大连就业'),
  },
  socialInsuranceMonths: { type: 'number', label: '社保缴纳月数', unit: '个月', describe: v => `社保缴纳${String(v)}个月` },
  hardship: { type: 'boolean', label: '困难家庭毕业生', describe: yesNo('困难家庭毕业生', '非困难家庭毕业生'), only: 'graduate' },
  age: { type: 'number', label: '年龄', unit: '周岁', describe: v => `${String(v)}周岁`, only: 'graduate', askFor: '身份证号（用于核定年龄）' },
  traineeMonths: { type: 'number', label: '见习月数', unit: '个月', describe: v => `见习${String(v)}个月`, only: 'graduate' },
  businessRegistered: { type: 'boolean', label: '已注册创业实体', describe: yesNo('已注册创业实体', '未注册创业实体'), only: 'graduate' },
  graduatesHired: { type: 'number', label: '吸纳毕业生人数', unit: '名', describe: v => `吸纳高校毕业生${String(v)}名`, only: 'enterprise' },
  enterpriseSize: { type: 'enum', label: '企业规模', values: SIZE_LABELS, describe: v => `企业规模${String(v)}`, only: 'enterprise' },
};

export function isFactField(name: string): name is SubsidyFactField {
  return Object.prototype.hasOwnProperty.call(FACT_FIELDS, name);
}

/** The facts a program's conditions and amount rule refer to, in order of first mention. */
export function referencedFields(p: Pick<SubsidyProgramInput, 'conditions' | 'amount'>): SubsidyFactField[] {
  const names: string[] = p.conditions.map(c => c.field);
  if (p.amount.kind === 'monthly') names.push(p.amount.monthsField);
  if (p.amount.kind === 'perGraduate') names.push('graduatesHired');
  if (p.amount.kind === 'table') for (const row of p.amount.rows) names.push(...Object.keys(row.when));
  return [...new Set(names)].filter(isFactField);
}

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

export function districtClassOf(code: DistrictCode | string): DistrictClass {
  return (TWO_CITIES_ONE_COUNTY as readonly string[]).includes(code) ? 'twoCitiesOneCounty' : 'other';
}

/** Whole years of age on `today` from a valid resident ID's birth date (Beijing calendar date strings). */
export function ageOn(idNumber: string, today: string): number {
  const birth = idNumber.slice(6, 14);
  const t = today.replace(/-/g, '');
  const years = Number(t.slice(0, 4)) - Number(birth.slice(0, 4));
  return t.slice(4) >= birth.slice(4) ? years : years - 1;
}

export interface FactSources {
  degree?: string;
  doubleFirstClass?: boolean;
  graduationDate?: string;
  employmentDistrict?: string;
  socialInsuranceMonths?: number;
  traineeMonths?: number;
  hardship?: boolean;
  businessRegistered?: boolean;
  idNumber?: string;
  /** Enterprise applications: how many graduates are listed (none listed: unknown). */
  graduatesHired?: number;
  enterpriseSize?: string;
}

export function factsOf(src: FactSources, today: string): Facts {
  const facts: Facts = {};
  if (src.degree) facts.degree = src.degree;
  if (src.doubleFirstClass !== undefined) facts.doubleFirstClass = src.doubleFirstClass;
  if (src.graduationDate) facts.graduationDate = src.graduationDate;
  if (src.employmentDistrict) {
    facts.employmentDistrict = src.employmentDistrict;
    facts.districtClass = districtClassOf(src.employmentDistrict);
    facts.employedInDalian = true;
  }
  if (src.socialInsuranceMonths !== undefined) facts.socialInsuranceMonths = src.socialInsuranceMonths;
  if (src.traineeMonths !== undefined) facts.traineeMonths = src.traineeMonths;
  if (src.hardship !== undefined) facts.hardship = src.hardship;
  if (src.businessRegistered !== undefined) facts.businessRegistered = src.businessRegistered;
  if (src.idNumber) facts.age = ageOn(src.idNumber, today);
  if (src.graduatesHired) facts.graduatesHired = src.graduatesHired;
  if (src.enterpriseSize) facts.enterpriseSize = src.enterpriseSize;
  return facts;
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/** The last day (inclusive) that is within `years` of `date`; Feb 29 rolls to Feb 28. */
export function lastDayWithin(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  if (md === '02-29') {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-02-${leap ? '29' : '28'}`;
  }
  return `${y}-${md}`;
}

type ConditionResult = { state: 'pass'; phrase: string } | { state: 'fail' | 'unknown'; reason: string };

function listLabels(spec: FieldSpec, values: FactValue[]): string {
  return values.map(v => spec.values?.[String(v)] ?? String(v)).join('、');
}

function evaluateCondition(c: RuleCondition, facts: Facts, today: string): ConditionResult {
  if (!isFactField(c.field)) return { state: 'fail', reason: `未知的条件字段：${c.field}` };
  const spec = FACT_FIELDS[c.field];
  const actual = facts[c.field];
  if (actual === undefined) return { state: 'unknown', reason: `请填写${spec.askFor ?? spec.label}` };
  switch (c.op) {
    case 'eq':
      return actual === c.value
        ? { state: 'pass', phrase: spec.describe(actual, facts) }
        : { state: 'fail', reason: spec.type === 'boolean' ? `仅限${spec.describe(c.value as FactValue)}` : `${spec.label}须为${listLabels(spec, [c.value as FactValue])}` };
    case 'in': {
      const list = c.value as FactValue[];
      return list.includes(actual)
        ? { state: 'pass', phrase: spec.describe(actual, facts) }
        : { state: 'fail', reason: `${spec.label}须为${listLabels(spec, list)}` };
    }
    case 'gte':
      return typeof actual === 'number' && actual >= (c.value as number)
        ? { state: 'pass', phrase: spec.describe(actual, facts) }
        : { state: 'fail', reason: `${spec.label}须不少于${String(c.value)}${spec.unit ?? ''}` };
    case 'lte':
      return typeof actual === 'number' && actual <= (c.value as number)
        ? { state: 'pass', phrase: spec.describe(actual, facts) }
        : { state: 'fail', reason: `${spec.label}须不超过${String(c.value)}${spec.unit ?? ''}` };
    case 'withinYears': {
      const date = String(actual);
      const years = c.value as number;
      if (date > today) return { state: 'fail', reason: '毕业时间不能晚于今天' };
      return today <= lastDayWithin(date, years)
        ? { state: 'pass', phrase: `毕业${years}年内` }
        : { state: 'fail', reason: `须在毕业${years}年内申请（${date}毕业）` };
    }
  }
}

function rowMatches(when: Record<string, FactValue>, facts: Facts): boolean {
  return Object.entries(when).every(([k, v]) => isFactField(k) && facts[k] === v);
}

function rowPhrases(when: Record<string, FactValue>, facts: Facts, already: string[]): string[] {
  return Object.keys(when)
    .filter(isFactField)
    .map(k => FACT_FIELDS[k].describe(facts[k] as FactValue, facts))
    .filter(p => !already.includes(p));
}

/** Pure: whether these facts qualify for the program, how much, and why, in Chinese. */
export function evaluate(program: Pick<SubsidyProgramInput, 'conditions' | 'amount'>, facts: Facts, today: string): Eligibility {
  const phrases: string[] = [];
  const reasons: string[] = [];
  let unknown = false;
  for (const c of program.conditions) {
    const r = evaluateCondition(c, facts, today);
    if (r.state === 'pass') {
      if (!phrases.includes(r.phrase)) phrases.push(r.phrase);
    } else {
      reasons.push(r.reason);
      if (r.state === 'unknown') unknown = true;
    }
  }
  // Facts the amount depends on.
  if (program.amount.kind === 'monthly' && isFactField(program.amount.monthsField) && facts[program.amount.monthsField] === undefined) {
    reasons.push(`请填写${FACT_FIELDS[program.amount.monthsField].label}`);
    unknown = true;
  }
  if (program.amount.kind === 'perGraduate' && facts.graduatesHired === undefined && !reasons.includes('请填写吸纳毕业生人数')) {
    reasons.push('请填写吸纳毕业生人数');
    unknown = true;
  }
  if (reasons.length > 0) {
    const failed = reasons.length > 0 && !(unknown && reasons.every(r => r.startsWith('请填写')));
    return {
      outcome: failed ? 'ineligible' : 'incomplete',
      explanation: failed ? `不符合条件：${reasons.filter(r => !r.startsWith('请填写')).join('；')}` : `信息不完整：${reasons.join('；')}`,
      reasons,
    };
  }
  const amount = program.amount;
  switch (amount.kind) {
    case 'fixed':
      return {
        outcome: 'eligible',
        amount: amount.amount,
        explanation: `${phrases.join('，')} → ${amount.label ? `适用${amount.label}，` : ''}补贴 ${amount.amount} 元`,
        reasons: [],
      };
    case 'monthly': {
      const months = Math.min(Number(facts[amount.monthsField as SubsidyFactField]), amount.maxMonths);
      const spec = FACT_FIELDS[amount.monthsField as SubsidyFactField];
      const total = amount.monthly * Math.max(0, Math.floor(months));
      const all = [...phrases, spec.describe(facts[amount.monthsField as SubsidyFactField] as FactValue, facts)].filter((p, i, a) => a.indexOf(p) === i);
      return {
        outcome: total > 0 ? 'eligible' : 'ineligible',
        amount: total > 0 ? total : undefined,
        explanation: `${all.join('，')} → 每月 ${amount.monthly} 元 × ${Math.floor(months)} 个月（最多 ${amount.maxMonths} 个月），共 ${total} 元`,
        reasons: total > 0 ? [] : [`${spec.label}不足`],
      };
    }
    case 'perGraduate': {
      const hired = Math.max(0, Math.floor(Number(facts.graduatesHired)));
      const counted = Math.min(hired, amount.maxGraduates);
      const total = amount.amount * counted;
      const all = [...phrases, FACT_FIELDS.graduatesHired.describe(hired, facts)].filter((p, i, a) => a.indexOf(p) === i);
      return {
        outcome: total > 0 ? 'eligible' : 'ineligible',
        amount: total > 0 ? total : undefined,
        explanation: `${all.join('，')} → ${amount.label ? `适用${amount.label}，` : ''}每名 ${amount.amount} 元 × ${counted} 名（最多 ${amount.maxGraduates} 名），共 ${total} 元`,
        reasons: total > 0 ? [] : ['吸纳毕业生人数不足'],
      };
    }
    case 'table': {
      const row = amount.rows.find(r => rowMatches(r.when, facts));
      if (!row) {
        const missing = amount.rows.flatMap(r => Object.keys(r.when)).filter(isFactField).filter(k => facts[k] === undefined);
        const unique = [...new Set(missing)];
        if (unique.length > 0) {
          const why = unique.map(k => `请填写${FACT_FIELDS[k].askFor ?? FACT_FIELDS[k].label}`);
          return { outcome: 'incomplete', explanation: `信息不完整：${why.join('；')}`, reasons: why };
        }
        return { outcome: 'ineligible', explanation: '不符合条件：没有适用的补贴标准', reasons: ['没有适用的补贴标准'] };
      }
      const all = [...phrases, ...rowPhrases(row.when, facts, phrases)];
      return { outcome: 'eligible', amount: row.amount, explanation: `${all.join('，')} → 适用${row.label}，补贴 ${row.amount} 元`, reasons: [] };
    }
  }
}

// ---------------------------------------------------------------------------
// The graduate's form
// ---------------------------------------------------------------------------

/** A field of the graduate's application form. */
export type GraduateFormKey = keyof SubsidyApplicationForm;

const WORK_FACTS: readonly SubsidyFactField[] = ['employmentDistrict', 'districtClass', 'employedInDalian', 'socialInsuranceMonths'];
const DIRECT_FACTS = ['graduationDate', 'socialInsuranceMonths', 'traineeMonths', 'hardship', 'businessRegistered'] as const;

/**
 * What a graduate program's form asks, in order: the identity and receiving account always; the facts
 * its rules refer to; where the applicant works when a rule refers to work, and the district also when
 * a district office reviews it (that office is chosen by it). Degree and 双一流 come from the profile.
 */
export function graduateFormKeys(p: Pick<SubsidyProgramInput, 'conditions' | 'amount' | 'workflow'>): GraduateFormKey[] {
  const facts = referencedFields(p);
  const work = facts.some(f => WORK_FACTS.includes(f));
  const keys: GraduateFormKey[] = ['idNumber'];
  if (facts.includes('graduationDate')) keys.push('graduationDate');
  if (work || p.workflow.includes('district')) keys.push('employmentDistrict');
  if (work) keys.push('employerName', 'employerUscc');
  for (const f of DIRECT_FACTS) if (f !== 'graduationDate' && facts.includes(f)) keys.push(f);
  keys.push('bankName', 'bankAccount');
  return keys;
}

/** The form fields a submission cannot go without. */
export function requiredGraduateKeys(keys: readonly GraduateFormKey[]): GraduateFormKey[] {
  return keys.filter(k => k === 'idNumber' || k === 'graduationDate' || k === 'employmentDistrict' || k === 'bankName' || k === 'bankAccount');
}

/** Whether the district is asked as the place of work (a rule refers to work) or only as the reviewing office. */
export function asksWorkplace(keys: readonly GraduateFormKey[]): boolean {
  return keys.includes('employerName');
}
