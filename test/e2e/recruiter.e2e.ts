import type { Applicant, RecruiterJob } from '../../server/src/contract/job';
import type { Page as ApiPage } from '../../server/src/contract/common';
import { usccCheckChar } from '../../server/src/contract/uscc';
import { eventually, startE2E, type E2EEnv } from './support/harness';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(240_000);

const DESKTOP = { width: 1280, height: 900 };

describe('a recruiter works in the h5 pages, a student applies and sees 面试', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
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
    await rPage.fill(`#applicant-note-${id} input`, '周三上午10点，软件园A座面试');
    await rPage.click(`#applicant-move-interview-${id}`);
    await rPage.locator(`#applicant-${id}`, { hasText: '面试' }).locator('text=周三上午10点').waitFor();
    await env.screenshot(rPage, 'recruiter-applicants-interview');

    // The student sees the step with the note.
    await sPage.goto(`${env.baseUrl}/#/packages/job/pages/applications/index`);
    const card = sPage.locator(`#application-${id}`);
    await card.getByText('周三上午10点，软件园A座面试').waitFor();
    await card.locator('.my-app__step--done', { hasText: '面试' }).waitFor();
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

    const [chooser] = await Promise.all([rPage.waitForEvent('filechooser'), rPage.click('#enterprise-licence')]);
    await chooser.setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: PNG });
    await rPage.locator('.enterprise__note', { hasText: '营业执照已上传' }).waitFor();
    await env.screenshot(rPage, 'recruiter-enterprise-pending');

    const staff = await env.page(DESKTOP);
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/job/pages/staff-enterprises/index`);
    const card = staff.locator('.ll-card', { hasText: name });
    await card.locator(`text=${uscc}`).waitFor();
    await card.locator('text=查看营业执照').click();
    await card.locator('[id^=licence-] img').waitFor();
    await card.locator('[id^=enterprise-verify-]').click();
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
});
