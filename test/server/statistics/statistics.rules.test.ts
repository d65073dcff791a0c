import { canonicalFigures, ratio, sameTargets, targetProblems, targetProgress, type RecordedServices, type StayTotals } from '../../../server/src/modules/statistics/statistics.rules';
import { PLAN_2022 } from '../../../server/src/modules/statistics/statistics.seed';

const PLAN = PLAN_2022.figures;
const recorded: RecordedServices = { trained: 0, followUp: { cases: 0, followedUp: 0 } };

const totals: StayTotals = {
  graduates: 100000,
  dalianCollegeGraduates: 80000,
  stayed: 40000,
  stayedFromDalianColleges: 33600,
  stayedFromElsewhereInProvince: 5000,
  stayedFromElsewhereOutOfProvince: 1400,
  stayedDoubleFirstClass: 1250,
  stayedByKind: { 'market-job': 29000, 'further-study': 8000 },
};

describe('statistics rules', () => {
  it('should divide safely and round to four places', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(3, 0)).toBeNull();
  });

  it('should list every target of the plan with its figure and stretch figure', () => {
    const rows = targetProgress(totals, { traineePosts: 1000 }, PLAN, recorded);
    expect(rows.map(r => r.key)).toEqual([
      'stayed', 'fromDalianColleges', 'fromElsewhere', 'fromElsewhereInProvince', 'fromElsewhereOutOfProvince',
      'marketJob', 'furtherStudy', 'communityWorker', 'publicSector', 'grassroots', 'doubleFirstClass',
      'retentionRate', 'skillsTraining', 'traineePosts', 'followUpRate',
    ]);
    expect(rows[0]).toMatchObject({ actual: 40000, target: 50000, stretch: 60000, progress: 0.8 });
    expect(rows.find(r => r.key === 'fromElsewhere')).toMatchObject({ actual: 6400, target: 17000 });
    expect(rows.find(r => r.key === 'marketJob')?.progress).toBe(1);
    expect(rows.find(r => r.key === 'communityWorker')).toMatchObject({ actual: 0, progress: 0 });
    expect(rows.find(r => r.key === 'doubleFirstClass')?.progress).toBe(0.5);
  });

  it('should compute the retention rate of Dalian colleges against 42% and show 45% as the stretch', () => {
    const row = targetProgress(totals, { traineePosts: 0 }, PLAN, recorded).find(r => r.key === 'retentionRate');
    expect(row).toMatchObject({ actual: 0.42, target: 0.42, stretch: 0.45, unit: 'percent', progress: 1 });
  });

  it('should count training enrolments and the 1311 follow-up rate the platform records', () => {
    const rows = targetProgress(totals, { traineePosts: 0 }, PLAN, { trained: 1000, followUp: { cases: 40, followedUp: 30 } });
    expect(rows.find(r => r.key === 'skillsTraining')).toMatchObject({ actual: 1000, target: 4000, progress: 0.25 });
    expect(rows.find(r => r.key === 'followUpRate')).toMatchObject({ actual: 0.75, target: 1, progress: 0.75, note: '当年 40 个帮扶档案中 30 个已回访' });
    expect(rows.map(r => r.note ?? '').join()).not.toContain('尚未上线');
  });

  it('should leave a figure the scope cannot count as null with a note saying where to look, never as zero', () => {
    const rows = targetProgress(totals, { traineePosts: 0 }, PLAN, { trained: null, followUp: null });
    for (const key of ['skillsTraining', 'followUpRate']) {
      const row = rows.find(r => r.key === key);
      expect(row?.actual).toBeNull();
      expect(row?.progress).toBeNull();
      expect(row?.note).toMatch(/视图查看/);
    }
    expect(targetProgress(totals, { traineePosts: 0 }, PLAN, { trained: 0, followUp: { cases: 0, followedUp: 0 } }).find(r => r.key === 'followUpRate')).toMatchObject({
      actual: null,
      note: '当年暂无“1311”帮扶档案',
    });
  });

  it('should give no retention rate when there are no Dalian college graduates', () => {
    const row = targetProgress({ ...totals, dalianCollegeGraduates: 0, stayedFromDalianColleges: 0 }, { traineePosts: 0 }, PLAN, recorded).find(r => r.key === 'retentionRate');
    expect(row?.actual).toBeNull();
  });

  it('should list only the rows the year\'s plan sets a target for, and none for a year without targets', () => {
    const rows = targetProgress(totals, { traineePosts: 10 }, { stayed: { target: 45000 }, traineePosts: { target: 20 } }, recorded);
    expect(rows.map(r => [r.key, r.actual, r.target, r.progress])).toEqual([
      ['stayed', 40000, 45000, 0.8889],
      ['traineePosts', 10, 20, 0.5],
    ]);
    expect(rows[0].stretch).toBeUndefined();
    expect(targetProgress(totals, { traineePosts: 10 }, {}, recorded)).toEqual([]);
  });
});

