import {
  PERCENT_TARGETS,
  TARGET_KEYS,
  TARGET_LABELS,
  type ServicesDelivered,
  type TargetFigure,
  type TargetFigures,
  type TargetKey,
  type TargetProgress,
  type YearTargetsInput,
} from '../../contract/statistics';

/** Counts the aggregation produces for one scope and year. */
export interface StayTotals {
  graduates: number;
  dalianCollegeGraduates: number;
  stayed: number;
  stayedFromDalianColleges: number;
  stayedFromElsewhereInProvince: number;
  stayedFromElsewhereOutOfProvince: number;
  stayedDoubleFirstClass: number;
  stayedByKind: Partial<Record<string, number>>;
}

/** What the growth (培训) and support (“1311”) modules record for the year, for the plan's rows on them. */
export interface RecordedServices {
  /** Training enrolments (报名 or 已结业); null where the scope cannot be counted (enrolments carry no college or district). */
  trained: number | null;
  /** “1311” cases and those with at least one follow-up visit; null for a college (cases are kept by district). */
  followUp: { cases: number; followedUp: number } | null;
}

/** a / b, or null when there is nothing to divide by. Rounded to 4 places so JSON stays readable. */
export function ratio(a: number, b: number): number | null {
  if (b <= 0) return null;
  return Math.round((a / b) * 10000) / 10000;
}

function row(key: TargetKey, actual: number | null, goal: TargetFigure, note?: string): TargetProgress {
  return {
    key,
    label: TARGET_LABELS[key],
    actual,
    target: goal.target,
    ...(goal.stretch !== undefined ? { stretch: goal.stretch } : {}),
    unit: PERCENT_TARGETS.includes(key) ? 'percent' : 'people',
    progress: actual === null ? null : ratio(actual, goal.target),
    ...(note ? { note } : {}),
  };
}

/** Every row the year's plan sets a target for, with what the platform knows so far; rows without a target are left out. */
export function targetProgress(
  totals: StayTotals,
  services: Pick<ServicesDelivered, 'traineePosts'>,
  figures: TargetFigures,
  recorded: RecordedServices,
): TargetProgress[] {
  const byKind = (k: string): number => totals.stayedByKind[k] ?? 0;
  const known: Record<TargetKey, { actual: number | null; note?: string }> = {
    stayed: { actual: totals.stayed },
    fromDalianColleges: { actual: totals.stayedFromDalianColleges },
    fromElsewhere: { actual: totals.stayedFromElsewhereInProvince + totals.stayedFromElsewhereOutOfProvince },
    fromElsewhereInProvince: { actual: totals.stayedFromElsewhereInProvince },
    fromElsewhereOutOfProvince: { actual: totals.stayedFromElsewhereOutOfProvince },
    marketJob: { actual: byKind('market-job') },
    furtherStudy: { actual: byKind('further-study') },
    communityWorker: { actual: byKind('community-worker') },
    publicSector: { actual: byKind('public-sector') },
    grassroots: { actual: byKind('grassroots') },
    doubleFirstClass: { actual: totals.stayedDoubleFirstClass },
    retentionRate: { actual: ratio(totals.stayedFromDalianColleges, totals.dalianCollegeGraduates) },
    skillsTraining: { actual: recorded.trained, note: recorded.trained === null ? '培训报名按全市统计，请在全市视图查看' : '按当年技能培训报名（含已结业）人数合计' },
    traineePosts: { actual: services.traineePosts, note: '按已发布见习岗位的招聘人数合计' },
    followUpRate: followUpOf(recorded.followUp),
  };
  return TARGET_KEYS.flatMap(key => {
    const goal = figures[key];
    return goal ? [row(key, known[key].actual, goal, known[key].note)] : [];
  });
}

/** Parts of a figure that may not add up to more than the whole (the plan's 5万 = 3.3万 + 1.7万, and so on). */
const PARTS: ReadonlyArray<{ whole: TargetKey; parts: readonly TargetKey[]; message: string }> = [
  { whole: 'stayed', parts: ['fromDalianColleges', 'fromElsewhere'], message: '在连高校与外地高校之和不能超过留连来连总目标' },
  { whole: 'fromElsewhere', parts: ['fromElsewhereInProvince', 'fromElsewhereOutOfProvince'], message: '省内与省外之和不能超过外地高校目标' },
  {
    whole: 'stayed',
    parts: ['marketJob', 'furtherStudy', 'communityWorker', 'publicSector', 'grassroots'],
    message: '各去向目标之和不能超过留连来连总目标',
  },
];

