import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { startE2E, type E2EEnv } from './support/harness';

// The h5 build step that writes the prefetch into index.html (plain CommonJS, run by node after taro build).
const { FIRST_SCREEN_DATA } = require('../../config/route-preload.js') as { FIRST_SCREEN_DATA: Record<string, string[]> };

jest.setTimeout(300_000);

const shown = (page: Page) => page.locator('.taro_page_show').last();

/** Waits until the shown page has finished loading (no 正在加载…) and returns its text. */
async function loaded(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const pages = document.querySelectorAll('.taro_page_show');
    const last = pages[pages.length - 1] as HTMLElement | undefined;
    return Boolean(last && last.innerText.trim().length > 0 && !/正在加载/.test(last.innerText));
  });
  return shown(page).innerText();
}

describe('a guest browses everything and is asked to log in only to act (h5, 390×844)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ['policies', 'packages/policy/pages/list/index?kind=policy', '政策'],
    ['services', 'packages/policy/pages/list/index?kind=service', ''],
    ['institutions', 'packages/policy/pages/list/index?kind=institution', ''],
    ['jobs', 'pages/jobs/index', ''],
    ['fairs', 'packages/job/pages/fairs/index', ''],
    ['live', 'pages/live/index', ''],
    ['stories', 'packages/growth/pages/stories/index', ''],
    ['courses', 'packages/growth/pages/courses/index?kind=career', ''],
  ])('should show %s to a guest, with no login asked', async (name, path) => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/${path}`);
    const text = await loaded(page);
    expect(text).not.toMatch(/请先登录|加载失败/);
    expect(page.url()).not.toContain('account/pages/login');
    await env.screenshot(page, `guest-${name}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each(Object.entries(FIRST_SCREEN_DATA))(
    'should get the first lists of %s with the page itself (index.html asks, the page takes the answer: one request each)',
    async (route, urls) => {
      const page = await env.page();
      const asked: string[] = [];
      page.on('request', r => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
      });
      await page.goto(`${env.baseUrl}/#/${route}`);
      const text = await loaded(page);
      expect(text).not.toMatch(/加载失败/);
      for (const url of urls) {
        const path = url.split('?')[0];
        expect(asked.filter(a => a.split('?')[0] === path)).toEqual([url]);
      }
      await page.close();
    },
  );

  it('should open a job, cancel the login sheet on 投递简历, then log in and land on the apply step', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await loaded(page);
    const jobs = await env.api<{ items: Array<{ id: string; title: string }> }>('GET', '/api/jobs');
    await page.goto(`${env.baseUrl}/#/packages/job/pages/detail/index?id=${jobs.items[0].id}`);
    await page.locator('#job-title').waitFor();
    expect(await shown(page).innerText()).toContain(jobs.items[0].title);

    await page.locator('#job-apply').click();
    // Taro's h5 modal: its wrapper has no box of its own, so wait for the dialog's buttons.
    const sheet = page.locator('.taro__modal');
    const cancel = sheet.locator('.taro-model__cancel', { hasText: '取消' });
    await cancel.waitFor();
    expect(await sheet.innerText()).toContain('投递简历需要先登录');
    await env.screenshot(page, 'guest-login-sheet');
    expect(await seriousViolations(page)).toEqual([]);
    await cancel.click();
    await cancel.waitFor({ state: 'hidden' });
    expect(page.url()).toContain('job/pages/detail');
    expect(await page.locator('#job-apply-step').count()).toBe(0);

    await page.locator('#job-apply').click();
    await cancel.waitFor();
    await sheet.locator('.taro-model__confirm', { hasText: '去登录' }).click();
    await page.waitForURL(/account\/pages\/login/);
    const accounts = await env.api<Array<{ id: string }>>('GET', '/api/auth/dev-users');
    // b-student-dlut: the demo graduate with a complete profile.
    await page.locator(`#dev-user-${accounts[1].id}`).click();
    await page.waitForURL(/job\/pages\/detail/);
    await page.locator('#job-apply-step').waitFor();
    expect(await page.locator('#job-apply-step').innerText()).toContain('确认后即可投递简历');
    expect(await page.locator('#job-apply').isVisible()).toBe(true);
    await env.screenshot(page, 'guest-apply-step');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  /**
   * The gate, as a guest meets it: a tap opens the sheet naming the action; 取消 leaves the guest where they were;
   * a second tap and 去登录 goes to the login page, and picking the demo graduate comes back to `back`.
   */
  async function cancelThenLogIn(page: Page, tap: () => Promise<void>, label: string, back: RegExp, name: string, account = 'b-student-dlut'): Promise<void> {
    const sheet = page.locator('.taro__modal');
    const cancel = sheet.locator('.taro-model__cancel', { hasText: '取消' });
    await tap();
    await cancel.waitFor();
    expect(await sheet.innerText()).toContain(`${label}需要先登录`);
    expect(await seriousViolations(page)).toEqual([]);
    await env.screenshot(page, `guest-${name}-sheet`);
    await cancel.click();
    await cancel.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(back);
    expect(await page.evaluate(() => localStorage.getItem('ll.v1.session'))).toBeNull();

    await tap();
    await cancel.waitFor();
    await sheet.locator('.taro-model__confirm', { hasText: '去登录' }).click();
    await page.waitForURL(/account\/pages\/login/);
    const graduate = await env.devLogin(account);
    await page.locator(`#dev-user-${graduate.userId}`).click();
    await page.waitForURL(back);
  }

  it('should ask a guest to log in for 报名参加 on a fair, and come back with the registration ready to confirm', async () => {
    const graduate = await env.devLogin('b-student-dlut');
    const bureau = await env.devLogin('f-bureau');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 2 * 24 * 3600_000));
    const fair = await env.api<{ id: string }>(
      'POST',
      '/api/fairs',
      { kind: 'comprehensive', title: '游客报名测试招聘会', description: '面向2026届高校毕业生的综合招聘会。', startAt: `${day}T09:00:00+08:00`, endAt: `${day}T12:00:00+08:00`, venue: '大连星海会展中心', boothCapacity: 20 },
      bureau.accessToken,
    );
    const open = [fair.id];
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/job/pages/fair-detail/index?id=${open[0]}`);
    await page.locator('#fair-register').waitFor();

    await cancelThenLogIn(page, () => page.locator('#fair-register').click(), '报名', /job\/pages\/fair-detail/, 'fair');
    await page.locator('#fair-register-step').waitFor();
    expect(await page.locator('#fair-register-step').innerText()).toContain('确认后即可报名');
    await env.screenshot(page, 'guest-fair-register-step');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing was registered behind the user's back: the confirming tap does it.
    expect((await env.api<{ myRegistration?: unknown }>('GET', `/api/fairs/${open[0]}`, undefined, graduate.accessToken)).myRegistration).toBeUndefined();
    await page.locator('#fair-register').click();
    await page.locator('#fair-registered').waitFor();
    await page.close();
  });

  it('should ask a guest to log in for 预约直播, and come back with the session booked', async () => {
    const graduate = await env.devLogin('b-student-dlut');
    const upcoming = await env.api<Array<{ id: string; status: string; booked?: boolean }>>('GET', '/api/live/sessions?tab=upcoming', undefined, graduate.accessToken);
    const session = upcoming.find(s => s.status === 'scheduled' && !s.booked);
    expect(session).toBeDefined();
    const id = session?.id ?? '';
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/live/pages/room/index?id=${id}`);
    await page.locator('#live-book').waitFor();

    await cancelThenLogIn(page, () => page.locator('#live-book').click(), '预约', /live\/pages\/room/, 'live-book');
    // A booking is harmless to make: it is done on the way back.
    await page.locator('#live-booked').waitFor();
    await env.screenshot(page, 'guest-live-booked');
    expect(await seriousViolations(page)).toEqual([]);
    const after = await env.api<Array<{ id: string; booked?: boolean }>>('GET', '/api/live/sessions?tab=upcoming', undefined, graduate.accessToken);
    expect(after.find(s => s.id === id)?.booked).toBe(true);
    await page.close();
  });

  it('should ask a guest to log in to complain about a job, and come back to the complaint form', async () => {
    const jobs = await env.api<{ items: Array<{ id: string }> }>('GET', '/api/jobs');
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/job/pages/detail/index?id=${jobs.items[1].id}`);
    await page.locator('#job-complain').waitFor();

    await cancelThenLogIn(page, () => page.locator('#job-complain').click(), '投诉举报', /job\/pages\/detail|complaint\/pages\/new/, 'complain');
    await page.waitForURL(/complaint\/pages\/new/);
    expect(await loaded(page)).not.toContain('体验账号登录');
    // Stays there: the login page's 返回 went to the job page before the form opened.
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/complaint\/pages\/new/);
    await env.screenshot(page, 'guest-complaint-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('should ask a guest to log in for 为我推荐 in policy search, and come back to the recommendations', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/policy/pages/search/index?mode=forMe`);
    const prompt = shown(page).locator('.ll-empty__action', { hasText: '登录' });
    await prompt.waitFor();
    await cancelThenLogIn(page, () => prompt.click(), '查看为你推荐的政策', /policy\/pages\/search/, 'policy-for-me', 'a-student-new');
    await page.waitForFunction(() => {
      const pages = document.querySelectorAll('.taro_page_show');
      const last = pages[pages.length - 1] as HTMLElement | undefined;
      return Boolean(last && !/登录后为你推荐|正在加载/.test(last.innerText));
    });
    expect(page.url()).not.toContain('account/pages/login');
    await env.screenshot(page, 'guest-policy-for-me-after');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('should ask a guest to log in to read messages, and come back to the inbox', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/notice/pages/inbox/index`);
    const prompt = shown(page).locator('.ll-empty__action', { hasText: '登录' });
    await prompt.waitFor();
    expect(await shown(page).innerText()).toContain('登录后查看消息');
    await cancelThenLogIn(page, () => prompt.click(), '查看消息', /notice\/pages\/inbox/, 'inbox', 'c2-recruiter-new');
    await shown(page).locator('.notice-inbox__count').waitFor();
    await env.screenshot(page, 'guest-inbox-after');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('should let a signed-in user type the phone number where WeChat cannot verify it, marked unverified', async () => {
    const page = await env.page();
    await env.signIn(page, 'a-student-new');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.locator('#mine-phone-type').click();
    await page.locator('#mine-phone-typing').waitFor();
    await page.locator('#mine-phone-input input').fill('12345');
    await page.locator('#mine-phone-save').click();
    await page.locator('#mine-phone-typing').getByText('请输入 11 位中国大陆手机号').waitFor();
    await page.locator('#mine-phone-input input').fill('13812345678');
    await page.locator('#mine-phone-save').click();
    await page.locator('#mine-phone-unverified').waitFor();
    expect(await page.locator('#mine-phone-unverified').innerText()).toContain('138****5678');
    await env.screenshot(page, 'mine-phone-unverified');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
