import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';
import { PRIVACY_DATA_TYPES } from '../../server/src/contract/privacy';
import { beijingDay } from '../../server/src/contract/time';
import { seriousViolations } from './support/axe';
import { startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(180_000);

async function look(env: E2EEnv, page: Page, name: string): Promise<void> {
  await env.screenshot(page, `privacy-${name}`);
  expect(await seriousViolations(page)).toEqual([]);
}

function shown(page: Page) {
  return page.locator('.taro_page_show').last();
}

describe('privacy pages in the h5 build (390×844)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should show the privacy guide generated from the data-type list, to a guest too', async () => {
    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy-guide/index`);
    for (const type of PRIVACY_DATA_TYPES) {
      await shown(page).locator(`#privacy-type-${type.scope}`).waitFor();
      expect(await shown(page).locator(`#privacy-type-${type.scope}`).innerText()).toContain(type.purpose);
    }
    expect(await shown(page).innerText()).toContain('敏感个人信息');
    await look(env, page, 'guide');
  });

  it('should open the guide from 我的 → 隐私与授权', async () => {
    const page = await env.page();
    await env.signIn(page, 'a-student-new');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await shown(page).locator('#mine-privacy').click();
    await shown(page).locator('#privacy-open-guide').waitFor();
    expect(await shown(page).locator('#privacy-agreed').innerText()).toContain('浏览器中无需微信授权');
    await look(env, page, 'hub');
    await shown(page).locator('#privacy-open-guide').click();
    await shown(page).locator('#privacy-type-phone').waitFor();
  });

  it('should let a student agree to and withdraw the subsidy consent, and the server then refuses subsidy data', async () => {
    const page = await env.page();
    const login = await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    const card = shown(page).locator('#consent-subsidy');
    await card.waitFor();
    await look(env, page, 'consents');
    if ((await shown(page).locator('#consent-subsidy-status').innerText()) !== '已同意') {
      await shown(page).locator('#consent-subsidy-give').click();
      await shown(page).locator('#consent-subsidy-withdraw').waitFor();
    }
    expect(await shown(page).locator('#consent-subsidy-status').innerText()).toBe('已同意');

    await shown(page).locator('#consent-subsidy-withdraw').click();
    // Taro's h5 modal: the confirm button of the dialog that says what withdrawing means.
    await page.locator('.taro__modal .taro-model__confirm', { hasText: '撤回' }).click();
    await shown(page).locator('#consent-subsidy-give').waitFor();
    await page.locator('.taro__modal').waitFor({ state: 'hidden' });
    expect(await shown(page).locator('#consent-subsidy-status').innerText()).toBe('已撤回');
    await look(env, page, 'consent-withdrawn');

    const consents = await env.api<Array<{ purpose: string; status: string }>>('GET', '/api/me/consents', undefined, login.accessToken);
    expect(consents.find(c => c.purpose === 'subsidy')?.status).toBe('withdrawn');
    // Withdrawn: the server takes no more hardship, ID or bank data for subsidies, and says why.
    const programs = await env.api<Array<{ program: { id: string; applicantKind: string } }>>('GET', '/api/subsidy/programs', undefined, login.accessToken);
    const graduates = programs.find(p => p.program.applicantKind === 'graduate');
    await expect(
      env.api('POST', '/api/subsidy/applications', { programId: graduates?.program.id, form: { hardship: true }, submit: false }, login.accessToken),
    ).rejects.toThrow(/409.*CONSENT_WITHDRAWN/);

    await shown(page).locator('#consent-subsidy-give').click();
    await shown(page).locator('#consent-subsidy-withdraw').waitFor();
  });

  it('should ask for the 1311 consent on the profile page before the ID field shows, list it in 隐私与授权 and hide the field again after a withdrawal', async () => {
    const page = await env.page();
    const login = await env.signIn(page, 'a-student-new');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/profile/index`);
    await shown(page).locator('#profile-id-consent-needed').waitFor();
    expect(await shown(page).locator('#profile-id-number').count()).toBe(0);
    await look(env, page, 'profile-id-consent-needed');
    await shown(page).locator('#profile-id-consent-open').click();
    const sheet = shown(page).locator('#consent-sheet');
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('离校未就业登记与1311帮扶');
    await look(env, page, 'profile-consent-sheet');
    await shown(page).locator('#consent-sheet-agree').click();
    await shown(page).locator('#profile-id-number').waitFor();
    await look(env, page, 'profile-id-field');

    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    await shown(page).locator('#consent-support').waitFor();
    expect(await shown(page).locator('#consent-support-status').innerText()).toBe('已同意');
    // A student is not asked about the recruiter's real-name check.
    expect(await shown(page).locator('#consent-real-name').count()).toBe(0);
    await look(env, page, 'student-consents');
    await shown(page).locator('#consent-support-withdraw').click();
    await page.locator('.taro__modal .taro-model__confirm', { hasText: '撤回' }).click();
    await shown(page).locator('#consent-support-give').waitFor();
    await page.locator('.taro__modal').waitFor({ state: 'hidden' });
    const consents = await env.api<Array<{ purpose: string; status: string }>>('GET', '/api/me/consents', undefined, login.accessToken);
    expect(consents.find(c => c.purpose === 'support')?.status).toBe('withdrawn');

    await page.goto(`${env.baseUrl}/#/packages/account/pages/profile/index`);
    await shown(page).locator('#profile-id-consent-needed').waitFor();
    expect(await shown(page).locator('#profile-id-number').count()).toBe(0);
  });

  it('should list the real-name consent to a recruiter in 隐私与授权, and not the students\' ones', async () => {
    const page = await env.page();
    await env.signIn(page, 'c-recruiter');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    await shown(page).locator('#consent-real-name').waitFor();
    expect(await shown(page).locator('#consent-subsidy').count()).toBe(0);
    await shown(page).locator('#consent-real-name').scrollIntoViewIfNeeded();
    await look(env, page, 'recruiter-consents');
  });

  it('should show a student that staff saw the full phone of their complaint, in 个人信息查看记录', async () => {
    const student = await env.devLogin('a-student-new');
    const bureau = await env.devLogin('f-bureau');
    const jobs = await env.api<{ items: Array<{ id: string }> }>('GET', '/api/jobs?limit=1');
    const complaint = await env.api<{ id: string }>(
      'POST',
      '/api/complaints',
      { idempotencyKey: `privacy-e2e-${Date.now()}`, category: 'fake-job', jobId: jobs.items[0].id, description: '面试时被要求先交培训费才能入职，请核实。', phone: '13912345678' },
      student.accessToken,
    );
    await env.api('POST', `/api/staff/complaints/${complaint.id}/phone`, {}, bureau.accessToken);

    const page = await env.page();
    await env.signIn(page, 'a-student-new');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    await shown(page).locator('#privacy-data-views').click();
    const record = shown(page).locator('[id^="data-view-"]').first();
    await record.waitFor();
    const text = await record.innerText();
    expect(text).toContain('大连市人力资源和社会保障局');
    expect(text).toContain('完整手机号');
    expect(text).toContain('回电核实投诉情况');
    await look(env, page, 'data-views');
  });

  it('should download a copy of my data as JSON from 隐私与授权', async () => {
    const page = await env.page();
    const login = await env.signIn(page, 'b-student-dlut');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    await shown(page).locator('#privacy-copy-json').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), shown(page).locator('#privacy-copy-json').click()]);
    expect(download.suggestedFilename()).toBe(`我的数据-${beijingDay(new Date())}.json`);
    const path = await download.path();
    const copy = JSON.parse(readFileSync(path, 'utf8')) as { account: Record<string, unknown>; sections: Array<{ title: string }> };
    const me = await env.api<{ nickname: string }>('GET', '/api/me', undefined, login.accessToken);
    expect(copy.account['昵称']).toBe(me.nickname);
    expect(copy.sections.map(s => s.title)).toContain('单独同意');
  });

  it('should delete the account after showing what is kept, and leave the user signed out', async () => {
    const page = await env.page();
    const login = await env.signIn(page, 'c2-recruiter-new');
    await page.goto(`${env.baseUrl}/#/packages/account/pages/privacy/index`);
    await shown(page).locator('#privacy-delete-account').click();
    await shown(page).locator('.deletion-kept').first().waitFor();
    expect(await shown(page).innerText()).toContain('保留期限');
    await look(env, page, 'deletion');
    expect(await shown(page).locator('#deletion-submit').getAttribute('disabled')).not.toBeNull();
    await shown(page).locator('#deletion-confirm input').fill('注销');
    await shown(page).locator('#deletion-submit').click();
    await shown(page).locator('#mine-login').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ll.v1.session'))).toBeNull();
    await expect(env.api('GET', '/api/me', undefined, login.accessToken)).rejects.toThrow(/TOKEN_REVOKED/);
  });
});