export interface TargetProblem {
  field: string;
  message: string;
}

/**
 * Everything wrong with a year's targets at once: head counts are whole numbers from 1 to 1,000,000,
 * rates lie in (0, 1], a 力争 figure is not below its target, parts do not exceed their whole.
 */
export function targetProblems(input: Pick<YearTargetsInput, 'figures'>): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const keys = TARGET_KEYS.filter(k => input.figures[k] !== undefined);
  if (keys.length === 0) problems.push({ field: 'figures', message: '请至少填写一项目标' });
  for (const key of keys) {
    const goal = input.figures[key] as TargetFigure;
    const percent = PERCENT_TARGETS.includes(key);
    for (const part of ['target', 'stretch'] as const) {
      const value = goal[part];
      if (value === undefined) continue;
      const field = `figures.${key}.${part}`;
      const what = `${TARGET_LABELS[key]}的${part === 'target' ? '目标' : '力争目标'}`;
      if (percent ? !(value > 0 && value <= 1) : !(Number.isInteger(value) && value >= 1 && value <= 1_000_000)) {
        problems.push({ field, message: percent ? `${what}应在 0.1% 到 100% 之间` : `${what}应为 1 到 1000000 之间的整数` });
      }
    }
    if (goal.stretch !== undefined && goal.stretch < goal.target) {
      problems.push({ field: `figures.${key}.stretch`, message: `${TARGET_LABELS[key]}的力争目标不能低于目标` });
    }
  }
  for (const { whole, parts, message } of PARTS) {
    const total = input.figures[whole]?.target;
    const sum = parts.reduce((acc, k) => acc + (input.figures[k]?.target ?? 0), 0);
    if (total !== undefined && sum > total) problems.push({ field: `figures.${whole}.target`, message });
  }
  return problems;
}

/** The figures in a canonical form (plan order, no empty stretch), so equal targets compare equal. */
export function canonicalFigures(figures: TargetFigures): TargetFigures {
  const out: TargetFigures = {};
  for (const key of TARGET_KEYS) {
    const goal = figures[key];
    if (goal) out[key] = goal.stretch === undefined ? { target: goal.target } : { target: goal.target, stretch: goal.stretch };
  }
  return out;
}

/** Whether a save would change nothing (a retry of a save that already went through). */
export function sameTargets(a: { figures: TargetFigures; source: string }, b: { figures: TargetFigures; source: string }): boolean {
  return a.source === b.source && JSON.stringify(canonicalFigures(a.figures)) === JSON.stringify(canonicalFigures(b.figures));
}

function followUpOf(followUp: RecordedServices['followUp']): { actual: number | null; note: string } {
  const actual = followUp ? ratio(followUp.followedUp, followUp.cases) : null;
  const note =
    followUp === null
      ? '“1311”帮扶档案按区市县建立，请在全市或区市县视图查看'
      : followUp.cases === 0
        ? '当年暂无“1311”帮扶档案'
        : `当年 ${followUp.cases} 个帮扶档案中 ${followUp.followedUp} 个已回访`;
  return { actual, note };
}

export const DEFINITIONS: readonly string[] = [
  '统计对象：当年毕业（毕业年份为所选年度）的实名库毕业生。',
  '留连来连：去向为就业、升学、入伍、创业等（不含“暂未就业”），单位所在地为大连市区市县，且去向日期在当年1月1日至今。',
  '在连高校：由在连高校导入的毕业生；外地高校：经平台登记去向的外地高校毕业生，省内/省外按生源省份区分。',
  '留连率：在连高校当年毕业生中留连人数 ÷ 在连高校当年毕业生总数。',
  '服务数据：读取平台已发布内容、已发布岗位、投递记录和补贴审批记录。',
  '技能培训：当年技能培训课程的报名人数（含已结业，不含取消和未录取），按全市统计。',
  '跟踪服务率：当年建立的“1311”帮扶档案中，已有至少一次回访记录的比例。',
];
