import type { Page } from 'playwright-core';
import type { FairView } from '../../server/src/contract/job';
import type { Dashboard } from '../../server/src/contract/statistics';
import type { ComplaintHotline } from '../../server/src/contract/complaint';
import type { PublicityNoticeView } from '../../server/src/contract/subsidy-publicity';
import { beijingClock } from '../../server/src/contract/time';
import { seriousViolations } from './support/axe';
import { startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(300_000);

async function look(env: E2EEnv, page: Page, name: string): Promise<void> {
  await env.screenshot(page, `demo-${name}`);
  expect(await seriousViolations(page)).toEqual([]);
}

const shown = (page: Page) => page.locator('.taro_page_show:not(.taro_page_shade)').last();

/** `npm start`'s demo as a visitor and the bureau meet it, with the generated city (DEMO_CITY) on. */
describe('the demo city (390×844)', () => {
  let env: E2EEnv;
  let startSeconds = 0;

  beforeAll(async () => {
    const started = Date.now();
    // A smaller city than npm start's 3,600 graduates: the same generator, a quicker start.
    env = await startE2E({ env: { DEMO_CITY: '1200' } });
    startSeconds = (Date.now() - started) / 1000;
    process.stdout.write(`[demo.e2e] server with the city demo ready in ${startSeconds.toFixed(1)} s\n`);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should list demo fairs at office hours and the real 12333 hotline, with no placeholder numbers', async () => {
    const fairs = await env.api<{ items: FairView[] }>('GET', '/api/fairs');
    expect(fairs.items.length).toBeGreaterThanOrEqual(5);
    for (const f of fairs.items) expect(beijingClock(new Date(f.startAt)) >= '09:00' && beijingClock(new Date(f.endAt)) <= '18:00').toBe(true);
    const lines = await env.api<ComplaintHotline[]>('GET', '/api/complaint-hotlines');
    expect(lines.every(l => l.phone === '12333' && !l.example)).toBe(true);
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/job/pages/fairs/index`);
    await shown(page).getByText('大连市高校毕业生留连来连综合招聘会（示例）').waitFor();
    expect(await shown(page).innerText()).toMatch(/09:00/);
    await look(env, page, 'guest-fairs');
  });

  it('should land the bureau on its work desk, with a dashboard of real figures and readable review queues', async () => {
    const page = await env.page();
    await env.signIn(page, 'f-bureau');
    await page.goto(`${env.baseUrl}/#/pages/home/index`);
    const desk = page.locator('#home-desk');
    await desk.waitFor();
    expect(await desk.innerText()).toContain('市人社局');
    await look(env, page, 'bureau-home-desk');

    await page.click('#desk-dashboard');
    await page.waitForURL(/statistics\/pages\/staff-dashboard/);
    const login = await env.devLogin('f-bureau');
    const dashboard = await env.api<Dashboard>('GET', '/api/staff/statistics/dashboard', undefined, login.accessToken);
    const stayed = dashboard.targets.find(t => t.key === 'stayed')!;
    expect(stayed.actual).toBeGreaterThan(400);
    expect(dashboard.retention.rate).toBeGreaterThan(0.3);
    expect(dashboard.targets.map(t => t.note ?? '').join()).not.toContain('尚未上线');
    expect(dashboard.targets.find(t => t.key === 'followUpRate')?.actual).toBeGreaterThan(0.5);
    await shown(page).getByText(stayed.actual!.toLocaleString('en-US')).first().waitFor();
    await look(env, page, 'bureau-dashboard');

    await page.goto(`${env.baseUrl}/#/packages/complaint/pages/staff-queue/index`);
    const row = shown(page).locator('.ll-table__row--link').first();
    await row.waitFor();
    // One card per complaint, each value with its name; dates on one line.
    expect(await row.locator('.ll-table__label').allInnerTexts()).toEqual(['类别', '状态', '被投诉方', '地区', '承办', '期限', '提交']);
    for (const date of await row.locator('.complaint-queue__date').all()) expect((await date.boundingBox())!.height).toBeLessThan(40);
    await look(env, page, 'bureau-complaint-queue');

    await page.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-queue/index`);
    await shown(page).getByText('待我审核的补贴申请').waitFor();
    await look(env, page, 'bureau-subsidy-queue');
  });

  it('should page the running demo 公示 (65 graduates) on reaching the bottom and find one by full name', async () => {
    const login = await env.devLogin('b-student-dlut');
    const [notice] = await env.api<PublicityNoticeView[]>('GET', '/api/subsidy-notices', undefined, login.accessToken);
    expect(notice.counts).toEqual({ total: 65, held: 0 });
    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/packages/subsidy/pages/notices/index`);
    const card = shown(page).locator(`#notice-${notice.id}`);
    await card.getByText('共 65 人').waitFor();
    const rows = card.locator('.notices__entry');
    await rows.nth(19).waitFor();
    expect(await rows.count()).toBe(20);
    await look(env, page, 'subsidy-notices-first-page');
    // Scrolled the way a thumb does, to the bottom: the next page comes.
    await page.mouse.move(195, 600);
    await page.mouse.wheel(0, 20_000);
    await rows.nth(39).waitFor();
    await card.getByText('上拉加载更多').waitFor();
    await look(env, page, 'subsidy-notices-second-page');

    await page.fill(`#notice-search-${notice.id} input`, '马诗涵');
    await page.click(`#notice-search-submit-${notice.id}`);
    await card.getByText('名单中姓名为“马诗涵”的：').waitFor();
    await rows.first().getByText('马*涵').waitFor();
    expect(await rows.count()).toBe(1);
    await look(env, page, 'subsidy-notices-search');
  });
});
