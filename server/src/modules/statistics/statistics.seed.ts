import type { TargetFigures } from '../../contract/statistics';

/** The plan's own document, which set the 2022 figures (../shared/seed, 二、工作目标 and the actions). */
export const PLAN_2022_SOURCE = '大就办发〔2022〕4号《大连市促进高校毕业生留连来连就业创业工作方案》';

/** The plan's targets for 2022, as its text states them; seeded once, then edited by the bureau like any year. */
export const PLAN_2022: { year: number; source: string; figures: TargetFigures } = {
  year: 2022,
  source: PLAN_2022_SOURCE,
  figures: {
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
    // 1,000 posts set up by the colleges and 3,000 raised from employers.
    traineePosts: { target: 4000 },
    followUpRate: { target: 1 },
  },
};

/** The demo's current year: the plan's figures carried over, labelled as such until the bureau edits them. */
export function demoYearSource(year: number): string {
  return `演示数据：${year}年暂按2022年方案目标填写，请市人社局按当年工作方案修改`;
}
