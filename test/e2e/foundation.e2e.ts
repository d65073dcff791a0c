import type { Page } from 'playwright-core';
import type { Me } from '../../server/src/contract/user';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(120_000);

async function pick(page: Page, field: string, value: string): Promise<void> {
  await page.click(`#${field}`);
  await page.click(`#${field}-option-${value}`);
}

describe('a new student in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should log in with a demo account, complete the profile and see the home page', async () => {
    const page = await env.page();
    // The page runs under the server's Content-Security-Policy: nothing it needs may be refused.
    const violations: string[] = [];
    page.on('console', msg => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    const first = await page.goto(`${env.baseUrl}/`);
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
    expect(first?.headers()['x-content-type-options']).toBe('nosniff');
    // The inline rem script ran (allowed by its hash): the root font size is set.
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/);
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.click('#mine-login');

    await page.locator('[id^="dev-user-"]', { hasText: '新同学' }).click();
    await page.waitForFunction(() => Boolean(localStorage.getItem('ll.v1.session')));

    await page.goto(`${env.baseUrl}/#/packages/account/pages/profile/index`);
    await page.fill('#profile-name input', '王小雨');
    await pick(page, 'profile-college', 'dlmu');
    await pick(page, 'profile-degree', 'master');
    await page.fill('#profile-major input', '交通运输工程');
    await pick(page, 'profile-graduation-year', '2026');
    await pick(page, 'profile-origin-province', '山东省');
    await page.fill('#profile-origin-city input', '青岛市');
    await page.click('#profile-district-210202');
    await page.fill('#profile-intention-text input', '港口物流');
    // The ID field shows once the separate 1311 consent is given on its sheet.
    await page.click('#profile-id-consent-open');
    await page.locator('#consent-sheet').waitFor();
    await page.click('#consent-sheet-agree');
    await page.fill('#profile-id-number input', '210202199901011238');
    await page.click('#profile-submit');

    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('ll.v1.session') ?? '{}').data);
    const me = await eventually(
      () => env.api<Me>('GET', '/api/me', undefined, session.accessToken),
      m => m.profileComplete,
    );
    expect(me).toMatchObject({
      profile: { name: '王小雨', schoolName: '大连海事大学', degree: 'master', originProvince: '山东省' },
      idNumber: '2102**********1238',
    });

    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.locator('#mine-name', { hasText: '王小雨' }).waitFor();

    await page.goto(`${env.baseUrl}/#/pages/home/index`);
    await page.getByText('最新政策').first().waitFor();
    await page.getByText('在连高校毕业生实名数据库：底数清、需求清、去向清').first().waitFor();
    await page.getByText('Java 开发工程师（应届）').first().waitFor();
    await env.screenshot(page, 'foundation-home');
    expect(violations).toEqual([]);
  });

  it('should send the scripts and styles of the first screen precompressed, hashed ones cached for a year', async () => {
    const page = await env.page();
    const assets: Array<{ url: string; encoding?: string; cache?: string; vary?: string }> = [];
    page.on('response', response => {
      if (/\/(js|css)\//.test(new URL(response.url()).pathname)) {
        const headers = response.headers();
        assets.push({ url: response.url(), encoding: headers['content-encoding'], cache: headers['cache-control'], vary: headers.vary });
      }
    });
    const index = await page.goto(`${env.baseUrl}/#/pages/home/index`);
    expect(index?.headers()['cache-control']).toBe('no-cache');
    await page.waitForSelector('.ll-job-card');
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      // Chromium asks for br over HTTPS only; over plain HTTP it gets the gzip copy.
      expect({ url: asset.url, encoding: asset.encoding }).toEqual({ url: asset.url, encoding: expect.stringMatching(/^(br|gzip)$/) });
      expect(asset.cache).toBe('public, max-age=31536000, immutable');
      expect(asset.vary).toMatch(/Accept-Encoding/i);
    }
    const script = assets.find(a => a.url.endsWith('.js'))?.url ?? '';
    const br = await fetch(script, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect((await br.text()).length).toBeGreaterThan(1000);
  });

  it('should show the page the user came back to, however quickly they go back', async () => {
    // Taro's h5 router used to hide the page left behind when its transition ended, even when the user
    // had already come back to it: a quick back showed an empty screen (app.config.ts sets animation off).
    const page = await env.page();
    await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.reload();
    for (let round = 0; round < 5; round++) {
      await page.click('#mine-inbox');
      await page.waitForURL(/#\/packages\/notice\/pages\/inbox\/index/);
      await page.locator('.notice-inbox__item').first().waitFor();
      await page.goBack();
      await page.waitForURL(/#\/pages\/mine\/index/);
      // Longer than the 350 ms the old transition waited before hiding the page.
      await page.waitForTimeout(600);
      expect(await page.locator('#mine-inbox').isVisible()).toBe(true);
    }
  });
});
