import {
  CONDITION_OPS,
  REVIEW_STAGES,
  SUBSIDY_DOCUMENT_KINDS,
  type AmountRule,
  type ApplicantKind,
  type DistrictClass,
  type Eligibility,
  type FactValue,
  type PaymentLineStatus,
  type PaymentTotals,
  type ReviewStage,
  type RuleCondition,
  type SubsidyFactField,
  type SubsidyProgramInput,
  type SubsidyStatus,
} from '../../contract/subsidy';
import { ENTERPRISE_SIZES } from '../../contract/job';
import { DEGREE_LABELS, DISTRICTS, TWO_CITIES_ONE_COUNTY, type DistrictCode } from '../../contract/reference';

export type Facts = Partial<Record<SubsidyFactField, FactValue>>;

type FieldType = 'enum' | 'boolean' | 'number' | 'date';

interface FieldSpec {
  type: FieldType;
  label: string;
  /** enum: allowed value → Chinese label. */
  values?: Record<string, string>;
  /** Phrase describing a known value, for explanations. */
  describe: (value: FactValue, facts?: Facts) => string;
  unit?: string;
  /** Only this kind of applicant has the fact; both when absent. */
  only?: ApplicantKind;
}

const DISTRICT_LABELS: Record<string, string> = Object.fromEntries(DISTRICTS.map(d => [d.code, d.name]));
const DISTRICT_CLASS_LABELS: Record<DistrictClass, string> = { twoCitiesOneCounty: '两市一县', other: '其他地区' };

const workPlace = (facts: Facts) => `在${DISTRICT_LABELS[String(facts.employmentDistrict)] ?? String(facts.employmentDistrict)}就业`;

const yesNo = (yes: string, no: string) => (value: FactValue) => (value === true ? yes : no);

const SIZE_LABELS: Record<string, string> = Object.fromEntries(ENTERPRISE_SIZES.map(s => [s, s]));

/** Every field a program may refer to; a reference to anything else is refused when saved. */
export const FACT_FIELDS: Record<SubsidyFactField, FieldSpec> = {
  degree: { type: 'enum', label: '学历', values: DEGREE_LABELS, describe: v => DEGREE_LABELS[v as keyof typeof DEGREE_LABELS] ?? String(v), only: 'graduate' },
  doubleFirstClass: { type: 'boolean', label: '双一流高校毕业', describe: yesNo('双一流高校毕业', '非双一流高校毕业'), only: 'graduate' },
  graduationDate: { type: 'date', label: '毕业时间', describe: v => `${String(v)}毕业`, only: 'graduate' },
  employmentDistrict: { type: 'enum', label: '就业地区', values: DISTRICT_LABELS, describe: v => `在${DISTRICT_LABELS[String(v)] ?? String(v)}就业` },
  districtClass: {
    type: 'enum',
    label: '就业地区类别',
    values: DISTRICT_CLASS_LABELS,
    describe: (v, facts) => (facts?.employmentDistrict ? workPlace(facts) : `就业地属${DISTRICT_CLASS_LABELS[v as DistrictClass] ?? String(v)}`),
  },
  employedInDalian: {
    type: 'boolean',
    label: '在大连就业',
    describe: (v, facts) => (v === true ? (facts?.employmentDistrict ? workPlace(facts) : '在大连就业') : '未在大连就业'),
  },
  socialInsuranceMonths: { type: 'number', label: '社保缴纳月数', unit: '个月', describe: v => `社保缴纳${String(v)}个月` },
  hardship: { type: 'boolean', label: '困难家庭毕业生', describe: yesNo('困难家庭毕业生', '非困难家庭毕业生'), only: 'graduate' },
  age: { type: 'number', label: '年龄', unit: '周岁', describe: v => `${String(v)}周岁`, only: 'graduate' },
  traineeMonths: { type: 'number', label: '见习月数', unit: '个月', describe: v => `见习${String(v)}个月`, only: 'graduate' },
  businessRegistered: { type: 'boolean', label: '已注册创业实体', describe: yesNo('已注册创业实体', '未注册创业实体'), only: 'graduate' },
  graduatesHired: { type: 'number', label: '吸纳毕业生人数', unit: '名', describe: v => `吸纳高校毕业生${String(v)}名`, only: 'enterprise' },
  enterpriseSize: { type: 'enum', label: '企业规模', values: SIZE_LABELS, describe: v => `企业规模${String(v)}`, only: 'enterprise' },
};

function isFactField(name: string): name is SubsidyFactField {
  return Object.prototype.hasOwnProperty.call(FACT_FIELDS, name);
}

// ---------------------------------------------------------------------------
// Validation of a program as saved by staff
// ---------------------------------------------------------------------------

export interface RuleProblem {
  /** Dotted path into the program, e.g. `amount.rows.0.when.salary`. */
  field: string;
  message: string;
}

