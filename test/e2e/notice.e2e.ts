import ExcelJS from 'exceljs';
import type { Applicant, RecruiterJob } from '../../server/src/contract/job';
import type { Page as ListPage } from '../../server/src/contract/common';
import type { InboxPage } from '../../server/src/contract/notice';
import type { SubscriptionSettings } from '../../server/src/contract/subscription';
import { PAYMENT_COLUMNS, type PaymentBatchView } from '../../server/src/contract/subsidy';
import { residentId } from '../server/support/factories';
import { eventually, generatedBatch, housingForm, interviewInvitation, startE2E, submitHousingApplication, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

/**
 * The notices of a job application and a subsidy reach the graduate's 消息中心. The job and subsidy
 * pages are driven by job.e2e.ts and subsidy.e2e.ts; here the steps go through the API and the
 * browser reads the inbox.
 */
describe('a graduate’s 消息中心 in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  /** A multipart upload through the API, as the mini-program's uploadFile sends it. */
  async function upload<T>(path: string, token: string, name: string, type: string, data: Buffer): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type }), name);
    const res = await fetch(`${env.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  it('should list the interview invitation and the paid subsidy in Chinese and open each on its page', async () => {
    const student = await env.devLogin('b-student-dlut');
    const recruiter = await env.devLogin('c-recruiter');

    // 1. The graduate applies; the recruiter looks at the application and invites them to an interview.
    const title = `消息端到端岗位${Date.now() % 100000}`;
    const job = await env.api<RecruiterJob>(
      'POST',
      '/api/recruiter/jobs',
      {
        kind: 'fulltime', title, description: '端到端测试用岗位：负责小程序开发，五险一金。', duties: '负责小程序开发与维护。', requirements: '计算机相关专业本科及以上。', salaryMin: 8000, salaryMax: 12000, education: 'bachelor',
        majors: ['软件工程'], headcount: 2, district: 'hitech', address: '高新区软件园', deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), tags: ['五险一金'],
      },
      recruiter.accessToken,
    );
    await env.api('POST', `/api/jobs/${job.id}/applications`, undefined, student.accessToken);
    const [application] = (await env.api<ListPage<Applicant>>('GET', `/api/recruiter/jobs/${job.id}/applications`, undefined, recruiter.accessToken)).items;
    await env.api('PUT', `/api/recruiter/applications/${application.id}/status`, { to: 'viewed' }, recruiter.accessToken);
    await env.api('PUT', `/api/recruiter/applications/${application.id}/status`, { to: 'interview', note: '周三上午10点面试', interview: interviewInvitation() }, recruiter.accessToken);

    // 2. The graduate's housing subsidy passes college, district and bureau review and is paid.
    const draft = { id: await submitHousingApplication(env, student.accessToken, housingForm(residentId('2003-04-05', 418), '6222021234567890417')) };
    for (const account of ['d-college', 'e-district', 'f-bureau']) {
      const reviewer = await env.devLogin(account);
      await env.api('POST', `/api/staff/subsidy/applications/${draft.id}/decision`, { decision: 'approve' }, reviewer.accessToken);
    }
    const bureau = await env.devLogin('f-bureau');
    const batch = await generatedBatch<PaymentBatchView>(env, bureau.accessToken);
    const exported = await fetch(`${env.baseUrl}/api/staff/subsidy/batches/${batch.id}/export`, { headers: { authorization: `Bearer ${bureau.accessToken}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exported.arrayBuffer());
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(v => String(v ?? ''));
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(header.indexOf(PAYMENT_COLUMNS.result)).value = '成功';
    const result = Buffer.from(await wb.xlsx.writeBuffer());
    await upload(`/api/staff/subsidy/batches/${batch.id}/result`, bureau.accessToken, 'result.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', result);

    const inbox = await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox?limit=50', undefined, student.accessToken),
      page => page.items.some(i => i.title === '补贴已发放：高校毕业生住房补贴'),
    );
    expect(inbox.items.filter(i => i.source === 'application').map(i => i.title)).toEqual([`面试邀请：${title}`, `简历已被查看：${title}`]);
    expect(inbox.items.filter(i => i.source === 'subsidy').map(i => i.title)).toEqual([
      '补贴已发放：高校毕业生住房补贴',
      '补贴发放前公示：高校毕业生住房补贴',
      '补贴申请已通过：高校毕业生住房补贴',
      '补贴审核进度：高校毕业生住房补贴',
      '补贴审核进度：高校毕业生住房补贴',
    ]);

    // 3. 我的 → 消息: both items, in Chinese; each opens its page.
    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.reload();
    await page.click('#mine-inbox');
    const paid = page.locator('.notice-inbox__item', { hasText: '补贴已发放：高校毕业生住房补贴' });
    const interview = page.locator('.notice-inbox__item', { hasText: `面试邀请：${title}` });
    await paid.waitFor();
    await interview.waitFor();
    await paid.getByText('补贴 1000 元已发放到你的银行账户，请注意查收').waitFor();
    await interview.getByText('周三上午10点面试').waitFor();
    // The invitation itself: where, and whom to call.
    await interview.getByText(/地点：高新区软件园 9 号楼 302 会议室；联系人：李老师 0411-84751234/).waitFor();
    await page.waitForTimeout(300);
    await env.screenshot(page, 'notice-inbox');

    await interview.click();
    await page.waitForURL(/#\/packages\/job\/pages\/applications\/index/);
    await page.locator(`#application-${application.id}`).getByText('周三上午10点面试').waitFor();
    await page.locator(`#application-interview-${application.id}`).getByText('请携带身份证和纸质简历').waitFor();

    await page.goBack();
    await paid.click();
    await page.waitForURL(/#\/packages\/subsidy\/pages\/applications\/index/);
    await page.locator(`#subsidy-application-${draft.id}`).getByText('已发放').first().waitFor();

    // Both items were read on the way.
    const after = await env.api<InboxPage>('GET', '/api/inbox?limit=50', undefined, student.accessToken);
    expect(after.items.filter(i => i.id === inbox.items.find(x => x.title === `面试邀请：${title}`)?.id)[0].readAt).toBeDefined();
  });

  it('should let the graduate gather a topic into the weekly digest in 消息设置', async () => {
    const page = await env.page();
    const login = await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/packages/notice/pages/settings/index`);
    await page.reload();
    await page.locator('#notice-topic-growth').getByText('成长服务').waitFor();
    await page.click('#notice-mode-growth-digest');
    const settings = await eventually(
      () => env.api<SubscriptionSettings>('GET', '/api/subscriptions/settings', undefined, login.accessToken),
      s => s.digest.includes('growth'),
    );
    expect(settings.digest).toEqual(['growth']);
    await page.locator('#notice-mode-growth-digest.ll-chip--active').waitFor();
    await env.screenshot(page, 'notice-settings');
  });
});
