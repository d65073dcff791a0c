import type { Page as ListPage } from '../../server/src/contract/common';
import type { InboxPage, PushStats } from '../../server/src/contract/notice';
import type { ContentSummary, StaffContent } from '../../server/src/contract/policy';
import { pdf as pdfFile } from '../server/support/files';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

// A word no demo entry uses, so that a two-character search finds exactly this policy.
const TITLE = '鲲鹏计划青年人才公寓补贴';
const SUMMARY = '在连就业的高校毕业生可申请鲲鹏计划青年人才公寓，租金按市场价五折收取。';
const BODY = '申请条件：毕业五年内、在大连缴纳社保。\n\n办理方式：登录留连来连小程序提交申请。';
// A real PDF: uploads are parsed as PDFs.
const PDF = pdfFile('implementing rules of the Kunpeng plan');
const ATTACHMENT = '鲲鹏计划实施细则（2026年版）';
const REASON = '申报期已结束，待新政策出台后重新发布';

describe('a published policy reaches students through the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should let bureau staff write and publish a policy that a student finds by search, favourites and sees in the inbox', async () => {
    const staff = await env.page({ width: 1280, height: 800 });
    const bureau = await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/policy/pages/staff-edit/index?kind=policy`);
    // signIn wrote the session after the app had started: reload so that the app reads it.
    await staff.reload();

    // Bad input is refused before anything is written.
    await staff.fill('#content-title input', '鲲');
    await staff.click('#content-save');
    await staff.locator('#content-error').getByText('标题需 2–60 个字').waitFor();

    await staff.fill('#content-title input', TITLE);
    await staff.fill('#content-summary textarea', SUMMARY);
    await staff.fill('#content-body textarea', BODY);
    await staff.click('#content-action');
    await staff.click('#content-action-option-6');
    await staff.fill('#content-issuer input', '大连市人力资源和社会保障局');
    await staff.fill('#content-tagsText input', '人才公寓 补贴');
    await staff.fill('#content-effectiveFrom input', '2026-07-01');
    await staff.fill('#content-graduationYearsText input', '2025 2026 2027');
    await staff.click('#content-save');
    await staff.waitForURL(/edit\/index\?id=/);

    const [draft] = await eventually(
      () => env.api<ListPage<StaffContent>>('GET', '/api/staff/contents?status=draft', undefined, bureau.accessToken),
      page => page.items.some(c => c.title === TITLE),
    ).then(page => page.items.filter(c => c.title === TITLE));
    expect(draft).toMatchObject({ kind: 'policy', action: 6, tags: ['人才公寓', '补贴'], audience: { graduationYears: [2025, 2026, 2027] } });
    expect(draft.body).toBe('<p>申请条件：毕业五年内、在大连缴纳社保。</p><p>办理方式：登录留连来连小程序提交申请。</p>');

    // A PDF attached to the draft: uploaded at once, renamed in the editor (saved with the next step).
    const chooser = staff.waitForEvent('filechooser');
    await staff.click('#content-attachment-add:visible');
    await (await chooser).setFiles({ name: '鲲鹏计划实施细则.pdf', mimeType: 'application/pdf', buffer: PDF });
    const attachmentName = staff.locator('#content-attachment-0:visible input');
    await attachmentName.waitFor();
    expect(await attachmentName.inputValue()).toBe('鲲鹏计划实施细则');
    await staff.locator('#content-attachment-0:visible').getByText('PDF · 1 KB · 查看').waitFor();
    await attachmentName.fill(ATTACHMENT);

    await staff.click('#content-submit');
    await staff.locator('.content-edit__state').getByText('待发布').waitFor();
    const submitted = await env.api<StaffContent>('GET', `/api/staff/contents/${draft.id}`, undefined, bureau.accessToken);
    expect(submitted.attachments).toEqual([expect.objectContaining({ name: ATTACHMENT, type: 'pdf', size: PDF.length })]);
    // Before publication the file is the staff's only.
    expect((await fetch(`${env.baseUrl}${submitted.attachments[0].url}`)).status).toBe(404);
    await staff.click('#content-publish');
    await staff.click('.taro-model__confirm');
    await staff.locator('.content-edit__state').getByText('已发布').waitFor();
    await staff.locator('.content-edit__version').first().waitFor();
    await env.screenshot(staff, 'policy-published');

    await staff.goto(`${env.baseUrl}/#/packages/policy/pages/staff-list/index`);
    await staff.click('#content-status-published');
    await staff.locator(`#staff-content-${draft.id}`).getByText('已发布').waitFor();

    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/pages/home/index`);
    await student.reload();
    await student.click('#home-search');
    await student.fill('#policy-search-input input', '鲲鹏');
    await student.click('#policy-search-submit');
    const card = student.locator(`#policy-search-results #content-${draft.id}`);
    await card.waitFor();
    await expect(card.locator('.ll-highlight').first().textContent()).resolves.toBe('鲲鹏');
    const found = await env.api<ContentSummary[]>('GET', `/api/contents/search?q=${encodeURIComponent('鲲鹏')}`);
    expect(found[0]).toMatchObject({ id: draft.id, highlight: expect.stringContaining('【鲲鹏】') });
    await env.screenshot(student, 'policy-search');

    await card.click();
    await student.locator('#content-title:visible').getByText(TITLE).waitFor();

    // The attachment is listed on the detail page and opens the PDF (h5: a new tab on the file).
    const attachment = student.locator('#content-attachment-0:visible');
    await attachment.getByText(ATTACHMENT).waitFor();
    await attachment.getByText('PDF · 1 KB ›').waitFor();
    await env.screenshot(student, 'policy-attachment');
    // Headless Chromium downloads a PDF instead of showing it: note where the tab would go.
    await student.evaluate(() => {
      const opened: string[] = [];
      (window as unknown as { opened: string[] }).opened = opened;
      window.open = (url?: string | URL) => {
        opened.push(String(url));
        return null;
      };
    });
    await attachment.click();
    await expect(student.evaluate(() => (window as unknown as { opened: string[] }).opened)).resolves.toEqual([submitted.attachments[0].url]);
    const file = await fetch(`${env.baseUrl}${submitted.attachments[0].url}`);
    expect([file.status, file.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    await student.click('#content-favourite');
    await student.locator('#content-favourite').getByText('已收藏').waitFor();
    await student.goto(`${env.baseUrl}/#/packages/policy/pages/favourites/index`);
    // Pages left behind stay in the DOM (hidden) in the h5 build: look at the visible one.
    await student.locator(`#content-${draft.id}:visible`).waitFor();

    // The inbox: one notice per publication reaches the student; opening it marks it read.
    const inbox = await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken),
      page => page.items.some(item => item.contentId === draft.id),
      60_000,
    );
    expect(inbox.items.filter(item => item.contentId === draft.id)).toHaveLength(1);
    await student.goto(`${env.baseUrl}/#/pages/mine/index`);
    await student.locator('#mine-inbox .mine-menu__badge').waitFor();
    await student.click('#mine-inbox');
    const notice = student.locator(`#inbox-${draft.id}`);
    await notice.locator('.notice-inbox__dot').waitFor();
    // Let the page transition finish so that the screenshot shows the inbox, not the page below.
    await student.waitForTimeout(500);
    await env.screenshot(student, 'policy-inbox');
    await notice.click();
    await student.locator('#content-title:visible').getByText(TITLE).waitFor();
    await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken),
      page => page.items.some(item => item.contentId === draft.id && Boolean(item.readAt)),
    );

    // A WeChat notice card opens the detail page with its inbox item (`n`): that reads the item too.
    const unreadSeeded = inbox.items.find(item => item.contentId && item.contentId !== draft.id && !item.readAt);
    expect(unreadSeeded).toBeDefined();
    await student.goto(`${env.baseUrl}/#/packages/policy/pages/detail/index?id=${unreadSeeded?.contentId}&n=${unreadSeeded?.id}`);
    await student.locator('#content-title:visible').getByText(unreadSeeded?.title ?? '').waitFor();
    await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox', undefined, login.accessToken),
      page => page.items.some(item => item.id === unreadSeeded?.id && Boolean(item.readAt)),
    );

    // Staff see the push: audience, sends (off in the demo: inbox only) and the read.
    await staff.goto(`${env.baseUrl}/#/packages/policy/pages/staff-edit/index?id=${draft.id}`);
    await staff.click('#content-pushes:visible');
    const push = staff.locator('.push-stats:visible').first();
    await push.getByText('仅站内消息').waitFor();
    const [stats] = await eventually(
      () => env.api<PushStats[]>('GET', `/api/staff/pushes?contentId=${draft.id}`, undefined, bureau.accessToken),
      list => list.length > 0 && list[0].read > 0,
    );
    expect(stats).toMatchObject({ contentId: draft.id, state: 'off', sent: 0, failed: 0 });
    expect(stats.audience).toBeGreaterThan(0);
    await staff.reload();
    await staff.locator('.push-stats:visible .push-stats__value').first().getByText(String(stats.audience)).waitFor();
    await env.screenshot(staff, 'policy-push-stats');

    // Someone else takes it down and republishes meanwhile: the page shows the server's Chinese
    // message, not a crash, and then shows their state.
    await staff.goto(`${env.baseUrl}/#/packages/policy/pages/staff-edit/index?id=${draft.id}`);
    await staff.reload();
    await staff.locator('.content-edit__state:visible').getByText('已发布').waitFor();
    const published = await env.api<StaffContent>('GET', `/api/staff/contents/${draft.id}`, undefined, bureau.accessToken);
    const away = await env.api<StaffContent>('POST', `/api/staff/contents/${draft.id}/transition`, { action: 'unpublish', version: published.version, reason: '核对适用对象' }, bureau.accessToken);
    const back = await env.api<StaffContent>('POST', `/api/staff/contents/${draft.id}/transition`, { action: 'publish', version: away.version }, bureau.accessToken);
    await staff.click('#content-unpublish:visible');
    // Unpublishing asks why; an empty reason is refused in the dialog.
    await staff.locator('#content-reason-modal').waitFor();
    await staff.click('#content-reason-confirm');
    await staff.locator('.reason-modal__error').getByText('请填写原因').waitFor();
    await staff.fill('#content-reason textarea', REASON);
    await staff.click('#content-reason-confirm');
    await staff.locator('#content-error:visible').getByText('内容已被他人修改，请刷新后重试').waitFor();
    await staff.locator('.content-edit__state:visible').getByText(`版本 ${back.version}`).waitFor();

    // Now for real: the reason is kept on the entry (下架原因) and in the audit record.
    await staff.click('#content-unpublish:visible');
    await staff.fill('#content-reason textarea', REASON);
    await env.screenshot(staff, 'policy-unpublish-reason');
    await staff.click('#content-reason-confirm');
    await staff.locator('.content-edit__state:visible').getByText('已下线').waitFor();
    await staff.locator('#content-status-reason:visible').getByText(`下架原因：${REASON}`).waitFor();
    const down = await env.api<StaffContent>('GET', `/api/staff/contents/${draft.id}`, undefined, bureau.accessToken);
    expect(down).toMatchObject({ status: 'unpublished', statusReason: REASON });
    expect((await fetch(`${env.baseUrl}${submitted.attachments[0].url}`)).status).toBe(404);
    await staff.goto(`${env.baseUrl}/#/packages/policy/pages/staff-list/index`);
    await staff.click('#content-status-unpublished:visible');
    await staff.locator(`#staff-content-${draft.id}:visible`).getByText(`下架原因：${REASON}`).waitFor();
    await env.screenshot(staff, 'policy-unpublished-list');
  });
});