function valueProblem(spec: FieldSpec, value: unknown, path: string): RuleProblem | null {
  switch (spec.type) {
    case 'enum':
      return typeof value === 'string' && spec.values && value in spec.values
        ? null
        : { field: path, message: `「${spec.label}」的取值不正确：${String(value)}` };
    case 'boolean':
      return typeof value === 'boolean' ? null : { field: path, message: `「${spec.label}」的取值应为是或否` };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : { field: path, message: `「${spec.label}」的取值应为数字` };
    case 'date':
      return { field: path, message: `「${spec.label}」只能用“毕业N年内”条件` };
  }
}

function conditionProblems(c: RuleCondition, path: string): RuleProblem[] {
  if (!isFactField(c.field)) return [{ field: `${path}.field`, message: `未知的条件字段：${c.field}` }];
  if (!(CONDITION_OPS as readonly string[]).includes(c.op)) return [{ field: `${path}.op`, message: `未知的比较方式：${c.op}` }];
  const spec = FACT_FIELDS[c.field];
  const allowed: Record<FieldType, readonly string[]> = {
    enum: ['eq', 'in'],
    boolean: ['eq'],
    number: ['eq', 'gte', 'lte'],
    date: ['withinYears'],
  };
  if (!allowed[spec.type].includes(c.op)) {
    return [{ field: `${path}.op`, message: `「${spec.label}」不能使用比较方式 ${c.op}` }];
  }
  if (c.op === 'withinYears') {
    return typeof c.value === 'number' && c.value > 0 && c.value <= 20
      ? []
      : [{ field: `${path}.value`, message: '年限应为 1 到 20 之间的数字' }];
  }
  if (c.op === 'in') {
    if (!Array.isArray(c.value) || c.value.length === 0) return [{ field: `${path}.value`, message: '“属于”条件需要至少一个取值' }];
    return c.value.flatMap((v, i) => {
      const p = valueProblem(spec, v, `${path}.value.${i}`);
      return p ? [p] : [];
    });
  }
  const p = valueProblem(spec, c.value, `${path}.value`);
  return p ? [p] : [];
}

function amountProblems(rule: AmountRule): RuleProblem[] {
  const money = (n: unknown, path: string): RuleProblem[] =>
    typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 1_000_000 ? [] : [{ field: path, message: '金额应为 1 到 1000000 之间的整数（元）' }];
  switch (rule.kind) {
    case 'fixed':
      return money(rule.amount, 'amount.amount');
    case 'monthly': {
      const problems = money(rule.monthly, 'amount.monthly');
      if (!isFactField(rule.monthsField)) problems.push({ field: 'amount.monthsField', message: `未知的金额字段：${rule.monthsField}` });
      else if (FACT_FIELDS[rule.monthsField].type !== 'number') problems.push({ field: 'amount.monthsField', message: `「${FACT_FIELDS[rule.monthsField].label}」不是数字字段` });
      if (!Number.isInteger(rule.maxMonths) || rule.maxMonths < 1 || rule.maxMonths > 120) problems.push({ field: 'amount.maxMonths', message: '最多月数应为 1 到 120' });
      return problems;
    }
    case 'perGraduate': {
      const problems = money(rule.amount, 'amount.amount');
      if (!Number.isInteger(rule.maxGraduates) || rule.maxGraduates < 1 || rule.maxGraduates > 1000) {
        problems.push({ field: 'amount.maxGraduates', message: '最多人数应为 1 到 1000' });
      }
      return problems;
    }
    case 'table': {
      if (!Array.isArray(rule.rows) || rule.rows.length === 0) return [{ field: 'amount.rows', message: '金额表至少需要一行' }];
      return rule.rows.flatMap((row, i) => {
        const problems = money(row.amount, `amount.rows.${i}.amount`);
        if (!row.label) problems.push({ field: `amount.rows.${i}.label`, message: '请填写标准名称' });
        for (const [key, value] of Object.entries(row.when ?? {})) {
          const path = `amount.rows.${i}.when.${key}`;
          if (!isFactField(key)) problems.push({ field: path, message: `未知的金额字段：${key}` });
          else {
            const p = valueProblem(FACT_FIELDS[key], value, path);
            if (p) problems.push(p);
          }
        }
        return problems;
      });
    }
    default:
      return [{ field: 'amount.kind', message: '未知的金额规则类型' }];
  }
}

/** The facts a program's conditions and amount rule refer to, in order of first mention. */
export function referencedFields(p: Pick<SubsidyProgramInput, 'conditions' | 'amount'>): SubsidyFactField[] {
  const names: string[] = p.conditions.map(c => c.field);
  if (p.amount.kind === 'monthly') names.push(p.amount.monthsField);
  if (p.amount.kind === 'perGraduate') names.push('graduatesHired');
  if (p.amount.kind === 'table') for (const row of p.amount.rows) names.push(...Object.keys(row.when));
  return [...new Set(names)].filter(isFactField);
}

/** A fact the program's applicants cannot have, e.g. 学历 in an enterprise program. */
function applicantProblems(p: SubsidyProgramInput): RuleProblem[] {
  const kindLabel = p.applicantKind === 'enterprise' ? '企业' : '毕业生';
  return referencedFields(p)
    .filter(f => FACT_FIELDS[f].only && FACT_FIELDS[f].only !== p.applicantKind)
    .map(f => {
      const i = p.conditions.findIndex(c => c.field === f);
      return { field: i >= 0 ? `conditions.${i}.field` : 'amount', message: `「${FACT_FIELDS[f].label}」不适用于面向${kindLabel}的项目` };
    });
}

