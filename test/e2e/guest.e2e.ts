import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { startE2E, type E2EEnv } from './support/harness';

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
