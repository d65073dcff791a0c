import type { ComplaintStaffView, ComplaintView } from '../../server/src/contract/complaint';
import type { RecruiterJob } from '../../server/src/contract/job';
import { seriousViolations } from './support/axe';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

// A real image: uploads are decoded and encoded afresh.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const REPLY = '经甘井子区劳动保障监察大队核查，该企业已停止收取培训费并退还您的 3000 元，岗位已下架整改。';

describe('a student complains about a job and sees the district’s reply in the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should file with an evidence image, be triaged and answered by 甘井子区 staff, and show the reply in the timeline', async () => {
    // The demo enterprise's jobs are in 高新区, 金普新区 and 庄河; the demo district account is 甘井子区,
    // so the demo recruiter first posts a job located there.
    const recruiter = await env.devLogin('c-recruiter');
    await eventually(
      () => env.api<{ status: string }>('GET', '/api/recruiter/enterprise', undefined, recruiter.accessToken).catch(() => ({ status: 'missing' })),
      e => e.status === 'verified',
      60_000,
    );
    const job = await env.api<RecruiterJob>(
      'POST',
      '/api/recruiter/jobs',
      {
        kind: 'fulltime',
        title: '软件实施工程师（甘井子）',
        description: '负责客户现场的软件部署与培训，有导师带教，试用期三个月。',
        duties: '负责小程序开发与维护。',
        requirements: '计算机相关专业本科及以上。',
        salaryMin: 6000,
        salaryMax: 9000,
        education: 'bachelor',
        majors: ['软件工程'],
        headcount: 2,
        district: '210211',
        address: '甘井子区软件园路',
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        contactPolicy: '通过平台投递简历',
        tags: [],
      },
      recruiter.accessToken,
    );

    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    await student.goto(`${env.baseUrl}/#/packages/complaint/pages/new/index?jobId=${job.id}`);
    await student.locator('#complaint-job-selected').getByText('软件实施工程师（甘井子）').waitFor();
    await student.click('#complaint-category');
    await student.click('#complaint-category-option-fake-job');
    await student.fill('#complaint-description textarea', '面试时对方要求先交 3000 元培训费才能入职，交钱后一直不安排上岗。');
    await student.fill('#complaint-phone input', '13912345678');
    const chooser = student.waitForEvent('filechooser');
    await student.click('#complaint-add-image');
    await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await student.getByText('receipt.png').waitFor();
    // The picked file with its 移除, and 添加图片 / 添加PDF side by side (components/EvidencePicker).
    await student.locator('.taro_page_show .ll-evidence').scrollIntoViewIfNeeded();
    await env.screenshot(student, 'complaint-form-evidence');
    expect(await seriousViolations(student)).toEqual([]);
    await student.click('#complaint-submit');
    await student.getByText('办理进度').waitFor();

    const [filed] = await eventually(
      () => env.api<ComplaintView[]>('GET', '/api/complaints', undefined, login.accessToken),
      list => list.some(c => c.job?.id === job.id && c.evidence.length === 1),
    );
    expect(filed).toMatchObject({ status: 'submitted', district: '210211', phone: '139****5678', category: 'fake-job' });

    const staff = await env.page({ width: 1280, height: 800 });
    const staffLogin = await env.signIn(staff, 'e-district');
    await staff.goto(`${env.baseUrl}/#/packages/complaint/pages/staff-queue/index`);
    await staff.click(`#complaint-row-${filed.id}`);
    await staff.getByText('投诉人：').waitFor();
    await staff.click('#complaint-handler');
    await staff.click(`#complaint-handler-option-${staffLogin.userId}`);
    await staff.click('#complaint-assign');
    await eventually(
      () => env.api<ComplaintStaffView>('GET', `/api/staff/complaints/${filed.id}`, undefined, staffLogin.accessToken),
      c => c.status === 'triaged',
    );
    await staff.locator('#complaint-reply').waitFor();
    await staff.fill('#complaint-text textarea', REPLY);
    await staff.click('#complaint-reply');
    const replied = await eventually(
      () => env.api<ComplaintStaffView>('GET', `/api/staff/complaints/${filed.id}`, undefined, staffLogin.accessToken),
      c => c.status === 'replied',
    );
    expect(replied.handler).toMatchObject({ id: staffLogin.userId, role: 'district', districtCode: '210211' });
    expect(replied.dueAt).toBeUndefined();
    await staff.locator('.complaint-staff__head').getByText('已答复').waitFor();
    await env.screenshot(staff, 'complaint-staff-desktop');

    await student.goto(`${env.baseUrl}/#/packages/complaint/pages/detail/index?id=${filed.id}`);
    await student.locator('#complaint-reply').getByText(REPLY).waitFor();
    await student.getByText('由甘井子区人社局办理').waitFor();
    await env.screenshot(student, 'complaint-replied');

    // Each status change also reached the student's 消息中心; the item opens the complaint.
    await student.goto(`${env.baseUrl}/#/packages/notice/pages/inbox/index`);
    // The inbox page reads the signed-in roles at start: reload so it sees the session written above.
    await student.reload();
    await student.getByText('虚假招聘投诉已受理').waitFor();
    await student.getByText('虚假招聘投诉已答复').click();
    await student.locator('#complaint-reply').getByText(REPLY).waitFor();
    await env.screenshot(student, 'complaint-inbox-opened');
  });
});
