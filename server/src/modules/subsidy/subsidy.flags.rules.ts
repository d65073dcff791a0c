import { DISTRICTS } from '../../contract/reference';
import type { RuleCondition, SubsidyDocumentKind, SubsidyFlag } from '../../contract/subsidy';
import { chineseDate, DAY_MS, startOfBeijingDay } from '../../contract/time';

/** One insurance spell as the flags see it (the insurance module's `InsuranceSpell`). */
export interface SpellFact {
  employerUscc: string;
  /** YYYY-MM */
  startMonth: string;
  monthsPaid: number;
}

/** Where the platform's records say the graduate works (the registry's destination: a recorded hire, an import…). */
export interface RecordedWork {
  districtCode?: string;
  employer?: string;
  /** e.g. 平台录用记录 */
  sourceLabel: string;
  date: Date;
}

const districtName = (code: string | undefined): string => DISTRICTS.find(d => d.code === code)?.name ?? code ?? '';
const monthLabel = (month: string): string => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** The months of insurance a program asks for (its `socialInsuranceMonths ≥ N` condition), if any. */
export function requiredInsuranceMonths(conditions: readonly RuleCondition[]): number | undefined {
  const c = conditions.find(x => x.field === 'socialInsuranceMonths' && (x.op === 'gte' || x.op === 'eq') && typeof x.value === 'number');
  return c ? (c.value as number) : undefined;
}

/** Whether a program rests on social insurance: it asks for months paid or for the 社保缴费证明. */
export function programNeedsInsurance(program: { conditions: readonly RuleCondition[]; requiredDocuments: readonly SubsidyDocumentKind[] }): boolean {
  return requiredInsuranceMonths(program.conditions) !== undefined || program.requiredDocuments.includes('socialInsurance');
}

/**
 * What the insurance records say about a graduate's application, as flags with plain reasons:
 * no record at all (only when the bureau holds records and the program rests on insurance), insurance
 * that started fewer than `recentDays` before applying (挂靠 risk), a declared employer the records do not
 * show, months short of the program's. The spell judged is the one at the declared employer, else the newest.
 */
export function insuranceFlags(input: {
  spells: readonly SpellFact[];
  holdsRecords: boolean;
  needsInsurance: boolean;
  requiredMonths?: number;
  declaredUscc?: string;
  declaredMonths?: number;
  appliedAt: Date;
  recentDays: number;
}): SubsidyFlag[] {
  if (!input.needsInsurance) return [];
  if (!input.spells.length) {
    return input.holdsRecords ? [{ kind: 'insuranceMissing', message: '社保记录中没有该申请人的参保记录，请核实是否在大连参保缴费' }] : [];
  }
  const flags: SubsidyFlag[] = [];
  const newestFirst = [...input.spells].sort((a, b) => b.startMonth.localeCompare(a.startMonth));
  const declared = input.declaredUscc?.toUpperCase();
  const atDeclared = declared ? newestFirst.find(s => s.employerUscc === declared) : undefined;
  const spell = atDeclared ?? newestFirst[0];
  if (declared && !atDeclared) {
    flags.push({
      kind: 'insuranceEmployer',
      message: '申报的就业单位与社保记录中的参保单位不一致',
      declared: `统一社会信用代码 ${declared}`,
      recorded: newestFirst.map(s => `${s.employerUscc}（${monthLabel(s.startMonth)}起）`).join('；'),
    });
  }
  const days = Math.floor((input.appliedAt.getTime() - startOfBeijingDay(`${spell.startMonth}-01`).getTime()) / DAY_MS);
  if (days < input.recentDays) {
    flags.push({
      kind: 'insuranceRecent',
      message: `参保起始于${monthLabel(spell.startMonth)}，距申请不足 ${input.recentDays} 天（约 ${Math.max(days, 0)} 天），存在挂靠参保风险，请核实劳动关系`,
      recorded: `${monthLabel(spell.startMonth)}起参保`,
      declared: `${chineseDate(input.appliedAt)}申请`,
    });
  }
  if (input.requiredMonths !== undefined && spell.monthsPaid < input.requiredMonths) {
    flags.push({
      kind: 'insuranceMonthsShort',
      message: `社保记录累计缴费 ${spell.monthsPaid} 个月，少于本项目要求的 ${input.requiredMonths} 个月`,
      recorded: `${spell.monthsPaid} 个月`,
      ...(input.declaredMonths !== undefined ? { declared: `${input.declaredMonths} 个月` } : {}),
    });
  }
  return flags;
}

const sameName = (a: string, b: string): boolean => a.replace(/[\s（）()]/g, '') === b.replace(/[\s（）()]/g, '');

/**
 * A typed 就业地区 or employer that differs from what the platform recorded (the 两市一县 standard rests
 * on the district: a graduate hired in 中山区 who types 庄河市 gets the higher amount). Both values shown.
 */
export function declaredWorkFlags(declared: { employmentDistrict?: string; employerName?: string }, recorded: RecordedWork | undefined): SubsidyFlag[] {
  if (!recorded) return [];
  const flags: SubsidyFlag[] = [];
  const source = `${recorded.sourceLabel}，${chineseDate(recorded.date)}`;
  if (declared.employmentDistrict && recorded.districtCode && declared.employmentDistrict !== recorded.districtCode) {
    flags.push({
      kind: 'districtDiffers',
      message: `申请填写的就业地区与平台记录不一致（${source}），补贴标准按就业地区确定，请核实`,
      declared: districtName(declared.employmentDistrict),
      recorded: districtName(recorded.districtCode),
    });
  }
  if (declared.employerName && recorded.employer && !sameName(declared.employerName, recorded.employer)) {
    flags.push({
      kind: 'employerDiffers',
      message: `申请填写的就业单位与平台记录不一致（${source}），请核实`,
      declared: declared.employerName,
      recorded: recorded.employer,
    });
  }
  return flags;
}

/** Approving at the bureau an application the records contradict needs a written reason (audited with the decision). */
export function flagReasonMissing(stage: string, decision: string, flags: readonly SubsidyFlag[], reason: string | undefined): boolean {
  return stage === 'bureau' && decision === 'approve' && flags.length > 0 && !reason?.trim();
}
