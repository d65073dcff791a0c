import mongoose from 'mongoose';
import type { AbnormalEntry, Applicant, JobSummary, RealNameStatus, RecruiterJob } from '../../server/src/contract/job';
import type { Page as ApiPage } from '../../server/src/contract/common';
import { usccCheckChar } from '../../server/src/contract/uscc';
import { seriousViolations } from './support/axe';
import { eventually, startE2E, type E2EEnv } from './support/harness';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(240_000);

const DESKTOP = { width: 1280, height: 900 };

describe('a recruiter works in the h5 pages, a student applies and sees 面试', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    // The reminder sources (real-name lapses among them) are checked every second instead of every minute.
    env = await startE2E({ env: { NOTICE_REMINDER_CHECK_MS: '1000' } });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should take a job from the recruiter\'s editor through the feed and the applicants page to the student\'s 面试 step', async () => {
    const title = `小程序前端开发${Date.now() % 100000}`;

    // The recruiter posts the job through the editor; the server's refusal names the phrase first.
    const rPage = await env.page(DESKTOP);
    const recruiter = await env.signIn(rPage, 'c-recruiter');
    await rPage.goto(`${env.baseUrl}/#/packages/recruiter/pages/job-edit/index`);
    await rPage.click('#job-form-kind');
    await rPage.click('#job-form-kind-option-fulltime');
    await rPage.fill('#job-form-title input', title);
    await rPage.fill('#job-form-duties textarea', '负责政务服务小程序前端开发。');
    await rPage.fill('#job-form-requirements textarea', '计算机相关专业本科。');
    await rPage.fill('#job-form-description textarea', '负责政务服务小程序前端开发，仅限男性，五险一金。');
    await rPage.fill('#job-form-salary-min input', '8000');
    await rPage.fill('#job-form-salary-max input', '12000');
    await rPage.click('#job-form-education');
    await rPage.click('#job-form-education-option-bachelor');
    await rPage.fill('#job-form-majors input', '软件工程，计算机科学与技术');
    await rPage.fill('#job-form-headcount input', '2');
    await rPage.click('#job-form-district');
    await rPage.click('#job-form-district-option-hitech');
    await rPage.fill('#job-form-address input', '高新区黄浦路软件园');
    await rPage.fill('#job-form-tags input', '五险一金，双休');
    await rPage.click('#job-form-submit');
    await rPage.locator('#job-form-refusal', { hasText: '“仅限男性”' }).waitFor();
    await env.screenshot(rPage, 'recruiter-job-refused');

    await rPage.fill('#job-form-description textarea', '负责政务服务小程序前端开发，男女不限，五险一金。');
    await rPage.click('#job-form-submit');
    // Published, the editor goes back to 我的; opening 岗位管理 while that navigation runs left 我的 on screen
    // under the 岗位管理 title (seen on a clean-clone CI run), so wait for 我的 first.
    await rPage.locator('.taro_page_show', { hasText: '隐私与授权' }).waitFor();
    const mine = await eventually(
      () => env.api<ApiPage<RecruiterJob>>('GET', '/api/recruiter/jobs', undefined, recruiter.accessToken),
      page => page.items.some(j => j.title === title),
    );
    const job = mine.items.find(j => j.title === title)!;
    expect(job).toMatchObject({ status: 'published', salaryMin: 8000, majors: ['软件工程', '计算机科学与技术'], tags: ['五险一金', '双休'] });
    await rPage.goto(`${env.baseUrl}/#/packages/recruiter/pages/jobs/index`);
    await rPage.locator(`#rjob-${job.id}`, { hasText: '招聘中' }).waitFor();

    // The student finds it in the feed and applies.
    const sPage = await env.page();
    await env.signIn(sPage, 'b-student-dlut');
    await sPage.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await sPage.fill('#job-search input', title);
    await sPage.press('#job-search input', 'Enter');
    await sPage.locator(`.jobs #job-${job.id}`).click();
    await sPage.locator('#job-title', { hasText: title }).waitFor();
    await sPage.click('#job-apply');
    await sPage.locator('#job-my-applications').waitFor();

    // The recruiter opens the applicants page from the job list and moves the application on.
    await rPage.reload();
    await rPage.click(`#rjob-applicants-${job.id}`);
    const applicants = await env.api<ApiPage<Applicant>>('GET', `/api/recruiter/jobs/${job.id}/applications`, undefined, recruiter.accessToken);
    expect(applicants.items).toHaveLength(1);
    const id = applicants.items[0].id;
    await rPage.click(`#applicant-move-viewed-${id}`);
    await rPage.locator(`#applicant-move-interview-${id}`).waitFor();
    // 邀请面试 opens the invitation on a phone-sized screen: nothing is sent until it says when, where and whom to call.
    await rPage.setViewportSize({ width: 390, height: 844 });
    await rPage.click(`#applicant-move-interview-${id}`);
    const form = rPage.locator(`#interview-form-${id}`);
    await form.waitFor();
    await rPage.click(`#interview-send-${id}`);
    await form.getByText('请填写面试地点').waitFor();
    await env.screenshot(rPage, 'recruiter-interview-form-incomplete');
    await rPage.click(`#interview-mode-online-${id}`);
    await rPage.fill(`#interview-location-${id} input`, '腾讯会议 123 456 789');
    await rPage.fill(`#interview-contact-${id} input`, '人事部 李老师');
    await rPage.fill(`#interview-phone-${id} input`, '0411-84751234');
    await rPage.fill(`#interview-message-${id} textarea`, '请提前 5 分钟进入会议，准备一段作品演示');
    await rPage.click(`#interview-time-${id}`);
    await rPage.click(`[id="interview-time-${id}-option-14:30"]`);
    expect(await seriousViolations(rPage)).toEqual([]);
    await env.screenshot(rPage, 'recruiter-interview-form');
    await rPage.click(`#interview-send-${id}`);
    // The confirmation repeats what the candidate will read.
    const dialog = rPage.locator('.taro__modal', { hasText: '将向' });
    await dialog.getByText(/14:30（北京时间）；方式：线上面试；会议链接：腾讯会议 123 456 789/).waitFor();
    expect(await seriousViolations(rPage)).toEqual([]);
    await env.screenshot(rPage, 'recruiter-interview-confirm');
    await dialog.locator('.taro-model__confirm').click();
    const sent = rPage.locator(`#applicant-interview-${id}`);
    await sent.getByText('会议链接：腾讯会议 123 456 789').waitFor();
    await env.screenshot(rPage, 'recruiter-applicants-interview');

    // The student sees the invitation in 我的投递: time in Beijing, the link, whom to call, the message.
    await sPage.goto(`${env.baseUrl}/#/packages/job/pages/applications/index`);
    const card = sPage.locator(`#application-${id}`);
    await card.locator('.my-app__step--done', { hasText: '面试' }).waitFor();
    const invitation = sPage.locator(`#application-interview-${id}`);
    await invitation.getByText(/14:30（北京时间）/).waitFor();
    await invitation.getByText('腾讯会议 123 456 789').waitFor();
    await invitation.getByText('人事部 李老师 0411-84751234').waitFor();
    await invitation.getByText('请提前 5 分钟进入会议，准备一段作品演示').waitFor();
    expect(await seriousViolations(sPage)).toEqual([]);
    await env.screenshot(sPage, 'student-sees-interview');
  });

  it('should let a student register for a fair, show the QR check-in code, and staff check them in once', async () => {
    const bureau = await env.devLogin('f-bureau');
    const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const fair = await env.api<{ id: string }>(
      'POST',
      '/api/fairs',
      { kind: 'special', title: '软件和信息技术专场招聘会', description: '', startAt: inHours(1), endAt: inHours(6), venue: '高新区软件园会议中心', boothCapacity: 20 },
      bureau.accessToken,
    );

    const sPage = await env.page();
    const student = await env.signIn(sPage, 'a-student-new');
    // signIn wrote the session after the app had started: reload so that the app reads it.
    await sPage.reload();
    await sPage.goto(`${env.baseUrl}/#/packages/job/pages/fairs/index`);
    await sPage.click(`#fair-${fair.id}`);
    await sPage.locator('#fair-title', { hasText: '软件和信息技术专场招聘会' }).waitFor();
    await sPage.click('#fair-register');
    await sPage.click('#fair-my-ticket');
    await sPage.click(`#my-fair-ticket-${fair.id}`);
    const qr = sPage.locator(`#my-fair-qr-${fair.id} img`);
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    await env.screenshot(sPage, 'student-fair-qr');

    // The scanner reads what the QR holds; in h5 the organiser pastes it. Asking again voids the shown code.
    const ticket = await env.api<{ token: string }>('POST', `/api/fairs/${fair.id}/ticket`, {}, student.accessToken);
    const staff = await env.page(DESKTOP);
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-fair-checkin/index?id=${fair.id}`);
    await staff.fill('#checkin-code input', ticket.token);
    await staff.click('#checkin-submit');
    await staff.locator('.sr-ok', { hasText: '签到成功' }).waitFor();
    await staff.fill('#checkin-code input', ticket.token);
    await staff.click('#checkin-submit');
    await staff.locator('.sr-error', { hasText: '已使用' }).waitFor();
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-fair-detail/index?id=${fair.id}`);
    await staff.locator('[id^=registrant-]', { hasText: '已签到' }).waitFor();
    await env.screenshot(staff, 'staff-fair-checked-in');

    await sPage.reload();
    await sPage.locator(`#my-fair-${fair.id}`, { hasText: '已于' }).waitFor();
  });

  it('should let bureau staff add a "15+N" chain on the reference page that recruiters can then pick', async () => {
    const staff = await env.page(DESKTOP);
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-reference/index`);
    await staff.locator('#reference-tab-chain').waitFor();
    await staff.fill('#reference-new input', '低空经济');
    await staff.click('#reference-add');
    await staff.locator('.sr-row', { hasText: '低空经济' }).waitFor();
    const lists = await env.api<{ chain: Array<{ value: string }> }>('GET', '/api/reference');
    expect(lists.chain.map(c => c.value)).toContain('低空经济');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-enterprises/index`);
    await staff.click('#enterprise-tab-verified');
    await staff.locator('.ll-card', { hasText: '示例' }).first().waitFor();
    await env.screenshot(staff, 'staff-enterprises-verified');
  });

  it('should let a new recruiter register an enterprise with its licence, bureau staff verify it, and the recruiter then manage jobs', async () => {
    const name = `大连海湾数字科技有限公司${Date.now() % 10000}`;
    const first17 = `91210200MA0${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    const uscc = `${first17}${usccCheckChar(first17)}`;

    const rPage = await env.page(DESKTOP);
    await env.signIn(rPage, 'c2-recruiter-new');
    await rPage.goto(`${env.baseUrl}/#/packages/recruiter/pages/enterprise/index`);
    await rPage.fill('#enterprise-name input', name);
    // A wrong check character is caught before anything is sent.
    await rPage.fill('#enterprise-uscc input', `${first17}${usccCheckChar(first17) === 'A' ? 'B' : 'A'}`);
    await rPage.click('#enterprise-submit');
    await rPage.locator('.ll-field', { hasText: '统一社会信用代码' }).locator('text=校验位').waitFor();
    await rPage.fill('#enterprise-uscc input', uscc);
    await rPage.click('#enterprise-district');
    await rPage.click('[id="enterprise-district-option-210211"]');
    await rPage.click('#enterprise-industry');
    await rPage.click('[id="enterprise-industry-option-0"]');
    await rPage.click('#enterprise-size');
    await rPage.click('[id="enterprise-size-option-20-99人"]');
    await rPage.click('#enterprise-ownership');
    await rPage.click('[id="enterprise-ownership-option-民营企业"]');
    await rPage.click('#enterprise-chain-0');
    await rPage.click('#enterprise-submit');
    await rPage.locator('#enterprise-title', { hasText: name }).waitFor();
    await rPage.locator('text=审核通过后即可发布岗位').waitFor();

    // Without a licence the bureau cannot approve: the page says so and the server would refuse it.
    const staff = await env.page();
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-enterprises/index`);
    const card = staff.locator('.ll-card', { hasText: name });
    await card.locator(`text=${uscc}`).waitFor();
    await card.locator('[id^=enterprise-no-licence-]', { hasText: '未上传营业执照，不能通过审核' }).waitFor();
    expect(['', 'true']).toContain(await card.locator('[id^=enterprise-verify-]').getAttribute('disabled'));
    await env.screenshot(staff, 'staff-enterprise-no-licence');

    const [chooser] = await Promise.all([rPage.waitForEvent('filechooser'), rPage.click('#enterprise-licence')]);
    await chooser.setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: PNG });
    await rPage.locator('.enterprise__note', { hasText: '营业执照已上传' }).waitFor();
    await env.screenshot(rPage, 'recruiter-enterprise-pending');

    await staff.reload();
    await card.locator('text=查看营业执照').click();
    await card.locator('[id^=licence-] img').waitFor();
    await card.locator('[id^=enterprise-verify-]').click();
    // One tap asks first, saying what approval does.
    const dialog = staff.locator('.taro__modal', { hasText: '成为认证企业' });
    await dialog.getByText(uscc, { exact: false }).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await env.screenshot(staff, 'staff-enterprise-confirm');
    await dialog.locator('.taro-model__confirm').click();
    await card.locator('text=已通过').waitFor();
    await env.screenshot(staff, 'staff-enterprise-verified');

    await rPage.reload();
    await rPage.locator('#enterprise-title', { hasText: name }).waitFor();
    await rPage.click('#enterprise-jobs');
    await rPage.locator('#recruiter-new-job').waitFor();
    const recruiter = await env.devLogin('c2-recruiter-new');
    const mine = await env.api<{ uscc: string; status: string; hasLicence: boolean }>('GET', '/api/recruiter/enterprise', undefined, recruiter.accessToken);
    expect(mine).toMatchObject({ uscc, status: 'verified', hasLicence: true });
  });

  it('should refuse 高薪 and a missing base pay on the job form, naming each under its field', async () => {
    const rPage = await env.page();
    await env.signIn(rPage, 'c-recruiter');
    await rPage.goto(`${env.baseUrl}/#/packages/recruiter/pages/job-edit/index`);
    await rPage.click('#job-form-kind');
    await rPage.click('#job-form-kind-option-fulltime');
    await rPage.fill('#job-form-title input', '高薪招聘销售代表');
    await rPage.fill('#job-form-duties textarea', '负责企业软件产品的销售与客户维护。');
    await rPage.fill('#job-form-requirements textarea', '市场营销等相关专业本科。');
    await rPage.click('#job-form-education');
    await rPage.click('#job-form-education-option-bachelor');
    await rPage.fill('#job-form-headcount input', '3');
    await rPage.click('#job-form-district');
    await rPage.click('#job-form-district-option-hitech');
    await rPage.fill('#job-form-address input', '高新区黄浦路软件园');
    await rPage.click('#job-form-submit');
    const titleField = rPage.locator('.ll-field', { has: rPage.locator('#job-form-title') });
    await titleField.locator('.ll-field__error', { hasText: '夸大宣传“高薪”' }).waitFor();
    const payField = rPage.locator('.ll-field', { has: rPage.locator('#job-form-salary-min') });
    await payField.locator('.ll-field__error', { hasText: '请填写月薪下限' }).waitFor();
    await rPage.locator('#job-form-refusal', { hasText: '请填写月薪上限' }).waitFor();
    await env.screenshot(rPage, 'recruiter-job-refused-hype-no-pay');
    expect(await seriousViolations(rPage)).toEqual([]);
  });

  it('should hide a lapsed recruiter\'s jobs from the feed, ask them to renew, and show the jobs again once they re-verify on the real-name page', async () => {
    const recruiter = await env.devLogin('c-recruiter');
    const title = `实名过期测试岗位${Date.now() % 100000}`;
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const job = await env.api<RecruiterJob>('POST', '/api/recruiter/jobs', {
      kind: 'fulltime', title, description: '五险一金。', duties: '负责测试工作。', requirements: '计算机相关专业本科。', salaryMin: 6000, salaryMax: 9000,
      education: 'bachelor', majors: [], headcount: 1, district: 'hitech', address: '高新区软件园', deadline, tags: [],
    }, recruiter.accessToken);
    const feedHas = async () => (await env.api<ApiPage<JobSummary>>('GET', `/api/jobs?q=${encodeURIComponent(title)}`)).items.some(j => j.id === job.id);
    expect(await feedHas()).toBe(true);

    // Six months pass: the check lapses, and the worker (every second here) holds the jobs.
    const conn = await mongoose.createConnection(env.databaseUri).asPromise();
    await conn.collection('recruiter_real_names').updateOne({ userId: new mongoose.Types.ObjectId(recruiter.userId) }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    await conn.close();
    await eventually(feedHas, has => !has);

    const sPage = await env.page();
    await sPage.goto(`${env.baseUrl}/#/pages/jobs/index`);
    await sPage.fill('#job-search input', title);
    await sPage.press('#job-search input', 'Enter');
    await sPage.getByText('暂无符合条件的岗位').waitFor();
    await env.screenshot(sPage, 'feed-without-lapsed-recruiter-jobs');

    // The recruiter's job list says why and leads to the real-name page.
    const rPage = await env.page();
    await env.signIn(rPage, 'c-recruiter');
    await rPage.goto(`${env.baseUrl}/#/packages/recruiter/pages/jobs/index`);
    await rPage.locator('#recruiter-real-name-banner', { hasText: '已过期' }).waitFor();
    await rPage.locator(`#rjob-hidden-${job.id}`, { hasText: '实名认证已过期' }).waitFor();
    await env.screenshot(rPage, 'recruiter-jobs-real-name-lapsed');
    expect(await seriousViolations(rPage)).toEqual([]);
    await rPage.click('#recruiter-real-name-renew');
    await rPage.locator('#real-name-summary', { hasText: '岗位已暂停向求职者展示' }).waitFor();
    await env.screenshot(rPage, 'recruiter-real-name-lapsed');
    expect(await seriousViolations(rPage)).toEqual([]);

    // The ID fields show only after the separate real-name consent, given on its sheet.
    expect(await rPage.locator('#real-name-id').count()).toBe(0);
    await rPage.click('#real-name-consent-open');
    await rPage.locator('#consent-sheet', { hasText: '招聘者实名认证' }).waitFor();
    await env.screenshot(rPage, 'recruiter-real-name-consent');
    expect(await seriousViolations(rPage)).toEqual([]);
    await rPage.click('#consent-sheet-agree');
    await rPage.locator('#real-name-id').waitFor();

    // Another person's ID is refused; the same person renews and the jobs are back at once.
    await rPage.fill('#real-name-name input', '张示例');
    await rPage.fill('#real-name-id input', '210202199001011231');
    await rPage.click('#real-name-submit');
    await rPage.locator('.ll-field__error', { hasText: '校验位' }).waitFor();
    await rPage.fill('#real-name-id input', '210202199001011232');
    await rPage.click('#real-name-submit');
    await rPage.locator('#real-name-restored').waitFor();
    await rPage.locator('#real-name-status', { hasText: '有效' }).waitFor();
    await env.screenshot(rPage, 'recruiter-real-name-renewed');
    expect(await seriousViolations(rPage)).toEqual([]);
    const renewed = await env.api<RealNameStatus>('GET', '/api/recruiter/enterprise/real-name', undefined, recruiter.accessToken);
    expect(renewed).toMatchObject({ state: 'current', name: '张**' });
    expect(await feedHas()).toBe(true);
    await sPage.reload();
    await sPage.fill('#job-search input', title);
    await sPage.press('#job-search input', 'Enter');
    await sPage.locator(`.jobs #job-${job.id}`).waitFor();
  });

  it('should let bureau staff list an enterprise on the 异常名录 with reason and evidence, take it off again, and keep the minimum wage per area', async () => {
    const first17 = `91210200MA1${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    const uscc = `${first17}${usccCheckChar(first17)}`;
    const staff = await env.page();
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-abnormal-list/index`);
    await staff.fill('#abnormal-subject input', `${first17}${usccCheckChar(first17) === 'A' ? 'B' : 'A'}`);
    await staff.fill('#abnormal-name input', '大连某虚假招聘有限公司');
    await staff.click('#abnormal-submit');
    await staff.locator('.ll-field', { has: staff.locator('#abnormal-subject') }).locator('.ll-field__error', { hasText: '校验位' }).waitFor();
    await staff.locator('.ll-field', { has: staff.locator('#abnormal-reason') }).locator('.ll-field__error', { hasText: '请写明列入原因' }).waitFor();
    await staff.fill('#abnormal-subject input', uscc);
    await staff.fill('#abnormal-reason textarea', '发布虚假招聘信息，经核实');
    await staff.fill('#abnormal-evidence textarea', '大人社监罚〔2026〕12号');
    await staff.click('#abnormal-submit');
    // The confirmation says what listing does before anything is sent.
    const sheet = staff.locator('.taro__modal', { hasText: '岗位将下线' });
    await sheet.locator('.taro-model__confirm').click();
    const row = staff.locator('[id^=abnormal-]', { hasText: uscc }).filter({ hasText: '大人社监罚〔2026〕12号' });
    await row.waitFor();
    await env.screenshot(staff, 'staff-abnormal-list');
    expect(await seriousViolations(staff)).toEqual([]);
    const bureau = await env.devLogin('f-bureau');
    const listed = (await env.api<ApiPage<AbnormalEntry>>('GET', '/api/staff/abnormal-list', undefined, bureau.accessToken)).items.find(e => e.subject === uscc)!;
    await staff.fill(`#abnormal-remove-reason-${listed.id} input`, '复核后撤销');
    await staff.click(`#abnormal-remove-${listed.id}`);
    await staff.locator(`#abnormal-${listed.id}`).waitFor({ state: 'detached' });
    const after = await env.api<ApiPage<AbnormalEntry>>('GET', '/api/staff/abnormal-list', undefined, bureau.accessToken);
    expect(after.items.some(e => e.subject === uscc)).toBe(false);

    // The minimum wage: the figure in force per area, a new standard with a tier, and the history.
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-minimum-wages/index`);
    await staff.locator('#wage-current', { hasText: '2,100 元/月' }).waitFor();
    await staff.fill('#wage-amount input', '2100');
    await staff.fill('#wage-effective input', '2025-01-02');
    await staff.fill('#wage-source input', '示例：分档标准（演示）');
    await staff.fill('[id="wage-area-210283"] input', '1900');
    await staff.click('#wage-save');
    await staff.locator('#wage-history #wage-2025-01-02', { hasText: '庄河市 1900元' }).waitFor();
    await staff.locator('#wage-current', { hasText: '（单列）' }).waitFor();
    await env.screenshot(staff, 'staff-minimum-wages');
    expect(await seriousViolations(staff)).toEqual([]);
  });
});
