import type { Applicant, RecruiterJob } from '../../server/src/contract/job';
import type { Page } from '../../server/src/contract/common';
import { interviewInvitation, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(180_000);

describe('a job from posting to interview in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should let a student find a new job, apply, and see the recruiter move it to 面试', async () => {
    const recruiter = await env.devLogin('c-recruiter');
    const title = `端到端测试岗位${Date.now() % 100000}`;
    const job = await env.api<RecruiterJob>(
      'POST',
      '/api/recruiter/jobs',
      {
        kind: 'fulltime',
        title,
        description: '端到端测试用岗位：负责小程序开发，五险一金。',
        duties: '负责小程序开发与维护。',
        requirements: '计算机相关专业本科及以上。',
        salaryMin: 8000,
        salaryMax: 12000,
        education: 'bachelor',
        majors: ['软件工程'],
        headcount: 2,
        district: 'hitech',
        address: '高新区软件园',
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        tags: ['五险一金'],
      },
      recruiter.accessToken,
    );

    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await page.fill('#job-search input', title);
    await page.press('#job-search input', 'Enter');
    // The home tab also lists the newest jobs (hidden, same card ids): click the one in the jobs tab.
    await page.locator(`.jobs #job-${job.id}`).click();
    await page.locator('#job-title', { hasText: title }).waitFor();
    await page.click('#job-apply');
    await page.locator('#job-my-applications').waitFor();

    const applicants = await env.api<Page<Applicant>>('GET', `/api/recruiter/jobs/${job.id}/applications`, undefined, recruiter.accessToken);
    expect(applicants.items).toHaveLength(1);
    const id = applicants.items[0].id;
    await env.api('PUT', `/api/recruiter/applications/${id}/status`, { to: 'viewed' }, recruiter.accessToken);
    await env.api('PUT', `/api/recruiter/applications/${id}/status`, { to: 'interview', note: '周三上午10点面试', interview: interviewInvitation() }, recruiter.accessToken);

    await page.goto(`${env.baseUrl}/#/packages/job/pages/applications/index`);
    const card = page.locator(`#application-${id}`);
    await card.getByText('周三上午10点面试').waitFor();
    await card.locator('.my-app__step--done', { hasText: '面试' }).waitFor();
    await env.screenshot(page, 'job-application-interview');
  });
});
