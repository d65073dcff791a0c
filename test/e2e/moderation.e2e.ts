import type { Page } from 'playwright-core';
import type { ComplaintView } from '../../server/src/contract/complaint';
import type { MediaCheckView } from '../../server/src/contract/moderation';
import { seriousViolations } from './support/axe';
import { startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(180_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function shown(page: Page) {
  return page.locator('.taro_page_show').last();
}

/** A student files a complaint with one evidence image; WeChat is not configured here, so it waits unchecked. */
async function complaintWithEvidence(env: E2EEnv, key: string, description: string): Promise<ComplaintView> {
  const student = await env.devLogin('b-student-dlut');
  const complaint = await env.api<ComplaintView>(
    'POST',
    '/api/complaints',
    { idempotencyKey: `media-queue-e2e-${key}`, category: 'fake-job', partyName: '某培训机构', district: '210211', description, phone: '13912345678' },
    student.accessToken,
  );
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'evidence.png');
  const res = await fetch(`${env.baseUrl}/api/complaints/${complaint.id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${student.accessToken}` }, body: form });
  expect(res.status).toBe(200);
  return (await res.json()) as ComplaintView;
}

describe('the staff media queue in the h5 build (390×844)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should list an unchecked evidence image for the bureau, show it, clear one and hide another after confirming', async () => {
    await complaintWithEvidence(env, 'fee', '对方收取三千元培训费后不安排上岗，要求退款无果。');
    await complaintWithEvidence(env, 'loan', '招聘时承诺的岗位与实际不符，入职后被要求贷款培训。');
    const bureau = await env.devLogin('f-bureau');
    const waiting = await env.api<MediaCheckView[]>('GET', '/api/moderation/media?filter=waiting', undefined, bureau.accessToken);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const [first, second] = waiting;

    const page = await env.page();
    await env.signIn(page, 'f-bureau');
    await page.goto(`${env.baseUrl}/#/pages/mine/index`);
    await page.locator('#mine-media-review').click();
    await page.waitForURL(/moderation\/pages\/staff-media/);
    const card = page.locator(`#media-${first.id}`);
    await card.waitFor();
    expect(await card.innerText()).toContain('投诉证据');
    expect(await card.innerText()).toContain('未经微信检测');
    await page.locator(`#media-open-${first.id}`).click();
    await page.locator(`#media-image-${first.id}`).waitFor();
    await env.screenshot(page, 'media-queue');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await shown(page).innerText()).not.toMatch(/[A-Za-z]{5,}/);

    await page.locator(`#media-pass-${first.id}`).click();
    await page.locator(`#media-${first.id}`).getByText('已通过').waitFor();
    expect(await page.locator(`#media-pass-${first.id}`).count()).toBe(0);

    await page.locator(`#media-hide-${second.id}`).click();
    const sheet = page.locator('.taro__modal');
    await sheet.locator('.taro-model__cancel', { hasText: '取消' }).waitFor();
    expect(await sheet.innerText()).toContain('隐藏后只有上传者能看到');
    expect(await seriousViolations(page)).toEqual([]);
    await env.screenshot(page, 'media-hide-confirm');
    await sheet.locator('.taro-model__confirm', { hasText: '隐藏' }).click();
    await page.locator(`#media-${second.id}`).getByText('已被工作人员隐藏').waitFor();

    await page.locator('#media-tab-decided').click();
    await page.locator(`#media-${first.id}`).waitFor();
    await page.locator(`#media-${second.id}`).waitFor();
    await env.screenshot(page, 'media-decided');
    expect(await seriousViolations(page)).toEqual([]);
    const decided = await env.api<MediaCheckView[]>('GET', '/api/moderation/media?filter=decided', undefined, bureau.accessToken);
    expect(decided.find(m => m.id === first.id)).toMatchObject({ status: 'pass', decidedBy: 'staff' });
    expect(decided.find(m => m.id === second.id)).toMatchObject({ status: 'hidden', decidedBy: 'staff' });
    await page.close();
  });
});
