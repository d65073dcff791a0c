import { readFileSync } from 'fs';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import type { LoginResult } from '../../server/src/contract/auth';
import type { EnterpriseSubsidyOverview, SubsidyApplicationView } from '../../server/src/contract/subsidy';
import { residentId } from '../server/support/factories';
import { eventually, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

// A real image: uploads are decoded and encoded afresh.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function uploadDocument(page: Page, kind: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click(`#subsidy-upload-${kind}`);
  await (await chooser).setFiles({ name: `${kind}.png`, mimeType: 'image/png', buffer: PNG });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations on the page, by rule id. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact?: string }> }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id);
  });
}

describe('an enterprise applies for the social insurance subsidy through the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should say under the field that a corporate account or a graduate ID is wrong, and send nothing', async () => {
    const recruiter = await env.page();
    const login = await env.signIn(recruiter, 'c-recruiter');
    const overview = await eventually(
      () => env.api<EnterpriseSubsidyOverview>('GET', '/api/subsidy/enterprise/programs', undefined, login.accessToken).catch(() => undefined),
      o => o?.enterprise.status === 'verified' && o.programs.length > 0,
      60_000,
    );
    const program = overview?.programs.find(p => p.program.name === '企业吸纳毕业生社保补贴');
    if (!program) throw new Error('demo enterprise program missing');
    const sent: string[] = [];
    recruiter.on('request', r => {
      if (r.method() === 'POST' && r.url().includes('/api/subsidy/enterprise/applications')) sent.push(r.url());
    });
    await recruiter.goto(`${env.baseUrl}/#/packages/subsidy/pages/enterprise-apply/index?programId=${program.program.id}`);
    await recruiter.click('#graduate-add');
    await recruiter.fill('#graduate-name-0 input', '王芳');
    await recruiter.fill('#graduate-id-0 input', '21020220030405');
    await recruiter.click('#subsidy-save');
    await recruiter.getByText('身份证号应为18位，当前14位').waitFor();
    await recruiter.fill('#graduate-id-0 input', residentId('2003-04-05'));
    await recruiter.fill('#subsidy-bankAccount input', '4119-0012-abc');
    await recruiter.click('#subsidy-save');
    await recruiter.getByText('对公银行账号只能包含数字').waitFor();
    await env.screenshot(recruiter, 'subsidy-enterprise-apply-check');
    expect(await seriousViolations(recruiter)).toEqual([]);
    expect(sent).toEqual([]);
  });

  /**
   * The demo enterprise is in 高新园区 and the demo district account is 甘井子区, so the test adds
   * a 高新园区 reviewer (a demo-style account the dev login accepts) to the server's database.
   */
  async function hitechReviewer(page: Page): Promise<LoginResult> {
    const conn = await mongoose.createConnection(env.databaseUri).asPromise();
    const now = new Date();
    const { insertedId } = await conn.collection('users').insertOne({
      devAccount: 'z-district-hitech',
      devDescription: '高新园区人社工作人员（测试）',
      nickname: '高新园区审核员',
      roles: ['district'],
      scope: { districtCode: 'hitech' },
      profile: {},
      createdAt: now,
      updatedAt: now,
    });
    await conn.close();
    const login = await env.api<LoginResult>('POST', '/api/auth/dev-login', { userId: insertedId.toHexString() });
    await page.goto(`${env.baseUrl}/`);
    await page.evaluate(session => localStorage.setItem('ll.v1.session', JSON.stringify({ data: session })), {
      userId: login.userId,
      roles: login.roles,
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      accessExpiresAt: Date.now() + login.expiresIn * 1000,
    });
    return login;
  }

  it('should apply from the recruiter area with documents, pass the district and the bureau, and show 已通过 to the recruiter', async () => {
    const recruiter = await env.page();
    const login = await env.signIn(recruiter, 'c-recruiter');
    const overview = await eventually(
      () => env.api<EnterpriseSubsidyOverview>('GET', '/api/subsidy/enterprise/programs', undefined, login.accessToken).catch(() => undefined),
      o => o?.enterprise.status === 'verified' && o.programs.length > 0,
      60_000,
    );
    const program = overview?.programs.find(p => p.program.name === '企业吸纳毕业生社保补贴');
    const hiring = overview?.programs.find(p => p.program.name === '小微企业吸纳就业补贴');
    if (!program || !hiring) throw new Error('demo enterprise programs missing');

    await recruiter.goto(`${env.baseUrl}/#/packages/recruiter/pages/jobs/index`);
    await recruiter.click('#recruiter-subsidy');
    await recruiter.locator(`#program-${program.program.id}`).waitFor();
    // The demo enterprise has 100-499 staff: the rules say why it is not a small or micro enterprise.
    await recruiter.locator(`#program-${hiring.program.id}`).getByText('企业规模须为20人以下、20-99人').waitFor();
    await recruiter.getByText('统一社会信用代码：91210200MA0QC1234F').waitFor();
    await recruiter.waitForTimeout(500); // the page's slide-in, for the screenshot only
    await env.screenshot(recruiter, 'subsidy-enterprise-programs');
    await recruiter.click(`#program-apply-${program.program.id}`);

    await recruiter.fill('#subsidy-socialInsuranceMonths input', '6');
    await recruiter.click('#graduate-add');
    await recruiter.fill('#graduate-name-0 input', '王芳');
    await recruiter.fill('#graduate-id-0 input', residentId('2003-04-05'));
    await recruiter.fill('#subsidy-bankName input', '招商银行大连分行');
    await recruiter.fill('#subsidy-bankAccount input', '411900123410201');
    await recruiter.click('#subsidy-save');
    await recruiter.getByText('已填写：').first().waitFor();
    await recruiter.getByText('吸纳的高校毕业生（1名）').waitFor();
    for (const [i, kind] of program.program.requiredDocuments.entries()) {
      await uploadDocument(recruiter, kind);
      await recruiter.getByText('（已上传1份）').nth(i).waitFor();
    }
    await env.screenshot(recruiter, 'subsidy-enterprise-form');
    await recruiter.click('.subsidy-apply__consent-text');
    await recruiter.click('#subsidy-submit');

    const [submitted] = await eventually(
      () => env.api<SubsidyApplicationView[]>('GET', '/api/subsidy/enterprise/applications', undefined, login.accessToken),
      apps => apps.some(a => a.status === 'reviewing'),
    );
    expect(submitted).toMatchObject({ applicantKind: 'enterprise', stage: 'district', amount: 4800 });
    expect(submitted.applicantName).toBe('大连星海软件科技有限公司（示例）');
    expect(submitted.form.bankAccount).toBe('***********0201');
    expect(submitted.form.graduates?.[0].idNumber).not.toContain('20030405');
    await recruiter.locator(`#subsidy-application-${submitted.id}`).getByText('审核中').waitFor();

    const district = await env.page({ width: 1280, height: 800 });
    await hitechReviewer(district);
    await district.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-review/index?id=${submitted.id}`);
    await district.getByText('（企业申请）').waitFor();
    await district.getByText('统一社会信用代码：91210200MA0QC1234F').waitFor();
    await district.getByText('吸纳的高校毕业生（1名）').waitFor();
    await env.screenshot(district, 'subsidy-enterprise-review');
    await district.click('#review-approve');
    await eventually(
      () => env.api<SubsidyApplicationView>('GET', `/api/subsidy/enterprise/applications/${submitted.id}`, undefined, login.accessToken),
      a => a.stage === 'bureau',
    );

    const bureau = await env.page({ width: 1280, height: 800 });
    await env.signIn(bureau, 'f-bureau');
    await bureau.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-review/index?id=${submitted.id}`);
    await bureau.getByText('规则判断：').waitFor();
    await bureau.click('#review-approve');
    await eventually(
      () => env.api<SubsidyApplicationView>('GET', `/api/subsidy/enterprise/applications/${submitted.id}`, undefined, login.accessToken),
      a => a.status === 'approved',
    );

    await recruiter.goto(`${env.baseUrl}/#/packages/subsidy/pages/enterprise-applications/index`);
    const card = recruiter.locator(`#subsidy-application-${submitted.id}`);
    await card.getByText('审核已通过，等待发放').waitFor();
    await card.getByText('市人社局审批：审核通过').waitFor();
    await recruiter.waitForTimeout(500);
    await env.screenshot(recruiter, 'subsidy-enterprise-approved');
  });
});
