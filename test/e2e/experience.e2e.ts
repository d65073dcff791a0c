import type { Page } from 'playwright-core';
import type { FairView } from '../../server/src/contract/job';
import { residentId } from '../server/support/factories';
import { seriousViolations } from './support/axe';
import { housingForm, startE2E, submitHousingApplication, type E2EEnv } from './support/harness';

jest.setTimeout(300_000);

/** Looks at the page as a user would (screenshot kept as an artefact) and checks it with axe. */
async function look(env: E2EEnv, page: Page, name: string): Promise<void> {
  await env.screenshot(page, `experience-${name}`);
  expect(await seriousViolations(page)).toEqual([]);
}

/** The visible text of the shown page (hidden pages of Taro's stack excluded). */
function shownText(page: Page): Promise<string> {
  return page.locator('.taro_page_show').last().innerText();
}

const ENGLISH_STATUS = /\b(saved|submitted|resubmitted|approved|returned|rejected|batched|paid|payFailed|reviewing|draft|pending|viewed|interview|offer)\b/;

describe('the h5 build as a guest, a graduate and staff see it (390×844)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should log in from the keyboard alone: Tab reaches an account, Enter logs in', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/account/pages/login/index`);
    const first = page.locator('[id^="dev-user-"]').first();
    await first.waitFor();
    const firstId = await first.getAttribute('id');
    await look(env, page, 'guest-login');
    // Zoom is allowed.
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).not.toContain('user-scalable=no');

    let focused: { id: string; role: string | null; text: string } = { id: '', role: null, text: '' };
    for (let i = 0; i < 30 && focused.id !== firstId; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return { id: el?.id ?? '', role: el?.getAttribute('role') ?? null, text: (el as HTMLElement | null)?.innerText ?? '' };
      });
    }
    expect(focused).toMatchObject({ id: firstId, role: 'button' });
    expect(focused.text).toContain('新同学');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Boolean(localStorage.getItem('ll.v1.session')));
    const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('ll.v1.session') ?? '{}').data?.userId);
    expect(`dev-user-${userId}`).toBe(firstId);
  });

  it('should invite a guest to log in where a page needs an account, and show what is public', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/pages/home/index`);
    await page.locator('#home-entry-growth').waitFor();
    await page.locator('.taro_page_show [id^="content-"]').first().waitFor();
    await look(env, page, 'guest-home');
    // Sub-pages have a title bar with a back button.
    await page.click('#home-entry-growth');
    await page.locator('#growth-login').waitFor();
    expect(await page.locator('#growth-login').innerText()).toContain('登录后预约指导、报名课程和大赛');
    expect(await page.locator('[id^="growth-tile-"]').count()).toBe(8);
    const backButton = page.locator('#taro-navigation-bar .taro-navigation-bar-back');
    await backButton.waitFor();
    expect(await backButton.getAttribute('role')).toBe('button');
    expect(await backButton.getAttribute('aria-label')).toBe('返回');
    expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).not.toBe('');
    await look(env, page, 'guest-growth');
    await backButton.click();
    await page.locator('#home-entry-growth').waitFor();

    await page.goto(`${env.baseUrl}/#/packages/subsidy/pages/programs/index`);
    await page.locator('#subsidy-login').waitFor();
    const subsidy = await shownText(page);
    expect(subsidy).toContain('登录后查看可申请的补贴');
    expect(subsidy).toContain('去登录');
    expect(subsidy).not.toMatch(/加载失败|请先登录|重新加载/);
    await look(env, page, 'guest-subsidy');

    await page.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await page.locator('#job-mode-recommended').click();
    await page.locator('#job-login').waitFor();
    expect(await shownText(page)).not.toContain('岗位加载失败');
    await look(env, page, 'guest-jobs-recommended');
    await page.click('#job-login-button');
    await page.waitForURL(/packages\/account\/pages\/login/);
  });

  it("should give a graduate their own lists in 我的 and the 岗位 tab, and a fair's page should remember the registration", async () => {
    const bureau = await env.devLogin('f-bureau');
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(tomorrow);
    const fair = await env.api<FairView>(
      'POST',
      '/api/fairs',
      {
        kind: 'comprehensive',
        title: '体验测试综合招聘会',
        description: '面向2026届高校毕业生的综合招聘会。',
        startAt: `${day}T09:00:00+08:00`,
        endAt: `${day}T12:00:00+08:00`,
        venue: '大连星海会展中心',
        boothCapacity: 20,
      },
      bureau.accessToken,
    );

    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    for (const [id, title] of [
      ['mine-applications', '我的投递'],
      ['mine-bookings', '我的预约'],
      ['mine-registrations', '我的报名'],
      ['mine-subsidies', '我的补贴'],
    ]) {
      await page.locator(`#${id}`, { hasText: title }).waitFor();
      expect(await page.locator(`#${id}`).getAttribute('role')).toBe('link');
    }
    await look(env, page, 'graduate-mine');
    await page.click('#mine-applications');
    await page.waitForURL(/packages\/job\/pages\/applications/);
    await page.locator('.taro_page_show .ll-empty, .taro_page_show [id^="application-"]').first().waitFor();
    expect(await shownText(page)).not.toMatch(ENGLISH_STATUS);
    await look(env, page, 'graduate-applications');

    await page.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await page.locator('#jobs-my-applications', { hasText: '我的投递' }).waitFor();

    await page.goto(`${env.baseUrl}/#/packages/notice/pages/inbox/index`);
    await page.locator('.taro_page_show .notice-inbox__item').first().waitFor();
    await look(env, page, 'graduate-inbox');

    await page.goto(`${env.baseUrl}/#/packages/job/pages/fair-detail/index?id=${fair.id}`);
    await page.locator('#fair-register', { hasText: '报名参加' }).waitFor();
    await look(env, page, 'graduate-fair-before');
    await page.click('#fair-register');
    await page.locator('#fair-registered', { hasText: '已报名' }).waitFor();

    // Reopened later: the page knows, and offers the ticket rather than 报名参加.
    await page.reload();
    await page.locator('#fair-registered', { hasText: '已报名' }).waitFor();
    await page.locator('#fair-my-ticket', { hasText: '查看签到码' }).waitFor();
    expect(await page.locator('#fair-register').count()).toBe(0);
    await look(env, page, 'graduate-fair-registered');

    await page.click('#fair-my-ticket');
    await page.waitForURL(/packages\/job\/pages\/my-fairs/);
    await page.locator('.taro_page_show:not(.taro_page_shade)', { hasText: '体验测试综合招聘会' }).waitFor();
    await look(env, page, 'graduate-my-fairs');
  });

  it('should show staff the 办理记录 in Chinese with who, which unit and when, and three equal decision buttons', async () => {
    const student = await env.devLogin('b-student-dlut');
    const draft = { id: await submitHousingApplication(env, student.accessToken, housingForm(residentId('2003-04-05'))) };
    const college = await env.devLogin('d-college');
    await env.api('POST', `/api/staff/subsidy/applications/${draft.id}/decision`, { decision: 'approve' }, college.accessToken);

    const page = await env.page();
    await env.signIn(page, 'e-district');
    await page.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-review/index?id=${draft.id}`);
    await page.locator('#review-log-2').waitFor();
    const logs = await page.locator('.taro_page_show .staff-review__log').allInnerTexts();
    expect(logs).toHaveLength(3);
    expect(logs[0]).toContain('保存草稿');
    expect(logs[1]).toContain('提交申请');
    expect(logs[2]).toContain('高校核验：审核通过');
    expect(logs[2]).toContain('大连理工大学');
    for (const line of logs) expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await shownText(page)).not.toMatch(ENGLISH_STATUS);

    const heights = await Promise.all(['#review-approve', '#review-return', '#review-reject'].map(async id => (await page.locator(id).boundingBox())?.height));
    expect(new Set(heights).size).toBe(1);
    // 不予通过 on one line: the button is no taller than its line box.
    const reject = await page.locator('#review-reject').evaluate(el => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(reject.height).toBeLessThanOrEqual(reject.line + 1);
    // Full-contrast white on the primary button (not Taro's 60% white for a disabled="false" attribute).
    expect(await page.locator('#review-approve').evaluate(el => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    await page.locator('#review-approve').scrollIntoViewIfNeeded();
    await look(env, page, 'staff-review');

    await page.goto(`${env.baseUrl}/#/packages/subsidy/pages/applications/index`);
    await env.signIn(page, 'b-student-dlut');
    await page.reload();
    await page.locator(`#subsidy-application-${draft.id}`).waitFor();
    expect(await shownText(page)).not.toMatch(ENGLISH_STATUS);
    await look(env, page, 'graduate-subsidies');
  });

  it('should name the fields of the job editor for screen readers', async () => {
    const page = await env.page();
    await env.signIn(page, 'c-recruiter');
    await page.goto(`${env.baseUrl}/#/packages/recruiter/pages/job-edit/index`);
    await page.locator('#job-form-headcount').waitFor();
    expect(await page.locator('#job-form-description textarea').getAttribute('aria-label')).toBe('其他说明');
    expect(await page.locator('#job-form-headcount input').getAttribute('aria-label')).toBe('招聘人数');
    await look(env, page, 'recruiter-job-edit');
  });
});
