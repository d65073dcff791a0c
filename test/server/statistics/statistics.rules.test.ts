import { PLAN_TARGETS, ratio, targetProgress, type StayTotals } from '../../../server/src/modules/statistics/statistics.rules';

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
    const rows = targetProgress(totals, { traineePosts: 1000 });
    expect(rows.map(r => r.key)).toEqual([
      'stayed', 'fromDalianColleges', 'fromElsewhere', 'fromElsewhereInProvince', 'fromElsewhereOutOfProvince',
      'marketJob', 'furtherStudy', 'communityWorker', 'publicSector', 'grassroots', 'doubleFirstClass',
      'retentionRate', 'skillsTraining', 'traineePosts', 'followUpRate',
    ]);
    expect(rows[0]).toMatchObject({ actual: 40000, target: 50000, stretch: 60000, progress: 0.8 });
    expect(rows.find(r => r.key === 'fromElsewhere')).toMatchObject({ actual: 6400, target: PLAN_TARGETS.fromElsewhere.target });
    expect(rows.find(r => r.key === 'marketJob')?.progress).toBe(1);
    expect(rows.find(r => r.key === 'communityWorker')).toMatchObject({ actual: 0, progress: 0 });
    expect(rows.find(r => r.key === 'doubleFirstClass')?.progress).toBe(0.5);
  });

  it('should compute the retention rate of Dalian colleges against 42% and show 45% as the stretch', () => {
    const row = targetProgress(totals, { traineePosts: 0 }).find(r => r.key === 'retentionRate');
    expect(row).toMatchObject({ actual: 0.42, target: 0.42, stretch: 0.45, unit: 'percent', progress: 1 });
  });

  it('should mark figures the platform does not record yet as null with a note, never as zero', () => {
    const rows = targetProgress(totals, { traineePosts: 0 });
    for (const key of ['skillsTraining', 'followUpRate']) {
      const row = rows.find(r => r.key === key);
      expect(row?.actual).toBeNull();
      expect(row?.progress).toBeNull();
      expect(row?.note).toBeTruthy();
    }
  });

  it('should give no retention rate when there are no Dalian college graduates', () => {
    const row = targetProgress({ ...totals, dalianCollegeGraduates: 0, stayedFromDalianColleges: 0 }, { traineePosts: 0 }).find(r => r.key === 'retentionRate');
    expect(row?.actual).toBeNull();
  });
});