describe('a year\'s targets as the bureau enters them', () => {
  it('should accept the plan\'s 2022 figures as they stand', () => {
    expect(targetProblems({ figures: PLAN })).toEqual([]);
  });

  it('should ask for at least one figure', () => {
    expect(targetProblems({ figures: {} })).toEqual([{ field: 'figures', message: '请至少填写一项目标' }]);
  });

  it('should refuse fractional or zero head counts and rates outside (0, 100%], naming the field', () => {
    const problems = targetProblems({
      figures: { stayed: { target: 1000.5 }, grassroots: { target: 0 }, retentionRate: { target: 42 }, followUpRate: { target: 0 } },
    });
    expect(problems.map(p => p.field)).toEqual(['figures.stayed.target', 'figures.grassroots.target', 'figures.retentionRate.target', 'figures.followUpRate.target']);
    expect(problems[0].message).toBe('留连来连毕业生的目标应为 1 到 1000000 之间的整数');
    expect(problems[2].message).toBe('在连高校毕业生留连率的目标应在 0.1% 到 100% 之间');
  });

  it('should refuse a 力争 figure below its target', () => {
    expect(targetProblems({ figures: { stayed: { target: 50000, stretch: 40000 } } })).toEqual([
      { field: 'figures.stayed.stretch', message: '留连来连毕业生的力争目标不能低于目标' },
    ]);
  });

  it('should refuse parts that add up to more than their whole, and let parts fall short of it', () => {
    const tooMany = targetProblems({ figures: { ...PLAN, fromDalianColleges: { target: 40000 } } });
    expect(tooMany).toEqual([{ field: 'figures.stayed.target', message: '在连高校与外地高校之和不能超过留连来连总目标' }]);
    expect(targetProblems({ figures: { ...PLAN, fromElsewhereInProvince: { target: 14000 } } })[0]?.message).toBe('省内与省外之和不能超过外地高校目标');
    expect(targetProblems({ figures: { ...PLAN, marketJob: { target: 30000 } } })[0]?.message).toBe('各去向目标之和不能超过留连来连总目标');
    expect(targetProblems({ figures: { ...PLAN, marketJob: { target: 20000 } } })).toEqual([]);
  });

  it('should tell a save that changes nothing from one that changes a figure or the source', () => {
    const reordered = Object.fromEntries(Object.entries(PLAN).reverse());
    expect(sameTargets({ figures: PLAN, source: 'a' }, { figures: reordered, source: 'a' })).toBe(true);
    expect(sameTargets({ figures: PLAN, source: 'a' }, { figures: PLAN, source: 'b' })).toBe(false);
    expect(sameTargets({ figures: PLAN, source: 'a' }, { figures: { ...PLAN, grassroots: { target: 600 } }, source: 'a' })).toBe(false);
    expect(Object.keys(canonicalFigures(reordered))).toEqual(Object.keys(PLAN));
  });
});
