import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { REGISTRY_COLUMNS } from '../../server/src/contract/registry';
import type { InboxPage } from '../../server/src/contract/notice';
import type { Dashboard, YearTargets } from '../../server/src/contract/statistics';
import type { SupportCaseView } from '../../server/src/contract/support';
import { graduateRow, residentId, type Row } from '../server/registry/fixtures';
import { seriousViolations } from './support/axe';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook as a college would fill the template, written with the library the server reads it with. */
async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('毕业生名单');
  sheet.addRow([...REGISTRY_COLUMNS]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Opens a page with the signed-in session: signIn() writes the session while the app is already
 * running, so a reload lets the app read it the way it does at launch.
 */
async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}/#/${path}`);
  await page.reload();
}

/** A screenshot to look at, and no serious or critical axe finding on what the page shows. */
async function looked(env: E2EEnv, page: Page, name: string): Promise<void> {
  await env.screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}

async function importFile(page: Page, name: string, data: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click('#registry-import');
  await (await chooser).setFiles({ name, mimeType: XLSX, buffer: data });
}

describe('follow-through: registry import, a 1311 round, the bureau dashboard and its targets, the admin\'s roles (h5)', () => {
  let env: E2EEnv;
  const problems: string[] = [];
  /** Browser errors are printed after the test, with a screenshot of every page still open. */
  const pages: Array<[Page, string]> = [];
  const watch = (page: Page, who: string) => {
    pages.push([page, who]);
    page.on('pageerror', e => problems.push(`${who} pageerror: ${e.message}`));
    page.on('console', m => {
      if (m.type() === 'error') problems.push(`${who} console: ${m.text()}`);
    });
  };

  afterEach(async () => {
    if (problems.length) console.log(problems.join('\n'));
    for (const [page, who] of pages) if (!page.isClosed()) await env.screenshot(page, `followup-last-${who}`);
  });

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should import graduates with a row report, record a recommendation round for a registered leaver, and show the figures to the bureau', async () => {
    const year = new Date().getFullYear();
    const row = (seq: number, overrides: Parameters<typeof graduateRow>[1] = {}) => graduateRow(seq, { 毕业年份: year, 去向日期: `${year}-07-01`, ...overrides });

    // 1. The college: a file with a bad ID is refused with a row report, the corrected file is imported.
    const college = await env.page(DESKTOP);
    watch(college, 'college');
    await env.signIn(college, 'd-college');
    await open(college, env.baseUrl, `packages/registry/pages/staff-graduates/index`);
    await college.locator('#registry-import').waitFor();
    const bad = await workbook([row(1), row(2, { 身份证号: '210202200301010000' }), row(3)]);
    await importFile(college, 'bad.xlsx', bad);
    await college.locator('#import-report').getByText('未导入任何数据').waitFor();
    await college.locator('#import-report').getByText('第 3 行').waitFor();
    const good = await workbook([
      row(1, { 姓名: '张明' }),
      row(2, { 姓名: '李华', 单位名称: '大连示例软件有限公司', 单位所在区市县: '甘井子区' }),
      row(3, { 姓名: '王芳', 去向: '暂未就业', 单位名称: '', 单位所在区市县: '' }),
    ]);
    await importFile(college, 'graduates.xlsx', good);
    await college.locator('#import-report').getByText('导入成功：共 3 行，新增 3 人').waitFor();
    await college.getByText('李华').first().waitFor();
    expect(await college.locator('[id^="graduate-"]').count()).toBe(3);
    expect(await college.textContent('#import-report')).not.toContain(residentId(1));
    await env.screenshot(college, 'followup-registry');
    await college.close();

    // 2. A leaver registers herself as 离校未就业 on the phone.
    const student = await env.page();
    watch(student, 'student');
    await env.signIn(student, 'b-student-dlut');
    await open(student, env.baseUrl, `packages/support/pages/mine/index`);
    await student.click('#support-district');
    await student.click('#support-district-option-210211');
    await student.fill('#support-intention input', '软件测试');
    await student.click('#support-register');
    await student.getByText('我的帮扶档案').waitFor();

    // 3. The district caseworker claims the case (bulk action), then picks three matched jobs as a round.
    const district = await env.page(DESKTOP);
    watch(district, 'district');
    const districtLogin = await env.signIn(district, 'e-district');
    const [registered] = await eventually(
      () => env.api<SupportCaseView[]>('GET', '/api/staff/support/cases', undefined, districtLogin.accessToken),
      list => list.length > 0,
    );
    await open(district, env.baseUrl, `packages/support/pages/staff-cases/index`);
    await district.click('#cases-view-all');
    await district.click(`#case-check-${registered.id}`);
    await district.click('#cases-claim');
    await eventually(
      () => env.api<SupportCaseView>('GET', `/api/staff/support/cases/${registered.id}`, undefined, districtLogin.accessToken),
      c => c.caseworkerId === districtLogin.userId,
    );
    await open(district, env.baseUrl, `packages/support/pages/staff-case/index?id=${registered.id}`);
    await district.locator('#case-plan-save').waitFor();
    await district.fill('#case-plan textarea', '先推荐软件测试岗位，再安排职业指导');
    await district.click('#case-plan-save');
    const picks = district.locator('[id^="match-check-"]:not(#match-check-all)');
    await picks.first().waitFor();
    for (let i = 0; i < 3; i++) await picks.nth(i).click();
    await district.click('#case-recommend');
    await district.locator('#case-round-1').waitFor();
    await district.click('#case-service-visit');
    const recorded = await eventually(
      () => env.api<SupportCaseView>('GET', `/api/staff/support/cases/${registered.id}`, undefined, districtLogin.accessToken),
      c => c.rounds.length === 1 && c.services.some(s => s.kind === 'visit'),
    );
    expect(recorded.rounds[0].jobs).toHaveLength(3);
    expect(recorded.progress).toMatchObject({ recommendationRounds: 1, jobsRecommended: 3 });
    await env.screenshot(district, 'followup-case');

    // The student sees the round and applies directly.
    await student.reload();
    const firstJob = recorded.rounds[0].jobs[0];
    await student.locator(`#support-job-${firstJob.id}`).waitFor();
    await student.locator(`#support-job-${firstJob.id}`).getByText('投递').click();
    await student.locator(`#support-job-${firstJob.id}`).getByText('已投递').waitFor();

    // 4. The bureau's dashboard counts the imported graduates, and the district's rates count the case.
    const bureau = await env.page(DESKTOP);
    watch(bureau, 'bureau');
    const bureauLogin = await env.signIn(bureau, 'f-bureau');
    await open(bureau, env.baseUrl, `packages/statistics/pages/staff-dashboard/index`);
    await bureau.locator('#dash-freshness').getByText('数据更新于').waitFor();
    await bureau.locator('#dash-retention').getByText('留连 2 人 / 毕业生 3 人').waitFor();
    await bureau.locator('#by-college-dlut').getByText('大连理工大学').waitFor();
    expect(await bureau.locator('#chart-targets canvas').count()).toBeGreaterThan(0);
    const figures = await env.api<Dashboard>('GET', `/api/staff/statistics/dashboard?year=${year}`, undefined, bureauLogin.accessToken);
    expect(figures.retention).toEqual({ graduates: 3, stayed: 2, rate: 0.6667 });
    expect(figures.byDestination.find(r => r.key === 'unemployed')?.graduates).toBe(1);
    await env.screenshot(bureau, 'followup-dashboard');

    await open(bureau, env.baseUrl, `packages/support/pages/staff-cases/index`);
    await bureau.locator('#support-rate-cases').getByText('1').waitFor();
    await bureau.locator('#support-rate-follow').getByText('100.0%').waitFor();
  });

  it('should let district staff register an unemployed graduate through the page, and the student sees the recommendation round in the inbox', async () => {
    // A graduate with an account (ID in the profile) whom no college imported.
    const idNumber = residentId(88, '20030505');
    const studentLogin = await env.devLogin('a-student-new');
    // The profile's ID is kept under the separate 1311 support consent.
    await env.api('POST', '/api/me/consents', { purpose: 'support', version: 1 }, studentLogin.accessToken);
    await env.api('PUT', '/api/me/profile', {
      name: '陈晓', collegeId: 'dlut', degree: 'bachelor', major: '软件工程', graduationYear: new Date().getFullYear(),
      originProvince: '辽宁省', originCity: '大连市', intentionDistricts: ['210211'], intentionText: '软件测试', idNumber,
    }, studentLogin.accessToken);

    // 1. District staff find nobody by the full ID, add the registry record and register the case, themself as caseworker.
    const district = await env.page(DESKTOP);
    watch(district, 'district-register');
    const districtLogin = await env.signIn(district, 'e-district');
    await open(district, env.baseUrl, `packages/support/pages/staff-cases/index`);
    await district.click('#cases-register');
    await district.fill('#register-search input', idNumber);
    await district.click('#register-search-button');
    await district.getByText('实名库中没有找到').waitFor();
    await district.click('#register-new');
    expect(await district.inputValue('#record-id input')).toBe(idNumber);
    await district.fill('#record-name input', '陈晓');
    await district.click('#record-college');
    await district.click('#record-college-option-dlut');
    await district.click('#record-degree');
    await district.click('#record-degree-option-bachelor');
    await district.fill('#record-major input', '软件工程');
    await district.fill('#record-city input', '大连市');
    await district.locator('#register-caseworker').getByText('（我）').waitFor();
    await district.fill('#register-intention input', '软件测试');
    await env.screenshot(district, 'followup-register');
    await district.click('#register-submit');
    await district.locator('#case-plan-save:visible').waitFor();
    const cases = await env.api<SupportCaseView[]>('GET', '/api/staff/support/cases', undefined, districtLogin.accessToken);
    const registered = cases.filter(c => c.name === '陈晓');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ registeredBy: 'staff', caseworkerId: districtLogin.userId, linked: true, districtCode: '210211' });

    // Registering the same person again (found by name now) opens the same case, not a second one.
    await open(district, env.baseUrl, `packages/support/pages/staff-register/index`);
    await district.fill('#register-search input', '陈晓');
    await district.click('#register-search-button');
    await district.locator('[id^="candidate-"]').getByText('暂未就业').waitFor();
    expect(await district.locator('[id^="candidate-"]').first().textContent()).not.toContain(idNumber);
    await district.locator('[id^="candidate-"]').getByText('陈晓').click();
    await district.click('#register-submit');
    await district.locator('#case-plan-save:visible').waitFor();
    expect(district.url()).toContain(registered[0].id);
    const again = await env.api<SupportCaseView[]>('GET', '/api/staff/support/cases', undefined, districtLogin.accessToken);
    expect(again.filter(c => c.name === '陈晓')).toHaveLength(1);

    // 2. The district's registry list shows its 暂未就业 graduates: the one it took and the one no district has yet.
    await open(district, env.baseUrl, `packages/registry/pages/staff-graduates/index`);
    await district.click('#registry-destination');
    await district.click('#registry-destination-option-unemployed');
    await district.locator('[id^="graduate-"]').getByText('陈晓').waitFor();
    await district.locator('[id^="graduate-"]').getByText('王芳').waitFor();
    await env.screenshot(district, 'followup-registry-unemployed');

    // 3. The caseworker sends a round of two matched jobs.
    await open(district, env.baseUrl, `packages/support/pages/staff-case/index?id=${registered[0].id}`);
    const picks = district.locator('[id^="match-check-"]:not(#match-check-all):visible');
    await picks.first().waitFor();
    for (let i = 0; i < 2; i++) await picks.nth(i).click();
    await district.click('#case-recommend');
    await district.locator('#case-round-1:visible').waitFor();
    const round = await eventually(
      () => env.api<SupportCaseView>('GET', `/api/staff/support/cases/${registered[0].id}`, undefined, districtLogin.accessToken),
      c => c.rounds.length === 1,
    );

    // 4. The student finds the round in the inbox, once, and opens it to the jobs.
    const inbox = await eventually(
      () => env.api<InboxPage>('GET', '/api/inbox', undefined, studentLogin.accessToken),
      page => page.items.some(i => i.source === 'support'),
    );
    expect(inbox.items.filter(i => i.source === 'support').map(i => i.title)).toEqual(['就业帮扶：第1轮岗位推荐']);
    const student = await env.page();
    watch(student, 'student-inbox');
    await env.signIn(student, 'a-student-new');
    await open(student, env.baseUrl, `packages/notice/pages/inbox/index`);
    await student.getByText('就业帮扶：第1轮岗位推荐').waitFor();
    await student.waitForTimeout(500);
    await env.screenshot(student, 'followup-inbox');
    await student.getByText('就业帮扶：第1轮岗位推荐').click();
    await student.locator(`#support-job-${round.rounds[0].jobs[0].id}:visible`).waitFor();
    await student.waitForTimeout(500);
    await env.screenshot(student, 'followup-student-round');
  });

  describe('plan targets per year and the admin\'s user and role page (phone)', () => {
    const thisYear = new Date().getFullYear();
    const emptyYear = thisYear - 2;

    it('should let the bureau see that a year has no targets, set them from another year\'s, and find them on the dashboard', async () => {
      const page = await env.page(PHONE);
      const login = await env.signIn(page, 'f-bureau');

      // The demo year carries the plan's figures, labelled as such; a year without targets says so and shows no target rows.
      await open(page, env.baseUrl, 'packages/statistics/pages/staff-dashboard/index');
      await page.locator('#dash-plan').getByText('演示数据').waitFor();
      await page.locator('#target-stayed').getByText('目标 50,000').waitFor();
      await page.click('#dash-year');
      await page.click(`#dash-year-option-${emptyYear}`);
      await page.locator('#dash-no-plan').getByText(`${emptyYear}年尚未设定工作目标`).waitFor();
      expect(await page.locator('.dash-target').count()).toBe(0);
      expect(await page.locator('#chart-targets').count()).toBe(0);
      await looked(env, page, 'targets-dashboard-no-plan');

      // 设定目标 opens the editor for that year; the demo year's figures serve as the draft.
      await page.click('#dash-set-targets');
      await page.locator('#targets-none').getByText(`${emptyYear}年尚未设定工作目标`).waitFor();
      await page.click('#targets-copy');
      expect(await page.inputValue('#targets-stayed-target input')).toBe('50000');
      expect(await page.inputValue('#targets-retentionRate-target input')).toBe('42');
      await page.fill('#targets-stayed-target input', '48000');
      await page.fill('#targets-fromDalianColleges-target input', '31000');
      await page.fill('#targets-retentionRate-stretch input', '40');
      await page.fill('#targets-source input', `${emptyYear}年留连来连工作方案`);
      await page.fill('#targets-reason input', '按当年工作方案补录');
      await page.click('#targets-save');
      await page.locator('#targets-row-retentionRate').getByText('在连高校毕业生留连率的力争目标不能低于目标').waitFor();
      await page.locator('#targets-row-stayed').getByText('各去向目标之和不能超过留连来连总目标').waitFor();
      await looked(env, page, 'targets-editor-problems');

      await page.fill('#targets-retentionRate-stretch input', '45');
      await page.fill('#targets-marketJob-target input', '27000');
      await page.click('#targets-save');
      await page.locator('#targets-message').getByText(`已保存${emptyYear}年目标（第1版）`).waitFor();
      await page.locator('#targets-current').getByText(`来源：${emptyYear}年留连来连工作方案`).waitFor();
      await looked(env, page, 'targets-editor-saved');
      const saved = await env.api<YearTargets>('GET', `/api/staff/statistics/targets/${emptyYear}`, undefined, login.accessToken);
      expect(saved.figures).toMatchObject({ stayed: { target: 48000, stretch: 60000 }, marketJob: { target: 27000 }, retentionRate: { target: 0.42, stretch: 0.45 } });

      // The dashboard measures that year against the new figures at once.
      const figures = await env.api<Dashboard>('GET', `/api/staff/statistics/dashboard?year=${emptyYear}`, undefined, login.accessToken);
      expect(figures.plan?.source).toBe(`${emptyYear}年留连来连工作方案`);
      expect(figures.targets.find(t => t.key === 'stayed')?.target).toBe(48000);
    });

    it('should let the admin find a user by name or phone, grant a college role with its college, and not remove the last admin', async () => {
      const recruiter = await env.devLogin('c2-recruiter-new');
      await env.api('POST', '/api/me/phone/typed', { phone: '13800005678' }, recruiter.accessToken);

      const page = await env.page(PHONE);
      await env.signIn(page, 'g-admin');
      await open(page, env.baseUrl, 'pages/mine/index');
      await page.click('#mine-users');
      await page.locator('.staff-users__item').first().waitFor();

      await page.fill('#users-phone input', '13800005678');
      await page.click('#users-find-phone');
      const card = page.locator('.staff-users__item').filter({ hasText: '138****5678' });
      await card.getByText('新招聘者 刘女士').waitFor();
      expect(await page.locator('.staff-users__item').count()).toBe(1);
      await card.getByText('调整角色').click();
      await page.click('#user-role-district');
      await page.click('#user-district');
      await page.click('#user-district-option-210211');
      await page.fill('#user-reason input', '借调甘井子区人社局');
      await page.locator('#user-preview').getByText('保存后：企业招聘者、区市县人社局（甘井子区）').waitFor();
      await looked(env, page, 'users-editor');
      await page.click('#user-save');
      await page.locator('#users-done').getByText('已更新 新招聘者 刘女士 的角色').waitFor();
      await card.getByText('区市县人社局（甘井子区）').waitFor();
      await looked(env, page, 'users-role-granted');

      // Revoked the same way: the recruiter is a recruiter again.
      await card.getByText('调整角色').click();
      await page.click('#user-role-district');
      await page.fill('#user-reason input', '借调结束');
      await page.click('#user-save');
      await page.locator('#users-done').getByText('已更新 新招聘者 刘女士 的角色：企业招聘者').waitFor();
      // Taro's h5 renderer removes the tag a tick after the banner's text changes: wait for it to go.
      await card.locator('.ll-tag', { hasText: '区市县人社局（甘井子区）' }).waitFor({ state: 'detached' });
      expect(await card.locator('.staff-users__tags').innerText()).toBe('企业招聘者');

      // The only admin cannot take the role from themself.
      await page.fill('#users-name input', '平台管理员');
      await page.click('#users-find-name');
      const self = page.locator('.staff-users__item').filter({ hasText: '平台管理员' }).first();
      await self.getByText('调整角色').click();
      await page.click('#user-role-admin');
      await page.getByText('您正在取消自己的管理员角色').waitFor();
      await page.fill('#user-reason input', '交接工作');
      await page.click('#user-save');
      await page.locator('#user-error').getByText('这是最后一名平台管理员').waitFor();
      await looked(env, page, 'users-last-admin');
    });
  });
});
