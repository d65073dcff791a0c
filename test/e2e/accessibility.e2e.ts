import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import type { JobSummary, MyApplication } from '../../server/src/contract/job';
import { residentId } from '../server/support/factories';
import { seriousViolations } from './support/axe';
import { ARTIFACTS, housingForm, startE2E, submitHousingApplication, type E2EEnv } from './support/harness';
import { configTitle, missingFrom, whatIsShown, type Seen } from './support/journeys';
import { openInApp, overflowingText, routeTable, setDefaultFontSize, settle, tabTo, trackRequests, undersizedTargets } from './support/sweep';

// Every page of every role, as the role sees it, at the standard text size and in 大字模式 with the browser's
// text at 1.5× (WeChat's care mode is 1.4×): axe-core finds nothing serious or critical, tap targets hold 44 px
// (60 px in large text), and no text runs off the screen or is cut off. One app start per role; pages are
// opened inside the running app. Figures go to test-results/e2e/accessibility/summary.json.

jest.setTimeout(600_000);

type Role = 'visitor' | 'graduate' | 'recruiter' | 'college' | 'district' | 'bureau' | 'admin';
const ACCOUNT: Record<Exclude<Role, 'visitor'>, string> = {
  graduate: 'b-student-dlut',
  recruiter: 'c-recruiter',
  college: 'd-college',
  district: 'e-district',
  bureau: 'f-bureau',
  admin: 'g-admin',
};

interface Visit {
  route: string;
  query?: Record<string, string>;
  /** What the role's user sees there (the demo with its city: applications at every stage), beyond the page's title. */
  sees?: Seen;
  /** The title bar's text when the page sets its own (else its config's). */
  title?: string;
}

/** Record ids from the demo data, for pages that open one record. */
interface Ids {
  policy: string;
  job: string;
  fair: string;
  live: string;
  program: string;
  enterpriseProgram: string;
  complaint: string;
  staffComplaint: string;
  subsidyApplication: string;
  supportCase: string;
  recruiterJob: string;
  hostedLive: string;
  staffContent: string;
  inboxItem: string;
}

