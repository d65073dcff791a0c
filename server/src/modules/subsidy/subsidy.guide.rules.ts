import {
  REVIEW_STAGE_LABELS,
  SUBSIDY_DOCUMENT_LABELS,
  type AmountRule,
  type ApplicantKind,
  type RuleCondition,
  type SubsidyGuideStep,
  type SubsidyGuideView,
  type SubsidyProgramInput,
} from '../../contract/subsidy';
import { FACT_FIELDS, isFactField } from '../../contract/subsidy-eligibility';
import { LIMITED_STAGE_LABELS, type StageLimits } from '../../contract/subsidy-stages';
import { isWindowOpen, type RuleProblem } from './subsidy.rules';

/**
 * A program's 办事指南: the conditions, amounts and steps are read off its rules, so an edit of the
 * rules is an edit of the guide; only what rules cannot say (who in words, what a document must
 * show, where to ask) is typed by staff.
 */

const yuan = (n: number) => `${n} 元`;

/** One condition in the words of a guide, e.g. 学历为本科、硕士研究生、博士研究生. */
export function conditionLine(c: RuleCondition): string {
  if (!isFactField(c.field)) return c.field;
  const spec = FACT_FIELDS[c.field];
  const valueLabel = (v: unknown) => spec.values?.[String(v)] ?? String(v);
  const unit = spec.unit ?? '';
  switch (c.op) {
    case 'withinYears':
      return `毕业${String(c.value)}年内（以毕业证书日期计）`;
    case 'in':
      return `${spec.label}为${(Array.isArray(c.value) ? c.value : [c.value]).map(valueLabel).join('、')}`;
    case 'gte':
      return `${spec.label}不少于${String(c.value)}${unit}`;
    case 'lte':
      return `${spec.label}不超过${String(c.value)}${unit}`;
    case 'eq':
      if (spec.type === 'boolean' && typeof c.value === 'boolean') return spec.describe(c.value);
      return `${spec.label}为${valueLabel(c.value)}${spec.type === 'number' ? unit : ''}`;
  }
}

/** The standards of an amount rule, one line each. */
export function amountLines(rule: AmountRule): string[] {
  switch (rule.kind) {
    case 'fixed':
      return [`${rule.label ?? '补贴标准'}：${yuan(rule.amount)}`];
    case 'table':
      return rule.rows.map(row => `${row.label}：${yuan(row.amount)}`);
    case 'monthly': {
      const months = isFactField(rule.monthsField) ? FACT_FIELDS[rule.monthsField].label : '月数';
      return [`每月 ${yuan(rule.monthly)}，按${months}计算，最多 ${rule.maxMonths} 个月（最高 ${yuan(rule.monthly * rule.maxMonths)}）`];
    }
    case 'perGraduate':
      return [`${rule.label ? `${rule.label}：` : ''}每吸纳 1 名毕业生 ${yuan(rule.amount)}，最多 ${rule.maxGraduates} 名（最高 ${yuan(rule.amount * rule.maxGraduates)}）`];
  }
}

/** The amount rule in a few words for a list line. */
export function amountSummary(rule: AmountRule): string {
  switch (rule.kind) {
    case 'fixed':
      return yuan(rule.amount);
    case 'table': {
      const amounts = rule.rows.map(r => r.amount);
      const low = Math.min(...amounts);
      const high = Math.max(...amounts);
      return low === high ? yuan(low) : `${low}–${high} 元`;
    }
    case 'monthly':
      return `每月 ${yuan(rule.monthly)}，最高 ${yuan(rule.monthly * rule.maxMonths)}`;
    case 'perGraduate':
      return `每人 ${yuan(rule.amount)}，最高 ${yuan(rule.amount * rule.maxGraduates)}`;
  }
}

/** 在线申请, then each review stage and the payment with their limits in working days. */
export function guideSteps(workflow: SubsidyProgramInput['workflow'], limits: StageLimits): SubsidyGuideStep[] {
  return [
    { label: '在线申请：填写申请表、上传材料并提交' },
    ...workflow.map(stage => ({ label: REVIEW_STAGE_LABELS[stage], workingDays: limits[stage] })),
    { label: LIMITED_STAGE_LABELS.payment, workingDays: limits.payment },
  ];
}

/** What is wrong with a program's guide text: a material for a document the program does not require, or one twice. */
export function guideProblems(p: Pick<SubsidyProgramInput, 'guide' | 'requiredDocuments'>): RuleProblem[] {
  const seen = new Set<string>();
  return (p.guide?.materials ?? []).flatMap((m, i) => {
    const field = `guide.materials.${i}.kind`;
    if (!p.requiredDocuments.includes(m.kind)) return [{ field, message: `办事指南的材料「${SUBSIDY_DOCUMENT_LABELS[m.kind] ?? m.kind}」不在所需材料中` }];
    if (seen.has(m.kind)) return [{ field, message: `办事指南的材料「${SUBSIDY_DOCUMENT_LABELS[m.kind]}」重复` }];
    seen.add(m.kind);
    return [];
  });
}

/**
 * Which programs a caller is offered: a graduate's for a student, an enterprise's for a recruiter,
 * both to guests (who read before they log in) and staff.
 */
export function visibleKinds(roles: readonly string[] | undefined): ApplicantKind[] {
  const student = roles?.includes('student') ?? false;
  const recruiter = roles?.includes('recruiter') ?? false;
  if (student && !recruiter) return ['graduate'];
  if (recruiter && !student) return ['enterprise'];
  return ['graduate', 'enterprise'];
}

type GuideSource = SubsidyProgramInput & { id: string };

/** The guide as applicants read it. */
export function guideView(p: GuideSource, limits: StageLimits, today: string): SubsidyGuideView {
  const guide = p.guide;
  const kindWord = p.applicantKind === 'enterprise' ? '符合下列条件的用人单位' : '符合下列条件的高校毕业生';
  return {
    programId: p.id,
    name: p.name,
    applicantKind: p.applicantKind,
    legalBasis: p.legalBasis,
    policyIds: p.policyIds ?? [],
    period: p.period,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
    open: isWindowOpen(p.opensAt, p.closesAt, today),
    audience: guide?.audience || kindWord,
    conditions: [...p.conditions.map(conditionLine), ...(guide?.otherConditions ?? [])],
    amounts: amountLines(p.amount),
    amountSummary: amountSummary(p.amount),
    exampleAmounts: p.exampleAmounts ?? false,
    standardNote: guide?.standardNote ?? '',
    materials: p.requiredDocuments.map(kind => {
      const m = guide?.materials.find(x => x.kind === kind);
      return { kind, label: SUBSIDY_DOCUMENT_LABELS[kind], ...(m ? { detail: m.detail, example: m.example } : {}) };
    }),
    steps: guideSteps(p.workflow, limits),
    contacts: guide?.contacts ?? [],
    note: p.note,
  };
}
