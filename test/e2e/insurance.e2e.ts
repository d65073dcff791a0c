import type { Page } from 'playwright-core';
import type { InsuranceSummary } from '../../server/src/contract/insurance';
import type { SubsidyApplicationView, SubsidyReviewDetail } from '../../server/src/contract/subsidy';
import { beijingDay } from '../../server/src/contract/time';
import { EMPLOYER_A, insuranceWorkbook } from '../server/insurance/fixtures';
import { residentId } from '../server/support/factories';
import { seriousViolations } from './support/axe';
import { demoProgram, eventually, fillHousingForm, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(300_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PHONE = { width: 390, height: 844 };
// A real image: uploads are decoded and encoded afresh.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}/#/${path}`);
  await page.reload();
}

describe('social-insurance records and the bureau gate (h5 build)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should refuse a 社保 file with malformed IDs or months naming the rows, then flag an application the records contradict until the bureau writes a reason', async () => {
    const idNumber = residentId('2003-04-05');
    const thisMonth = beijingDay(new Date()).slice(0, 7);

    // 1. The bureau's import page: a bad file is refused with a 4xx naming every bad row, and nothing changes.
    const bureau = await env.page(PHONE);
    const bureauLogin = await env.signIn(bureau, 'f-bureau');
    await open(bureau, env.baseUrl, 'packages/registry/pages/staff-insurance/index');
    await bureau.locator('#insurance-summary').getByText('尚未导入参保记录').waitFor();
    await env.screenshot(bureau, 'insurance-import-page');
    expect(await seriousViolations(bureau)).toEqual([]);
    const bad = await insuranceWorkbook([
      [idNumber, EMPLOYER_A, thisMonth, 1],
      ['21020220030405123', EMPLOYER_A, thisMonth, 1],
      [idNumber, EMPLOYER_A, '七月', 1],
      [residentId('2003-04-06'), EMPLOYER_A, '2026-01', 'x'],
    ]);
    const answer = bureau.waitForResponse(r => r.url().includes('/api/staff/insurance/import'));
    const chooser = bureau.waitForEvent('filechooser');
    await bureau.click('#insurance-import');
    await (await chooser).setFiles({ name: 'bad.xlsx', mimeType: XLSX, buffer: bad });
    expect((await answer).status()).toBe(422);
    const report = bureau.locator('#import-report');
    await report.getByText('文件中有 3 处错误（共 3 行），未导入任何社保记录').waitFor();
    for (const row of ['第 3 行', '第 4 行', '第 5 行']) await report.getByText(row).waitFor();
    await report.getByText('参保起始年月应为年月，如 2026-07').waitFor();
    await env.screenshot(bureau, 'insurance-import-refused');
    expect(await seriousViolations(bureau)).toEqual([]);
    expect(await env.api<InsuranceSummary>('GET', '/api/staff/insurance/summary', undefined, bureauLogin.accessToken)).toMatchObject({ records: 0 });

    // The corrected file: the graduate's insurance started this month, one month paid.
    const good = await insuranceWorkbook([[idNumber, EMPLOYER_A, thisMonth, 1]]);
    const chooser2 = bureau.waitForEvent('filechooser');
    await bureau.click('#insurance-import');
    await (await chooser2).setFiles({ name: 'good.xlsx', mimeType: XLSX, buffer: good });
    await report.getByText('导入成功：共 1 行，新增 1 条').waitFor();
    await bureau.locator('#insurance-summary').getByText('已有 1 条参保记录').waitFor();

    // 2. The graduate applies (housing subsidy: college, district, bureau), declaring 6 months of insurance.
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const housing = await demoProgram(env, login.accessToken);
    await env.api('POST', '/api/me/consents', { purpose: 'subsidy', version: 1 }, login.accessToken);
    await open(student, env.baseUrl, `packages/subsidy/pages/apply/index?programId=${housing.program.id}`);
    await fillHousingForm(student, idNumber);
    for (const kind of housing.program.requiredDocuments) {
      const docChooser = student.waitForEvent('filechooser');
      await student.click(`#subsidy-upload-${kind}`);
      await (await docChooser).setFiles({ name: `${kind}.png`, mimeType: 'image/png', buffer: PNG });
      await student.getByText('（已上传1份）').nth(housing.program.requiredDocuments.indexOf(kind)).waitFor();
    }
    await student.click('.subsidy-apply__consent-text');
    await student.click('#subsidy-submit');
    const [submitted] = await eventually(
      () => env.api<SubsidyApplicationView[]>('GET', '/api/subsidy/applications', undefined, login.accessToken),
      apps => apps.some(a => a.status === 'reviewing'),
    );
    for (const account of ['d-college', 'e-district']) {
      const staff = await env.devLogin(account);
      await env.api('POST', `/api/staff/subsidy/applications/${submitted.id}/decision`, { decision: 'approve' }, staff.accessToken);
    }

    // 3. The bureau reviewer sees the flags with their reasons and cannot pass without writing one.
    const reviewer = await env.page(PHONE);
    await env.signIn(reviewer, 'f-bureau');
    await open(reviewer, env.baseUrl, `packages/subsidy/pages/staff-review/index?id=${submitted.id}`);
    await reviewer.locator('#review-flag-insuranceRecent').getByText('存在挂靠参保风险').waitFor();
    await reviewer.locator('#review-flag-insuranceMonthsShort').getByText('社保记录累计缴费 1 个月，少于本项目要求的').waitFor();
    await reviewer.locator('#review-flag-insuranceMonthsShort').getByText('申请所填：6 个月').waitFor();
    await env.screenshot(reviewer, 'insurance-review-flags');
    expect(await seriousViolations(reviewer)).toEqual([]);
    await reviewer.click('#review-approve');
    await reviewer.getByText('该申请有风险提示，市局审核通过时须填写核实情况和通过理由').waitFor();
    const held = await env.api<SubsidyReviewDetail>('GET', `/api/staff/subsidy/applications/${submitted.id}`, undefined, bureauLogin.accessToken);
    expect(held).toMatchObject({ status: 'reviewing', stage: 'bureau' });
    await env.screenshot(reviewer, 'insurance-review-reason-required');
    expect(await seriousViolations(reviewer)).toEqual([]);
    await reviewer.fill('#review-reason textarea', '已核对劳动合同与工资流水，此前在原单位缴费，转入后重新起算');
    await reviewer.click('#review-approve');
    await eventually(
      () => env.api<SubsidyApplicationView>('GET', `/api/subsidy/applications/${submitted.id}`, undefined, login.accessToken),
      a => a.status === 'approved',
    );
  });
});
