import { COLLEGES } from '../../../server/src/contract/reference';
import { isValidResidentId } from '../../../server/src/contract/resident-id';
import { startOfBeijingDay } from '../../../server/src/contract/time';
import { cityGraduates } from '../../../server/src/modules/registry/registry.seed';

describe("the demo city's registry", () => {
  const now = new Date('2026-12-07T19:00:00Z'); // 03:00 on 12-08 in Beijing
  const rows = cityGraduates(3600, now);

  it('should generate the same rows every run, each with its own key that is no resident ID', () => {
    expect(cityGraduates(3600, now)).toEqual(rows);
    expect(new Set(rows.map(r => r.demoKey)).size).toBe(3600);
    expect(rows.some(r => isValidResidentId(r.demoKey, now))).toBe(false);
  });

  it('should spread graduates over every Dalian college and bring some from elsewhere', () => {
    const byCollege = new Map<string, number>();
    for (const r of rows) byCollege.set(r.collegeId ?? 'elsewhere', (byCollege.get(r.collegeId ?? 'elsewhere') ?? 0) + 1);
    for (const c of COLLEGES) expect(byCollege.get(c.id)).toBeGreaterThan(100);
    expect(byCollege.get('elsewhere')).toBeGreaterThan(300);
  });

  it('should date every destination between 1 January and now, Beijing time, and place graduates from elsewhere in Dalian', () => {
    const yearStart = startOfBeijingDay('2026-01-01');
    for (const r of rows) {
      expect(r.graduationYear).toBe(2026);
      if (r.destination) expect(r.destination.date >= yearStart && r.destination.date <= now).toBe(true);
      if (!r.collegeId) expect(r.destination?.districtCode).toBeDefined();
    }
    const kinds = new Set(rows.map(r => r.destination?.kind ?? 'none'));
    expect([...kinds]).toEqual(expect.arrayContaining(['market-job', 'further-study', 'unemployed', 'none', 'public-sector']));
  });
});
