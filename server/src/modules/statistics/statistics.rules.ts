import type { ServicesDelivered, TargetProgress } from '../../contract/statistics';

/** The plan's targets for the year (domain.md; 大就办发〔2022〕4号). */
export const PLAN_TARGETS = {
  stayed: { target: 50000, stretch: 60000 },
  fromDalianColleges: { target: 33000 },
  fromElsewhere: { target: 17000 },
  fromElsewhereInProvince: { target: 13000 },
  fromElsewhereOutOfProvince: { target: 4000 },
  marketJob: { target: 29000 },
  furtherStudy: { target: 16000 },
  communityWorker: { target: 1000 },
  publicSector: { target: 3500 },
  grassroots: { target: 500 },
  doubleFirstClass: { target: 2500 },
  retentionRate: { target: 0.42, stretch: 0.45 },
  skillsTraining: { target: 4000 },
  traineePosts: { target: 4000 },
  followUpRate: { target: 1 },
} as const;

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

/** a / b, or null when there is nothing to divide by. Rounded to 4 places so JSON stays readable. */
export function ratio(a: number, b: number): number | null {
  if (b <= 0) return null;
  return Math.round((a / b) * 10000) / 10000;
}

function people(key: string, label: string, actual: number | null, goal: { target: number; stretch?: number }, note?: string): TargetProgress {
  return {
    key,
    label,
    actual,
    target: goal.target,
    ...(goal.stretch ? { stretch: goal.stretch } : {}),
    unit: 'people',
    progress: actual === null ? null : ratio(actual, goal.target),
    ...(note ? { note } : {}),
  };
}

/** Every row of the plan's targets table, with what the platform knows so far. */
export function targetProgress(totals: StayTotals, services: Pick<ServicesDelivered, 'traineePosts'>): TargetProgress[] {
  const t = PLAN_TARGETS;
  const byKind = (k: string): number => totals.stayedByKind[k] ?? 0;
  const retention = ratio(totals.stayedFromDalianColleges, totals.dalianCollegeGraduates);
  return [
    people('stayed', '留连来连毕业生', totals.stayed, t.stayed),
    people('fromDalianColleges', '其中：在连高校', totals.stayedFromDalianColleges, t.fromDalianColleges),
    people('fromElsewhere', '其中：外地高校', totals.stayedFromElsewhereInProvince + totals.stayedFromElsewhereOutOfProvince, t.fromElsewhere),
    people('fromElsewhereInProvince', '外地高校：省内', totals.stayedFromElsewhereInProvince, t.fromElsewhereInProvince),
    people('fromElsewhereOutOfProvince', '外地高校：省外', totals.stayedFromElsewhereOutOfProvince, t.fromElsewhereOutOfProvince),
    people('marketJob', '市场化就业', byKind('market-job'), t.marketJob),
    people('furtherStudy', '在连升学', byKind('further-study'), t.furtherStudy),
    people('communityWorker', '社区工作者', byKind('community-worker'), t.communityWorker),
    people('publicSector', '机关事业单位招聘', byKind('public-sector'), t.publicSector),
    people('grassroots', '基层服务岗位', byKind('grassroots'), t.grassroots),
    people('doubleFirstClass', '引进“双一流”高校毕业生', totals.stayedDoubleFirstClass, t.doubleFirstClass),
    {
      key: 'retentionRate',
      label: '在连高校毕业生留连率',
      actual: retention,
      target: t.retentionRate.target,
      stretch: t.retentionRate.stretch,
      unit: 'percent',
      progress: retention === null ? null : ratio(retention, t.retentionRate.target),
    },
    people('skillsTraining', '技能培训', null, t.skillsTraining, '培训报名模块尚未上线，暂无数据'),
    people('traineePosts', '就业见习岗位', services.traineePosts, t.traineePosts, '按已发布见习岗位的招聘人数合计'),
    {
      key: 'followUpRate',
      label: '离校未就业毕业生跟踪服务率',
      actual: null,
      target: t.followUpRate.target,
      unit: 'percent',
      progress: null,
      note: '“1311”帮扶模块尚未上线，暂无数据',
    },
  ];
}

export const DEFINITIONS: readonly string[] = [
  '统计对象：当年毕业（毕业年份为所选年度）的实名库毕业生。',
  '留连来连：去向为就业、升学、入伍、创业等（不含“暂未就业”），单位所在地为大连市区市县，且去向日期在当年1月1日至今。',
  '在连高校：由在连高校导入的毕业生；外地高校：经平台登记去向的外地高校毕业生，省内/省外按生源省份区分。',
  '留连率：在连高校当年毕业生中留连人数 ÷ 在连高校当年毕业生总数。',
  '服务数据：读取平台已发布内容、已发布岗位、投递记录和补贴审批记录（未上线的模块计为0）。',
];