/**
 * 免申即享 is for graduates, decided on the records alone: the records replace the documents, so such a program
 * asks for none (the offer is confirmed with one tap), and every fact it refers to must be one the records hold.
 */
export function offerModeProblems(p: Pick<SubsidyProgramInput, 'offerMode' | 'applicantKind' | 'requiredDocuments' | 'conditions' | 'amount'>): RuleProblem[] {
  if (p.offerMode !== 'auto') return [];
  if (p.applicantKind !== 'graduate') return [{ field: 'offerMode', message: '“免申即享”只适用于面向毕业生的项目' }];
  if (p.requiredDocuments.length > 0) return [{ field: 'requiredDocuments', message: '“免申即享”项目以数据核验代替材料，不能要求上传材料' }];
  const unknown = referencedFields(p).filter(f => !OFFER_RECORD_FACTS.includes(f));
  return unknown.length ? [{ field: 'offerMode', message: `平台数据中没有「${unknown.map(f => FACT_FIELDS[f].label).join('、')}」，该项目不能设为“免申即享”` }] : [];
}

/** Facts the registry, recorded hires and insurance records give (`offerFacts` in subsidy.offer.rules.ts). */
export const OFFER_RECORD_FACTS: readonly SubsidyFactField[] = [
  'degree',
  'doubleFirstClass',
  'graduationDate',
  'employmentDistrict',
  'districtClass',
  'employedInDalian',
  'socialInsuranceMonths',
  'hardship',
  'age',
];

/** Everything wrong with a program's rules; empty when it can be saved. */
export function programProblems(p: SubsidyProgramInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  p.conditions.forEach((c, i) => problems.push(...conditionProblems(c, `conditions.${i}`)));
  problems.push(...amountProblems(p.amount));
  if (problems.length === 0) problems.push(...applicantProblems(p));
  const opens = Date.parse(p.opensAt);
  const closes = Date.parse(p.closesAt);
  if (!(opens <= closes)) problems.push({ field: 'closesAt', message: '截止日期不能早于开始日期' });
  if (p.workflow.length === 0 || p.workflow.some(s => !(REVIEW_STAGES as readonly string[]).includes(s))) {
    problems.push({ field: 'workflow', message: '审核流程不正确' });
  } else if (p.workflow[p.workflow.length - 1] !== 'bureau') {
    problems.push({ field: 'workflow', message: '审核流程的最后一步须为市人社局审批' });
  }
  if (p.requiredDocuments.some(d => !(SUBSIDY_DOCUMENT_KINDS as readonly string[]).includes(d))) {
    problems.push({ field: 'requiredDocuments', message: '材料类型不正确' });
  }
  problems.push(...offerModeProblems(p));
  return problems;
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
  if (actual === undefined) return { state: 'unknown', reason: `请填写${spec.label}` };
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
          const why = unique.map(k => `请填写${FACT_FIELDS[k].label}`);
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
// Workflow
// ---------------------------------------------------------------------------

/** Stages this applicant goes through: the college step only applies to graduates of a Dalian college. */
export function stagesFor(workflow: ReviewStage[], hasCollege: boolean, kind: ApplicantKind): ReviewStage[] {
  return workflow.filter(s => s !== 'college' || (hasCollege && kind === 'graduate'));
}

export function nextStage(stages: ReviewStage[], current: ReviewStage): ReviewStage | null {
  const i = stages.indexOf(current);
  return i >= 0 && i < stages.length - 1 ? stages[i + 1] : null;
}

export function isWindowOpen(opensAt: string, closesAt: string, today: string): boolean {
  return today >= opensAt.slice(0, 10) && today <= closesAt.slice(0, 10);
}

/** Statuses in which the applicant may still edit and (re)submit. */
export const EDITABLE: readonly SubsidyStatus[] = ['draft', 'returned'];

// ---------------------------------------------------------------------------
// Payment
// ---------------------------------------------------------------------------

export function paymentTotals(lines: ReadonlyArray<{ amount: number; status: PaymentLineStatus }>): PaymentTotals {
  const t: PaymentTotals = { count: 0, total: 0, paidCount: 0, paidTotal: 0, failedCount: 0, failedTotal: 0, pendingCount: 0, pendingTotal: 0 };
  for (const line of lines) {
    t.count += 1;
    t.total += line.amount;
    t[`${line.status}Count`] += 1;
    t[`${line.status}Total`] += line.amount;
  }
  return t;
}

/** The bank's result column: 成功 / 失败 (and a few spellings banks use). */
export function readPaymentResult(text: string): 'paid' | 'failed' | null {
  const v = text.trim().toLowerCase();
  if (['成功', '已发放', '发放成功', 'success', 'paid', 'ok'].includes(v)) return 'paid';
  if (['失败', '发放失败', '退票', 'failed', 'fail'].includes(v)) return 'failed';
  return null;
}
