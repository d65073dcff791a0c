import { DESK_ENTRIES, deskEntriesFor, landsOnDesk } from '@/utils/staff-desk';
import { ROUTES } from '@/constants/routes';

describe('the work desk on 首页', () => {
  it('should greet staff and recruiters with their work, and graduates and guests with the graduate home', () => {
    expect(['college', 'district', 'bureau', 'admin', 'recruiter'].map(r => landsOnDesk([r as 'college']))).toEqual([true, true, true, true, true]);
    expect(landsOnDesk(['student'])).toBe(false);
    expect(landsOnDesk([])).toBe(false);
    expect(landsOnDesk(['student', 'college'])).toBe(false);
  });

  it('should start the bureau at its review queue and dashboard, a college at its review queue and registry', () => {
    expect(deskEntriesFor(['bureau']).slice(0, 3).map(e => e.title)).toEqual(['补贴审核', '工作目标看板', '投诉办理']);
    const college = deskEntriesFor(['college']).map(e => e.id);
    expect(college).toEqual(expect.arrayContaining(['subsidy-review', 'registry', 'dashboard']));
    expect(college).not.toContain('complaints');
    expect(deskEntriesFor(['recruiter']).map(e => e.id)).toEqual(['recruiter-jobs', 'recruiter-live', 'recruiter-fairs']);
  });

  it('should list each entry once and open only pages the route table has', () => {
    const ids = deskEntriesFor(['bureau', 'admin', 'district', 'college']).map(e => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of DESK_ENTRIES) expect(ROUTES[e.page]).toMatch(/^packages\//);
  });
});