function visitsOf(role: Role, ids: Ids): Visit[] {
  const v = (route: string, query?: Record<string, string>, sees?: Seen, title?: string): Visit => ({ route, query, sees, title });
  switch (role) {
    case 'visitor':
      return [
        v('home', undefined, ['留连来连 · 就选大连', '政策清单', '最新政策', '推荐岗位']),
        v('jobs', undefined, ['最新发布', 'Java 开发工程师（应届）', '大连星海软件科技有限公司（示例）']),
        v('live'),
        v('mine', undefined, ['欢迎来到留连来连', '登录', '大字模式']),
        v('login', undefined, ['体验账号登录', '李明', '市人社局就业促进处']),
        v('privacyGuide'),
        v('policyList', { kind: 'policy' }), v('policyDetail', { id: ids.policy }), v('policySearch'),
        v('jobDetail', { id: ids.job }), v('fairs', undefined, ['大连市高校毕业生留连来连综合招聘会（示例）', '综合招聘会']), v('fairDetail', { id: ids.fair }), v('liveRoom', { id: ids.live }),
        v('growth'), v('growthCourses', { kind: 'career' }), v('growthSlots', { kind: 'advisor' }), v('growthContests'),
        v('growthIncubators'), v('growthStories'), v('complaintHotlines', undefined, ['12333']),
        // Guests see what is public and an invitation to log in for the rest.
        v('subsidyPrograms', undefined, ['登录后查看可申请的补贴', '去登录']),
      ];
    case 'graduate':
      return [
        v('home'), v('jobs', undefined, ['我的投递']), v('mine', undefined, ['李明', '学生/毕业生', '我的投递', '我的预约', '我的报名', '我的补贴']),
        v('profile', undefined, ['大连理工大学', '本科']), v('privacy', undefined, ['补贴申请敏感个人信息处理单独同意', '已同意']), v('dataViews'), v('accountDeletion'), v('favourites'),
        // The city's subsidy steps told the graduate.
        v('inbox', undefined, ['补贴已发放：高校毕业生学费补助', '补贴申请需补正：就业见习补贴']),
        v('noticeSettings'), v('noticeDigest', { n: ids.inboxItem }), v('myApplications'), v('jobDetail', { id: ids.job }),
        v('subsidyPrograms', undefined, ['我的补贴申请', '高校毕业生住房补贴', '符合条件', '办事指南']),
        v('subsidyGuide', { programId: ids.program }), v('subsidyApply', { programId: ids.program }),
        // 我的补贴申请: 李明's own, each with its state and what he can do next.
        v('subsidyApplications', undefined, [
          /高校毕业生学费补助\s+已发放/,
          /就业见习补贴\s+退回补正/,
          '见习协议未加盖见习单位公章',
          '补正材料',
          /一次性创业补贴\s+审核中/,
          '当前环节：区市县审核',
          /高校毕业生住房补贴\s+草稿/,
          '继续填写',
        ]),
        v('subsidyNotices'),
        v('complaintNew'),
        v('myComplaints', undefined, ['拖欠工资', '已答复']), v('complaintDetail', { id: ids.complaint }), v('supportMine'), v('myFairs'), v('growthMine'),
        v('growthStoryNew'),
      ];
    case 'recruiter':
      return [
        v('mine', undefined, ['星海软件 张经理', '企业招聘者', '企业招聘']),
        // The recruiter's own jobs, each with its state and applicants.
        v('recruiterJobs', undefined, ['发布岗位', /Java 开发工程师（春季招聘）\s+已停止/, '投递者（13）', /Java 开发工程师（应届）\s+招聘中/, '停止招聘']),
        v('recruiterEnterprise', undefined, ['大连星海软件科技有限公司（示例）']), v('recruiterJobEdit'), v('recruiterJobEdit', { id: ids.recruiterJob }),
        v('recruiterApplicants', { jobId: ids.recruiterJob }, ['马晨阳', '孙可欣', '录用', '不合适']),
        v('recruiterFairs', undefined, ['预订展位']), v('liveManage', undefined, ['创建直播', '即将开播']), v('liveSchedule'),
        v('liveHost', { id: ids.hostedLive }), v('subsidyEnterprisePrograms'), v('subsidyEnterpriseApply', { programId: ids.enterpriseProgram }),
        v('subsidyEnterpriseApplications'), v('inbox'), v('recruiterRealName'), v('subsidyNotices'),
      ];
    case 'college':
      return [
        v('mine', undefined, ['大连理工大学就业指导中心', '补贴审核', '毕业生实名库']),
        // Its own graduates' applications waiting at the college (others' colleges not shown).
        v('staffSubsidyQueue', undefined, ['待我审核的补贴申请', '陈思远', '高校核验']),
        // The walk's application waits at the bureau: the college may look, not decide.
        v('staffSubsidyReview', { id: ids.subsidyApplication }, ['申请材料', '办理记录', '由该环节的审核人员作出决定']),
        v('registryGraduates', undefined, ['导入名单（.xlsx）', '2026届']),
        v('staffDashboard', undefined, ['大连理工大学 工作进度', '留连来连毕业生', '在连高校毕业生留连率']),
        v('staffContents'),
        v('growthStaff'),
      ];
    case 'district':
      return [
        v('mine', undefined, ['甘井子区人社局', '投诉办理', '离校未就业帮扶']),
        v('staffComplaints', undefined, ['投诉举报办理', '培训贷', '黑中介', '超期']),
        v('staffComplaintDetail', { id: ids.staffComplaint }),
        v('supportCases', undefined, ['帮扶档案', '跟踪率（目标100%）']),
        v('supportCase', { id: ids.supportCase }),
        v('supportRegister'),
        // Applications of graduates employed in the district, at the district's stage.
        v('staffSubsidyQueue', undefined, ['赵子豪', '李明', '一次性创业补贴', '区市县审核']),
      ];
    case 'bureau':
      return [
        v('mine', undefined, ['市人社局就业促进处', '年度工作目标', '企业审核与岗位举报']),
        // One batch settled with the bank (one line returned), one still with it.
        v('staffSubsidyBatches', undefined, ['预览并生成发放批次', '已对账', '已发放 3 笔', '失败 1 笔', '待回盘 65 笔']),
        v('staffSubsidyLimits'), v('staffSubsidyCalendar'),
        v('staffDashboard', undefined, ['全市 工作进度', '留连来连毕业生', '在连高校毕业生留连率', '离校未就业毕业生跟踪服务率']),
        v('staffContents'),
        v('staffContentEdit', { id: ids.staffContent }), v('staffContentEdit', { kind: 'policy' }), v('staffContentPushes', { id: ids.staffContent }),
        v('staffEnterprises'), v('staffReportedJobs'), v('staffMedia'), v('staffSlowEnterprises'),
        v('staffFairs', undefined, ['发布招聘会', '大连市高校毕业生留连来连综合招聘会（示例）']),
        v('staffFairDetail', { id: ids.fair }), v('staffFairCheckIn', { id: ids.fair }), v('staffReference'), v('liveReview'), v('registryInsurance'), v('staffAbnormalList'), v('staffMinimumWages'),
        v('staffTargets'), v('staffSubsidyOffers'), v('staffSubsidyNotices'),
      ];
    case 'admin':
      // The admin's other pages are the bureau's, seen the same way.
      return [
        v('mine', undefined, ['平台管理员', '用户与角色管理']),
        v('staffDashboard', undefined, ['全市 工作进度']),
        v('registryGraduates'),
        // Every user with their roles: the demo accounts and the city's graduates.
        v('staffUsers', undefined, ['林雨泽', '学生/毕业生', '调整角色']),
      ];
  }
}

