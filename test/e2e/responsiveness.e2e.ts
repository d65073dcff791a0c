import mongoose from 'mongoose';
import type { Page as ListPage } from '../../server/src/contract/common';
import type { JobSummary, MyApplication } from '../../server/src/contract/job';
import type { InboxPage } from '../../server/src/contract/notice';
import type { SlowEnterprise } from '../../server/src/contract/responsiveness';
import { seriousViolations } from './support/axe';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

const DAY = 24 * 3600_000;

/**
 * Issue 17 §2 in the h5 build: the demo enterprises' three months of history give the software
 * company 通常 2 天内反馈 on its job cards and pages; an application left untouched for 14 days closes as
 * 未反馈 through the worker, and the student reads the notice and the waiting time; staff see the
 * slowest enterprises. The worker checks every second here (NOTICE_REMINDER_CHECK_MS).
 */
describe('recruiter responsiveness in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E({ env: { NOTICE_REMINDER_CHECK_MS: '1000' } });
  });

  afterAll(async () => {
    await env?.close();
  });

  async function openJob(title: string): Promise<JobSummary> {
    const page = await env.api<ListPage<JobSummary>>('GET', `/api/jobs?q=${encodeURIComponent(title)}`);
    const job = page.items.find(j => j.title === title);
    if (!job) throw new Error(`no open job ${title}`);
    return job;
  }

  it('should show the software company’s 通常 2 天内反馈 on its job card and job page', async () => {
    const java = await openJob('Java 开发工程师（应届）');
    expect(java.responsiveness).toMatchObject({ line: '通常 2 天内反馈', answeredLine: '近90天答复率 92%' });

    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await page.fill('#job-search input', 'Java 开发工程师');
    await page.press('#job-search input', 'Enter');
    const card = page.locator(`.jobs #job-${java.id}`);
    await card.getByText('通常 2 天内反馈 · 近90天答复率 92%').waitFor();
    await env.screenshot(page, 'responsiveness-job-card');
    expect(await seriousViolations(page)).toEqual([]);

    await card.click();
    await page.locator('#job-responsiveness', { hasText: '通常 2 天内反馈 · 近90天答复率 92%' }).waitFor();
    await page.locator('#job-responsiveness').scrollIntoViewIfNeeded();
    await env.screenshot(page, 'responsiveness-job-detail');
    expect(await seriousViolations(page)).toEqual([]);

    // Too little history: no line on the seafood company's jobs.
    expect((await openJob('食品质量检验员')).responsiveness).toBeUndefined();
  });

  it('should close an application left untouched for 14 days as 未反馈 and tell the student', async () => {
    const student = await env.devLogin('b-student-dlut');
    const job = await openJob('数控技术员');
    const applied = await env.api<MyApplication>('POST', `/api/jobs/${job.id}/applications`, undefined, student.accessToken);

    // Fifteen days pass without the recruiter touching it.
    const conn = await mongoose.createConnection(env.databaseUri).asPromise();
    const back = (d: Date) => new Date(d.getTime() - 15 * DAY);
    const apps = conn.collection('job_applications');
    const doc = await apps.findOne({ _id: new mongoose.Types.ObjectId(applied.id) });
    if (!doc) throw new Error('application not stored');
    await apps.updateOne(
      { _id: doc._id },
      { $set: { createdAt: back(doc.createdAt), updatedAt: back(doc.updatedAt), steps: (doc.steps as Array<{ at: Date }>).map(s => ({ ...s, at: back(s.at) })) } },
    );
    await conn.close();

    const inbox = await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox?limit=50', undefined, student.accessToken),
      p => p.items.some(i => i.title === '投递未获反馈：数控技术员'),
      30_000,
    );
    const item = inbox.items.find(i => i.title === '投递未获反馈：数控技术员');
    expect(item?.summary).toBe('大连港湾装备制造有限公司（示例）15天内未处理你投递的「数控技术员」，这份投递已关闭为“未反馈”，不妨看看其他岗位');

    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.reload();
    await page.click('#mine-inbox');
    await page.locator('.notice-inbox__item', { hasText: '投递未获反馈：数控技术员' }).waitFor();
    await page.waitForTimeout(300);
    await env.screenshot(page, 'responsiveness-inbox');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${env.baseUrl}/#/packages/job/pages/applications/index`);
    const card = page.locator(`#application-${applied.id}`);
    await card.getByText('等待 15 天未获反馈，已关闭').waitFor();
    await card.locator('.ll-tag', { hasText: '未反馈' }).waitFor();
    await env.screenshot(page, 'responsiveness-my-applications');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('should show staff the slowest enterprises first', async () => {
    // The application closed above counts for the equipment maker once a worker has recomputed it.
    const bureau = await env.devLogin('f-bureau');
    await eventually(
      () => env.api<SlowEnterprise[]>('GET', '/api/staff/jobs/slow-enterprises', undefined, bureau.accessToken),
      rows => rows[0]?.figures.settled === 13,
    );
    const page = await env.page();
    await env.signIn(page, 'f-bureau');
    await page.goto(`${env.baseUrl}/#/packages/job/pages/staff-enterprises/index`);
    await page.locator('#staff-slow-enterprises').waitFor();
    await env.screenshot(page, 'responsiveness-staff-enterprises-link');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#staff-slow-enterprises');
    const rows = page.locator('[id^="slow-"]');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('1. 大连港湾装备制造有限公司（示例）');
    await rows.first().getByText('答复率 62%').waitFor();
    await page.getByText('首次查看中位数：5.4 天').waitFor();
    expect(await rows.count()).toBe(2);
    await env.screenshot(page, 'responsiveness-staff-slow-enterprises');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
