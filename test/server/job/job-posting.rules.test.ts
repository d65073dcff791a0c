import { asPosting, MAX_PAY_MULTIPLE, minimumWageAt, postingProblems } from '../../../server/src/contract/job-posting';
import type { JobDraft } from '../../../server/src/contract/job';
import { minimumWageIn, type MinimumWage } from '../../../server/src/contract/reference';
import { realNameExpiry, realNameState } from '../../../server/src/modules/enterprise/standing.rules';
import { isVisibleToStudents } from '../../../server/src/modules/job/job.rules';

const wage: MinimumWage = { id: 'w', amount: 2100, effectiveFrom: '2025-01-01', source: '示例' };
const complete: JobDraft = {
  kind: 'fulltime', title: '软件开发工程师', description: '', duties: '后端开发', requirements: '本科', salaryMin: 6000, salaryMax: 9000,
  education: 'bachelor', majors: [], headcount: 2, district: 'hitech', address: '软件园', deadline: '2030-01-01T00:00:00.000Z',
  contactPolicy: '通过平台投递简历', tags: [], repost: false,
};

describe('job posting rules', () => {
  it('should accept a complete posting and narrow it to a posting', () => {
    expect(postingProblems(complete, wage)).toEqual([]);
    expect(asPosting(complete)).toMatchObject({ duties: '后端开发', salaryMin: 6000 });
  });

  it('should name every missing field and every hype phrase in one answer, in form order', () => {
    const { salaryMin: _a, salaryMax: _b, ...noPay } = complete;
    const problems = postingProblems({ ...noPay, title: '高薪招聘销售', duties: '' }, wage);
    expect(problems.map(p => [p.code, p.field])).toEqual([
      ['JOB_FIELD_MISSING', 'duties'],
      ['JOB_FIELD_MISSING', 'salaryMin'],
      ['JOB_FIELD_MISSING', 'salaryMax'],
      ['JOB_CONTENT_REJECTED', 'title'],
    ]);
    expect(problems.map(p => p.message)).toEqual(['请填写岗位职责', '请填写月薪下限', '请填写月薪上限', '岗位信息含有夸大宣传“高薪”，请修改后再发布']);
    expect(asPosting({ ...noPay })).toBeUndefined();
  });

  it('should refuse base pay below the minimum wage, naming the standard and its date', () => {
    const [problem] = postingProblems({ ...complete, salaryMin: 2000, salaryMax: 3000 }, wage);
    expect(problem).toEqual({ code: 'JOB_PAY_BELOW_MINIMUM_WAGE', field: 'salaryMin', message: '月薪下限2,000元低于大连市最低工资标准2,100元（2025年1月1日起执行）' });
    expect(postingProblems({ ...complete, salaryMin: 2100, salaryMax: 2100 }, wage)).toEqual([]);
  });

  it(`should refuse a maximum above ${MAX_PAY_MULTIPLE}× the minimum or below it`, () => {
    expect(postingProblems({ ...complete, salaryMin: 4000, salaryMax: 20_000 }, wage)).toEqual([]);
    expect(postingProblems({ ...complete, salaryMin: 4000, salaryMax: 20_001 }, wage).map(p => p.code)).toEqual(['JOB_PAY_RANGE_TOO_WIDE']);
    expect(postingProblems({ ...complete, salaryMin: 4000, salaryMax: 3999 }, wage).map(p => p.code)).toEqual(['JOB_PAY_RANGE_INVALID']);
  });

  it('should make a repost name its source', () => {
    expect(postingProblems({ ...complete, repost: true }, wage).map(p => [p.code, p.field])).toEqual([['JOB_REPOST_SOURCE_MISSING', 'repostSource']]);
    expect(postingProblems({ ...complete, repost: true, repostSource: '大连市公共就业服务网' }, wage)).toEqual([]);
  });

  it('should hold a posting to its own area\'s tier where the standard names one, and to the city\'s elsewhere', () => {
    const tiered: MinimumWage = { ...wage, areas: [{ district: '210283', amount: 1900 }] };
    expect(postingProblems({ ...complete, district: '210283', salaryMin: 1950, salaryMax: 3000 }, tiered)).toEqual([]);
    expect(postingProblems({ ...complete, district: '210283', salaryMin: 1850, salaryMax: 3000 }, tiered)).toEqual([
      { code: 'JOB_PAY_BELOW_MINIMUM_WAGE', field: 'salaryMin', message: '月薪下限1,850元低于庄河市最低工资标准1,900元（2025年1月1日起执行）' },
    ]);
    expect(postingProblems({ ...complete, district: 'hitech', salaryMin: 1950, salaryMax: 3000 }, tiered)[0].message).toBe('月薪下限1,950元低于大连市最低工资标准2,100元（2025年1月1日起执行）');
    expect(minimumWageIn(tiered, '210283')).toEqual({ amount: 1900, area: '庄河市' });
    expect(minimumWageIn(tiered)).toEqual({ amount: 2100 });
  });

  it('should take the latest standard whose day has begun', () => {
    const next: MinimumWage = { ...wage, id: 'n', amount: 2300, effectiveFrom: '2027-01-01' };
    expect(minimumWageAt([wage, next], new Date('2026-12-31T15:59:59.999Z'))?.amount).toBe(2100);
    expect(minimumWageAt([wage, next], new Date('2026-12-31T16:00:00.000Z'))?.amount).toBe(2300);
    expect(minimumWageAt([next], new Date('2026-06-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('recruiter standing rules', () => {
  it('should expire a real-name check six calendar months on, the 31st falling back to the month end', () => {
    expect(realNameExpiry(new Date('2026-01-15T02:00:00Z')).toISOString()).toBe('2026-07-15T02:00:00.000Z');
    expect(realNameExpiry(new Date('2026-08-31T02:00:00Z')).toISOString()).toBe('2027-02-28T02:00:00.000Z');
  });

  it('should say current, expiring within 14 days, lapsed or revoked', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(realNameState(undefined, now)).toBe('none');
    expect(realNameState({ expiresAt: new Date('2026-07-01T00:00:00Z') }, now)).toBe('current');
    expect(realNameState({ expiresAt: new Date('2026-06-10T00:00:00Z') }, now)).toBe('expiring');
    expect(realNameState({ expiresAt: now }, now)).toBe('lapsed');
    expect(realNameState({ expiresAt: new Date('2026-07-01T00:00:00Z'), revokedAt: now }, now)).toBe('revoked');
  });

  it('should show students only published, open jobs held by nothing', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const job = { status: 'published', deadline: new Date('2026-07-01T00:00:00Z') };
    expect(isVisibleToStudents(job, now)).toBe(true);
    expect(isVisibleToStudents({ ...job, hidden: true, holds: ['real-name-lapsed'] }, now)).toBe(false);
    expect(isVisibleToStudents({ ...job, holds: [] }, now)).toBe(true);
    expect(isVisibleToStudents({ ...job, status: 'frozen' }, now)).toBe(false);
    expect(isVisibleToStudents({ ...job, deadline: new Date('2026-05-31T00:00:00Z') }, now)).toBe(false);
  });
});