const ROLES: Role[] = ['visitor', 'graduate', 'recruiter', 'college', 'district', 'bureau', 'admin'];

interface Finding {
  role: Role;
  mode: 'standard' | 'large';
  page: string;
  violations: string[];
  undersized: string[];
  overflow: string[];
}

/** The first record of a list answer (an array or a page of `items`), by its own id or its program's. */
function firstId(body: unknown): string | undefined {
  const list = Array.isArray(body) ? body : (body as { items?: unknown[] } | undefined)?.items;
  const first = list?.[0] as { id?: string; program?: { id?: string } } | undefined;
  return first?.id ?? first?.program?.id;
}

/** A fair tomorrow, for when the demo data has none. */
async function createFair(env: E2EEnv, bureauToken: string): Promise<string> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 24 * 3600_000));
  const fair = await env.api<{ id: string }>(
    'POST',
    '/api/fairs',
    {
      kind: 'comprehensive',
      title: '无障碍巡检综合招聘会',
      description: '面向2026届高校毕业生的综合招聘会。',
      startAt: `${day}T09:00:00+08:00`,
      endAt: `${day}T12:00:00+08:00`,
      venue: '大连星海会展中心',
      boothCapacity: 20,
    },
    bureauToken,
  );
  return fair.id;
}



describe('accessibility of every page of every role, at the standard size and in 大字模式 (390×844)', () => {
  let env: E2EEnv;
  let ids: Ids;
  const routes = routeTable();
  const findings: Finding[] = [];
  const timing = { open: 0, screenshot: 0, axe: 0, measure: 0 };
  const started = Date.now();
  const shots = join(ARTIFACTS, 'accessibility');
  // One screenshot per page per role at the standard size: the journeys' artefacts.
  const journeyShots = join(ARTIFACTS, 'journeys');
  const journeyProblems: Array<{ role: Role; page: string; problems: string[] }> = [];

  beforeAll(async () => {
    // With a small city: its subsidy applications stand at every stage, in the graduate's list and the staff queues.
    env = await startE2E({ env: { DEMO_CITY: '60' } });
    mkdirSync(shots, { recursive: true });
    const token = async (account: string) => (await env.devLogin(account)).accessToken;
    const [graduate, recruiter, district, bureau] = await Promise.all(['b-student-dlut', 'c-recruiter', 'e-district', 'f-bureau'].map(token));
    const get = (path: string, t?: string) => env.api<unknown>('GET', path, undefined, t);
    const found: Record<keyof Ids, string | undefined> = {
      policy: firstId(await get('/api/contents?kind=policy')),
      job: firstId(await get('/api/jobs')),
      fair: firstId(await get('/api/fairs')) ?? (await createFair(env, bureau)),
      live: firstId(await get('/api/live/sessions')),
      program: firstId(await get('/api/subsidy/programs', graduate)),
      enterpriseProgram: firstId(((await get('/api/subsidy/enterprise/programs', recruiter)) as { programs: unknown[] }).programs),
      complaint: firstId(await get('/api/complaints', graduate)),
      staffComplaint: firstId(await get('/api/staff/complaints', district)),
      subsidyApplication: firstId(await get('/api/staff/subsidy/applications', bureau)) ?? (await submitHousingApplication(env, graduate, housingForm(residentId('2003-04-05')))),
      supportCase:
        firstId(await get('/api/staff/support/cases', district)) ??
        (await env.api<{ id: string }>('POST', '/api/support/register', { districtCode: '210211', intention: '软件开发' }, graduate)).id,
      recruiterJob: firstId(await get('/api/recruiter/jobs', recruiter)),
      hostedLive: firstId(await get('/api/live/mine', recruiter)),
      staffContent: firstId(await get('/api/staff/contents', bureau)),
      inboxItem: firstId(await get('/api/inbox', graduate)),
    };
    const missing = Object.entries(found).filter(([, id]) => !id).map(([key]) => key);
    if (missing.length > 0) throw new Error(`the demo data has no record for: ${missing.join(', ')}`);
    ids = found as Ids;
  });

  afterAll(async () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const total = (mode: Finding['mode'], key: 'violations' | 'undersized' | 'overflow') =>
      findings.filter(f => f.mode === mode).reduce((n, f) => n + f[key].length, 0);
    const summary = {
      seconds,
      pageVisits: findings.length,
      millisecondsBySteps: timing,
      standard: { violations: total('standard', 'violations'), undersizedTargets: total('standard', 'undersized'), overflow: total('standard', 'overflow') },
      large: { violations: total('large', 'violations'), undersizedTargets: total('large', 'undersized'), overflow: total('large', 'overflow') },
      findings: findings.filter(f => f.violations.length + f.undersized.length + f.overflow.length > 0),
    };
    if (findings.length > 0) writeFileSync(join(shots, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stderr.write(`[accessibility] ${findings.length} page visits in ${seconds} s (${JSON.stringify(timing)} ms); standard ${JSON.stringify(summary.standard)}; large ${JSON.stringify(summary.large)}\n`);
    await env?.close();
  });

  it('should list every page of the app for some role', () => {
    const visited = new Set(ROLES.flatMap(role => visitsOf(role, {} as Ids).map(v => v.route)));
    expect([...routes.keys()].filter(route => !visited.has(route))).toEqual([]);
  });

  /** One role's walk: every page at the standard size, then 大字模式 switched on in 我的 with 1.5× browser text. */
  async function walk(role: Role): Promise<void> {
    const page: Page = await env.page();
    const cdp = await page.context().newCDPSession(page);
    await setDefaultFontSize(cdp, 16);
    const inFlight = trackRequests(page);
    if (role === 'visitor') await page.goto(`${env.baseUrl}/#/pages/home/index`);
    else await env.signIn(page, ACCOUNT[role]);
    await settle(page, inFlight);

    mkdirSync(join(journeyShots, role), { recursive: true });
    const dump: Array<{ role: Role; page: string; title: string; text: string }> = [];
    for (const mode of ['standard', 'large'] as const) {
      if (mode === 'large') {
        await setDefaultFontSize(cdp, 24);
        await openInApp(page, inFlight, routes.get('mine') ?? '');
        const toggle = page.locator('.taro_page_show #text-size-switch');
        await toggle.click();
        expect(await toggle.getAttribute('aria-checked')).toBe('true');
        expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--ll-text-scale'))).toBe('1.5');
      }
      const minTarget = mode === 'large' ? 60 : 44;
      for (const visit of visitsOf(role, ids)) {
        const path = routes.get(visit.route);
        if (!path) throw new Error(`no route ${visit.route}`);
        const query = new URLSearchParams(visit.query ?? {}).toString();
        let t = Date.now();
        const lap = (step: keyof typeof timing) => {
          timing[step] += Date.now() - t;
          t = Date.now();
        };
        await openInApp(page, inFlight, path, query);
        lap('open');
        const label = `${visit.route}${query ? `?${query}` : ''}`;
        const file = label.replace(/[^\w=-]+/g, '_');
        await page.screenshot({ path: mode === 'standard' ? join(journeyShots, role, `${file}.png`) : join(shots, `${role}-${mode}-${file}.png`), fullPage: true });
        lap('screenshot');
        if (mode === 'standard') {
          const shown = await whatIsShown(page);
          const title = visit.title ?? configTitle(path);
          const problems = [...(shown.title === title ? [] : [`title "${shown.title}", not "${title}"`]), ...missingFrom(shown.text, visit.sees ?? []).map(m => `no ${m}`)];
          if (problems.length > 0) journeyProblems.push({ role, page: label, problems });
          if (process.env.JOURNEY_DUMP) dump.push({ role, page: label, title: shown.title, text: shown.text });
          lap('measure');
        }
        const violations = await seriousViolations(page);
        lap('axe');
        findings.push({
          role,
          mode,
          page: label,
          violations,
          undersized: await undersizedTargets(page, minTarget),
          overflow: mode === 'large' ? await overflowingText(page) : [],
        });
        lap('measure');
      }
    }
    if (process.env.JOURNEY_DUMP) writeFileSync(join(process.env.JOURNEY_DUMP, `${role}.json`), JSON.stringify(dump, null, 1));
    await page.context().close();
  }

  for (const role of ROLES) {
    it(`should give ${role} pages with no serious finding, big enough targets and text that fits`, async () => {
      await walk(role);
      const mine = findings.filter(f => f.role === role);
      expect(journeyProblems.filter(p => p.role === role).map(p => `${p.page}: ${p.problems.join('; ')}`)).toEqual([]);
      expect(mine.filter(f => f.violations.length > 0).map(f => `${f.mode} ${f.page}: ${f.violations.join('; ')}`)).toEqual([]);
      expect(mine.filter(f => f.overflow.length > 0).map(f => `${f.mode} ${f.page}: ${f.overflow.join('; ')}`)).toEqual([]);
      expect(mine.filter(f => f.undersized.length > 0).map(f => `${f.mode} ${f.page}: ${f.undersized.join('; ')}`)).toEqual([]);
    });
  }

  it('should let a guest apply for a job from the keyboard alone, logging in on the way', async () => {
    const graduate = await env.devLogin('b-student-dlut');
    const mine = await env.api<MyApplication[] | { items: MyApplication[] }>('GET', '/api/me/applications', undefined, graduate.accessToken);
    const applied = new Set((Array.isArray(mine) ? mine : mine.items).map(a => a.job.id));
    const jobs = await env.api<{ items: JobSummary[] }>('GET', '/api/jobs?limit=50');
    const job = jobs.items.find(j => !applied.has(j.id));
    if (!job) throw new Error('every demo job is applied to already');

    const page = await env.page();
    await page.goto(`${env.baseUrl}/#/packages/job/pages/detail/index?id=${job.id}`);
    await page.locator('#job-apply').waitFor();
    expect(await tabTo(page, '#job-apply')).toEqual({ role: 'button', text: '投递简历' });
    await page.keyboard.press('Enter');
    // The login question is a dialog that takes the focus, on 去登录.
    await page.waitForFunction(() => document.activeElement?.classList.contains('taro-model__confirm') === true);
    expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null)).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).innerText)).toBe('去登录');
    await env.screenshot(page, 'accessibility/keyboard-apply-login-dialog');
    await page.keyboard.press('Enter');
    await page.waitForURL(/packages\/account\/pages\/login/);
    await page.locator(`#dev-user-${graduate.userId}`).waitFor();
    expect((await tabTo(page, `#dev-user-${graduate.userId}`)).role).toBe('button');
    await page.keyboard.press('Enter');
    // Back on the job, signed in: the apply step, confirmed from the keyboard too.
    await page.locator('.taro_page_show #job-apply-step').waitFor();
    expect(await tabTo(page, '.taro_page_show #job-apply')).toEqual({ role: 'button', text: '投递简历' });
    await page.keyboard.press('Enter');
    await page.locator('.taro_page_show #job-my-applications').waitFor();
    await env.screenshot(page, 'accessibility/keyboard-apply-done');
    await page.context().close();
  });
});
