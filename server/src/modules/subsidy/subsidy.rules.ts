import {
  CONDITION_OPS,
  REVIEW_STAGES,
  SUBSIDY_DOCUMENT_KINDS,
  type AmountRule,
  type ApplicantKind,
  type PaymentLineStatus,
  type PaymentTotals,
  type ReviewStage,
  type RuleCondition,
  type SubsidyFactField,
  type SubsidyProgramInput,
  type SubsidyStatus,
} from '../../contract/subsidy';
import { FACT_FIELDS, isFactField, referencedFields, type FieldSpec, type FieldType } from '../../contract/subsidy-eligibility';

// The facts and their evaluation are shared with the application form (contract/subsidy-eligibility).
export { FACT_FIELDS, ageOn, districtClassOf, evaluate, factsOf, lastDayWithin, referencedFields } from '../../contract/subsidy-eligibility';
export type { FactSources, Facts } from '../../contract/subsidy-eligibility';

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
