import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import {
  PAYMENT_COLUMNS,
  paymentFileName,
  type PaymentBatchPreview,
  type PaymentBatchView,
  type SubsidyApplicationView,
  type SubsidyGuideView,
} from '../../server/src/contract/subsidy';
import type { StaffNoticeView } from '../../server/src/contract/subsidy-publicity';
import { residentId } from '../server/support/factories';
import { seriousViolations } from './support/axe';
import { demoProgram, endNotice, eventually, fillHousingForm, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(240_000);

// A real image: uploads are decoded and encoded afresh.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function uploadDocument(page: Page, kind: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click(`#subsidy-upload-${kind}`);
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG });
}

describe('a graduate is paid a housing subsidy through the h5 build', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('should give each program a 办事指南 and its amounts, offer 立即办理 on the policy, and start the form from the profile and the recorded hire', async () => {
    const guides = await eventually(
      () => env.api<SubsidyGuideView[]>('GET', '/api/subsidy-guides'),
      list => list.some(g => g.name === '高校毕业生学费补助'),
      60_000,
    );
    const housing = guides.find(g => g.name === '高校毕业生住房补贴');
    const tuition = guides.find(g => g.name === '高校毕业生学费补助');
    if (!housing || !tuition) throw new Error('demo programs missing');
    const policyId = tuition.policyIds[0];
    expect(housing.policyIds).toEqual([policyId]);

    // A guest reads the policy, what it gives, and the guide.
    const guest = await env.page();
    await guest.goto(`${env.baseUrl}/#/packages/policy/pages/detail/index?id=${policyId}`);
    await guest.locator(`#policy-program-${tuition.programId}`).waitFor();
    const offer = await guest.locator('#policy-subsidies').innerText();
    expect(offer).toContain('高校毕业生住房补贴');
    expect(offer).toContain('补贴标准：8000–30000 元');
    expect(offer.match(/示例金额/g)).toHaveLength(1);
    await env.screenshot(guest, 'subsidy-policy-offer');
    expect(await seriousViolations(guest)).toEqual([]);
    await guest.click(`#policy-guide-${housing.programId}`);
    await guest.locator('#guide-materials').waitFor();
    const guideText = await guest.locator('.subsidy-guide').innerText();
    for (const line of ['本科标准：1000 元', '社保缴纳月数不少于3个月', '示例：合同期限', '区市县审核', '10 个工作日内', '12333']) expect(guideText).toContain(line);
    await env.screenshot(guest, 'subsidy-guide');
    expect(await seriousViolations(guest)).toEqual([]);

    // The graduate's hire is on record (甘井子区, the employer the later application declares).
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const conn = await mongoose.createConnection(env.databaseUri).asPromise();
    const { insertedId } = await conn.collection('graduates').insertOne({
      name: '李明', idNumberEnc: 'e2e', idNumberHash: 'e2e-guide', idNumberMasked: '2102**********0000', schoolName: '大连理工大学', collegeId: 'dlut',
      doubleFirstClass: true, degree: 'bachelor', major: '软件工程', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', originInProvince: true,
      hardship: [], intention: '', userId: new mongoose.Types.ObjectId(login.userId),
      destination: { kind: 'market-job', employer: '大连示例软件有限公司', districtCode: '210211', date: new Date('2026-07-01T02:00:00Z'), source: 'job-hire' },
      createdAt: new Date(), updatedAt: new Date(),
    });

    try {
      // The list: each program's amount, the example said once, no enterprise program.
      await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/programs/index`);
      await student.locator(`#program-amount-${tuition.programId}`).waitFor();
      expect(await student.locator(`#program-amount-${housing.programId}`).innerText()).toBe('补贴标准：1000–3000 元');
      expect(await student.locator('#subsidy-example-amounts').count()).toBe(1);
      expect(await student.locator('.ll-page').innerText()).not.toContain('小微企业吸纳就业补贴');
      await env.screenshot(student, 'subsidy-programs-amounts');
      expect(await seriousViolations(student)).toEqual([]);

      // 立即办理 from the policy opens the tuition form: its own fields, started from the records.
      await student.goto(`${env.baseUrl}/#/packages/policy/pages/detail/index?id=${policyId}`);
      await student.click(`#policy-start-${tuition.programId}`);
      await student.locator('#subsidy-prefill-note').waitFor();
      const note = await student.locator('#subsidy-prefill-note').innerText();
      expect(note).toContain('就业地区和就业单位已按平台录用记录（2026年7月1日）预填');
      expect(note).toContain('毕业时间按个人资料中的毕业年份预填为6月30日');
      expect(await student.locator('#subsidy-profile-facts').innerText()).toContain('学历：本科；毕业院校：大连理工大学（双一流）');
      expect(await student.locator('#subsidy-employerName input').inputValue()).toBe('大连示例软件有限公司');
      expect(await student.locator('#subsidy-traineeMonths, #subsidy-businessRegistered, #subsidy-hardship').count()).toBe(0);
      expect(await student.locator('#subsidy-verdict').innerText()).toBe('信息不完整：请填写社保缴纳月数');
      await student.fill('#subsidy-socialInsuranceMonths input', '6');
      await student.getByText('适用双一流标准，补贴 20000 元').waitFor();
      // Another district than the record: the hint says so, and the verdict follows the typed district.
      await student.click('#subsidy-employmentDistrict');
      await student.click('#subsidy-employmentDistrict-option-210283');
      await student.getByText('与平台记录的就业地区（甘井子区）不一致，审核人员将核实').waitFor();
      await student.getByText('适用双一流·两市一县标准，补贴 30000 元').waitFor();
      await env.screenshot(student, 'subsidy-apply-prefill-mismatch');
      expect(await seriousViolations(student)).toEqual([]);
    } finally {
      await conn.collection('graduates').deleteOne({ _id: insertedId });
      await conn.close();
    }
  });

  it('should warn under the field about a card number or ID failing its check, and send nothing', async () => {
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const housing = await demoProgram(env, login.accessToken);
    const sent: string[] = [];
    student.on('request', r => {
      if (r.method() === 'POST' && r.url().includes('/api/subsidy/applications')) sent.push(r.url());
    });
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/apply/index?programId=${housing.program.id}`);
    // ID, hardship and card are asked for only after the separate consent (#12.3).
    await student.click('#subsidy-consent-open');
    await student.locator('#consent-sheet').getByText('身份证号码、银行账号、家庭困难情况').waitFor();
    await env.screenshot(student, 'subsidy-consent-sheet');
    expect(await seriousViolations(student)).toEqual([]);
    await student.click('#consent-sheet-agree');
    await student.fill('#subsidy-bankAccount input', '6222021234567890123');
    await student.fill('#subsidy-idNumber input', '21020220030405');
    await student.locator('#subsidy-bankName input').focus();
    await student.getByText('银行卡号校验位不符，请核对卡号').waitFor();
    await student.getByText('身份证号应为18位，当前14位').waitFor();
    await env.screenshot(student, 'subsidy-apply-check-digits');
    expect(await seriousViolations(student)).toEqual([]);
    await student.click('#subsidy-save');
    await student.waitForTimeout(500);
    expect(sent).toEqual([]);
  });

  it('should apply with documents, pass college, district and bureau review, be paid in a batch and see 已发放', async () => {
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const housing = await demoProgram(env, login.accessToken);

    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/programs/index`);
    await student.locator(`#program-${housing.program.id}`).waitFor();

    await env.api('POST', '/api/me/consents', { purpose: 'subsidy', version: 1 }, login.accessToken);
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/apply/index?programId=${housing.program.id}`);
    await fillHousingForm(student, residentId('2003-04-05'));
    for (const kind of housing.program.requiredDocuments) {
      await uploadDocument(student, kind, `${kind}.png`);
      await student.getByText('（已上传1份）').nth(housing.program.requiredDocuments.indexOf(kind)).waitFor();
    }
    await student.click('.subsidy-apply__consent-text');
    await student.click('#subsidy-submit');

    const [submitted] = await eventually(
      () => env.api<SubsidyApplicationView[]>('GET', '/api/subsidy/applications', undefined, login.accessToken),
      apps => apps.some(a => a.status === 'reviewing'),
    );
    expect(submitted).toMatchObject({ stage: 'college', amount: 1000, documents: expect.any(Array) });
    expect(submitted.form.bankAccount).toBe('***************0128');

    for (const [account, next] of [['d-college', 'district'], ['e-district', 'bureau'], ['f-bureau', undefined]] as const) {
      const staff = await env.page({ width: 1280, height: 800 });
      await env.signIn(staff, account);
      await staff.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-review/index?id=${submitted.id}`);
      await staff.getByText('规则判断：').waitFor();
      await staff.click('#review-approve');
      await eventually(
        () => env.api<SubsidyApplicationView>('GET', `/api/subsidy/applications/${submitted.id}`, undefined, login.accessToken),
        a => (next ? a.stage === next : a.status === 'approved'),
      );
      await staff.close();
    }

    // 生成批次 shows what it will do first (lines, money, by program and district, what stays out), on a phone.
    const bureau = await env.page();
    const bureauLogin = await env.signIn(bureau, 'f-bureau');
    await bureau.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-batches/index`);
    await bureau.click('#batch-create');
    const shown = await env.api<PaymentBatchPreview>('POST', '/api/staff/subsidy/batches/preview', {}, bureauLogin.accessToken);
    const preview = bureau.locator('#batch-preview');
    await preview.locator('#batch-preview-totals', { hasText: `将发放 ${shown.count} 笔，共 ${shown.total.toLocaleString('en-US')} 元` }).waitFor();
    await preview.getByText('按补贴项目').waitFor();
    await preview.getByText('高校毕业生住房补贴').first().waitFor();
    await preview.getByText('按就业地区').waitFor();
    expect(await seriousViolations(bureau)).toEqual([]);
    await env.screenshot(bureau, 'subsidy-batch-preview');
    await bureau.click('#batch-confirm');
    await bureau.locator('#batch-message', { hasText: '已生成批次' }).waitFor();
    const batches = await env.api<PaymentBatchView[]>('GET', '/api/staff/subsidy/batches', undefined, bureauLogin.accessToken);
    const batch = batches.find(b => b.lines.some(l => l.applicationId === submitted.id))!;
    expect(batch).toBeDefined();
    expect(batch.totals).toMatchObject({ count: shown.count, total: shown.total });

    // 公示 before payment: the bureau publishes the batch; the bank file waits for the notice to end.
    await bureau.click(`#batch-${batch.id}-publish`);
    await bureau.locator('.taro__modal', { hasText: '将公示批次' }).locator('.taro-model__confirm').click();
    await bureau.locator('#batch-message', { hasText: '已发布公示，公示至' }).waitFor();
    await bureau.locator(`#batch-${batch.id}-publicity`, { hasText: '公示中' }).waitFor();
    const early = await fetch(`${env.baseUrl}/api/staff/subsidy/batches/${batch.id}/export`, { headers: { Authorization: `Bearer ${bureauLogin.accessToken}` } });
    expect([early.status, ((await early.json()) as { code: string }).code]).toEqual([409, 'SUBSIDY_NOTICE_RUNNING']);
    await env.screenshot(bureau, 'subsidy-batch-published');
    expect(await seriousViolations(bureau)).toEqual([]);
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/applications/index`);
    await student.locator(`#subsidy-application-${submitted.id}`).getByText('发放前公示').first().waitFor();

    // Anyone logged in (here a recruiter) reads the masked list and objects to one entry, with a picture as evidence.
    const objector = await env.page();
    await env.signIn(objector, 'c-recruiter');
    await objector.goto(`${env.baseUrl}/#/packages/subsidy/pages/notices/index`);
    await objector.locator(`#notice-${batch.id}`, { hasText: `共 ${batch.lines.length} 人` }).waitFor();
    // The objector finds the line by the applicant's full name (the answer stays masked); part of it finds nothing.
    const applicantName = batch.lines.find(l => l.applicationId === submitted.id)!.name;
    await objector.fill(`#notice-search-${batch.id} input`, applicantName.slice(0, 1));
    await objector.click(`#notice-search-submit-${batch.id}`);
    await objector.getByText(`名单中没有“${applicantName.slice(0, 1)}”`).waitFor();
    await objector.fill(`#notice-search-${batch.id} input`, applicantName);
    await objector.click(`#notice-search-submit-${batch.id}`);
    const entry = objector.locator(`#entry-${submitted.id}`);
    await entry.waitFor();
    await objector.getByText(`名单中姓名为“${applicantName}”的：`).waitFor();
    expect(await entry.innerText()).not.toContain(applicantName);
    expect(await entry.innerText()).toMatch(/\*/);
    expect(await entry.innerText()).toContain('1000 元');
    await objector.click(`#object-${submitted.id}`);
    await objector.fill('#objection-reason textarea', '据我了解此人已离开大连，劳动合同可能不实，请核实');
    await objector.fill('#objection-phone input', '13912345678');
    const evidence = objector.waitForEvent('filechooser');
    await objector.click('#objection-add-image');
    await (await evidence).setFiles({ name: 'proof.png', mimeType: 'image/png', buffer: PNG });
    await objector.getByText('proof.png').waitFor();
    await env.screenshot(objector, 'subsidy-notices-objection-form');
    expect(await seriousViolations(objector)).toEqual([]);
    await objector.click('#objection-submit');
    await objector.locator('#notices-message', { hasText: '异议已提交' }).waitFor();
    await objector.locator('#my-objections').getByText('证据 1 份').waitFor();
    await entry.getByText('核实中').waitFor();
    await env.screenshot(objector, 'subsidy-notices');
    expect(await seriousViolations(objector)).toEqual([]);
    await objector.close();

    // The bureau reads it on 公示与异议 and dismisses it with a reason; the line goes back into the payment.
    await bureau.click('#batch-notices-link');
    const card = bureau.locator(`#staff-notice-${batch.id}`);
    await card.getByText('据我了解此人已离开大连').waitFor();
    await card.locator(`#staff-notice-${batch.id}-list`).click();
    await card.locator(`#staff-entry-${submitted.id}`, { hasText: '暂缓发放' }).waitFor();
    await env.screenshot(bureau, 'subsidy-staff-notices');
    expect(await seriousViolations(bureau)).toEqual([]);
    const objectionId = ((await card.locator('.staff-notices__objection').first().getAttribute('id')) ?? '').replace('objection-', '');
    await bureau.fill(`#objection-${objectionId}-reason textarea`, '经核实，申请人劳动合同和社保缴费记录真实');
    await bureau.click(`#objection-${objectionId}-dismiss`);
    await card.getByText('异议不成立（恢复发放）').waitFor();
    const released = await env.api<PaymentBatchView>('GET', `/api/staff/subsidy/batches/${batch.id}`, undefined, bureauLogin.accessToken);
    expect(released.lines.find(l => l.applicationId === submitted.id)?.held).toBeUndefined();
    // The objection is a 公示异议 complaint, closed with the decision; the complaint desk points to the notice page.
    const [decided] = (await env.api<StaffNoticeView[]>('GET', '/api/staff/subsidy/notices', undefined, bureauLogin.accessToken)).find(n => n.id === batch.id)?.objections ?? [];
    await bureau.goto(`${env.baseUrl}/#/packages/complaint/pages/staff-detail/index?id=${decided.complaintId}`);
    await bureau.locator('#complaint-objection-note').waitFor();
    await bureau.getByText('异议不成立：经核实，申请人劳动合同和社保缴费记录真实').first().waitFor();
    await env.screenshot(bureau, 'subsidy-objection-complaint');
    expect(await seriousViolations(bureau)).toEqual([]);

    // The notice's working days pass; then the batch is paid.
    await endNotice(env, batch.id);
    await bureau.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-batches/index`);
    await bureau.reload();
    await bureau.locator(`#batch-${batch.id}-publicity`, { hasText: '公示期满' }).waitFor();

    // The bank file downloads under a name that says what it is and when.
    const [download] = await Promise.all([bureau.waitForEvent('download'), bureau.locator(`#batch-${batch.id}`).getByText('导出银行文件').click()]);
    expect(download.suggestedFilename()).toBe(paymentFileName(batch));
    expect(download.suggestedFilename()).toMatch(/^补贴发放清单-\d{4}-\d{2}-\d{2}-BT\d{8}[0-9A-F]{6}\.xlsx$/);
    const exported = await fetch(`${env.baseUrl}/api/staff/subsidy/batches/${batch.id}/export`, { headers: { Authorization: `Bearer ${bureauLogin.accessToken}` } });
    expect(exported.status).toBe(200);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(exported.headers.get('content-disposition') ?? '')?.[1] ?? '')).toBe(paymentFileName(batch));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exported.arrayBuffer());
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(v => String(v ?? ''));
    const resultCol = header.indexOf(PAYMENT_COLUMNS.result);
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(resultCol).value = '成功';
    const result = Buffer.from(await wb.xlsx.writeBuffer());

    await bureau.locator(`#batch-${batch.id}`).waitFor();
    const chooser = bureau.waitForEvent('filechooser');
    await bureau.locator(`#batch-${batch.id}`).getByText('导入回盘').click();
    await (await chooser).setFiles({ name: 'result.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: result });
    await bureau.locator('.taro__modal', { hasText: '将按“result.xlsx”登记' }).locator('.taro-model__confirm').click();
    await bureau.getByText('回盘已导入').waitFor();

    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/applications/index`);
    await student.locator(`#subsidy-application-${submitted.id}`).getByText('已发放').first().waitFor();
    await env.screenshot(student, 'subsidy-paid');
  });
});
