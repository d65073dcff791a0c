import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { PAYMENT_COLUMNS, type PaymentBatchView, type PaymentImportResult, type SubsidyApplicationView } from '../../server/src/contract/subsidy';
import type { OfferMatchRun, SubsidyOfferView } from '../../server/src/contract/subsidy-offer';
import { insuranceRow, insuranceWorkbook } from '../server/insurance/fixtures';
import { graduateRow, workbook } from '../server/registry/fixtures';
import { bankCard, residentId } from '../server/support/factories';
import { seriousViolations } from './support/axe';
import { demoProgram, eventually, generatedBatch, startE2E, type E2EEnv } from './support/harness';

jest.setTimeout(300_000);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('a graduate sees the stage deadline and expected payment day, corrects a returned account and is paid once (h5 build)', () => {
  let env: E2EEnv;

  beforeAll(async () => {
    env = await startE2E();
  });

  afterAll(async () => {
    await env?.close();
  });

  async function multipart<T>(path: string, token: string, file: Buffer, name: string, type: string): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type }), name);
    const res = await fetch(`${env.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The bank's answer to a batch: every pending line of the exported file gets `result`. */
  async function bankAnswer(batch: PaymentBatchView, token: string, result: '成功' | '失败', reason = ''): Promise<Buffer> {
    const exported = await fetch(`${env.baseUrl}/api/staff/subsidy/batches/${batch.id}/export`, { headers: { Authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exported.arrayBuffer());
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(v => String(v ?? ''));
    for (let r = 2; r <= sheet.rowCount; r++) {
      sheet.getRow(r).getCell(header.indexOf(PAYMENT_COLUMNS.result)).value = result;
      sheet.getRow(r).getCell(header.indexOf(PAYMENT_COLUMNS.reason)).value = reason;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function look(page: Page, name: string): Promise<void> {
    await env.screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  }

  it('should show the deadline and expected payment day, take a corrected account after a bank return, and pay once', async () => {
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    const housing = await demoProgram(env, login.accessToken);

    // The application itself is filled through the API here (subsidy.e2e.ts walks the form).
    await env.api('POST', '/api/me/consents', { purpose: 'subsidy', version: 1 }, login.accessToken);
    const form = {
      idNumber: residentId('2003-04-05'),
      graduationDate: '2026-06-30',
      employmentDistrict: '210211',
      employerName: '大连示例软件有限公司',
      socialInsuranceMonths: 6,
      bankName: '中国工商银行大连分行',
      bankAccount: '6222021234567890128',
    };
    await env.api('POST', '/api/me/consents', { purpose: 'subsidy', version: 1 }, login.accessToken);
    const draft = await env.api<SubsidyApplicationView>('POST', '/api/subsidy/applications', { programId: housing.program.id, form, submit: false }, login.accessToken);
    for (const kind of housing.program.requiredDocuments) {
      await multipart(`/api/subsidy/applications/${draft.id}/documents?kind=${kind}`, login.accessToken, PNG, `${kind}.png`, 'image/png');
    }
    await env.api('POST', '/api/subsidy/applications', { programId: housing.program.id, form: {}, submit: true, consent: true }, login.accessToken);

    // The graduate sees where the application stands against its limit, and when the money should arrive.
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/applications/index`);
    const card = student.locator(`#subsidy-application-${draft.id}`);
    await card.getByText('当前环节：高校核验').waitFor();
    await card.locator('#subsidy-progress-deadline').getByText(/本环节办理期限：\d{4}-\d{2}-\d{2}/).waitFor();
    await card.locator('#subsidy-progress-payment').getByText(/预计到账：\d{4}-\d{2}-\d{2} 前/).waitFor();
    await card.getByText(/已用 0 个工作日（时限 5 个工作日）/).waitFor();
    await look(student, 'subsidy-stage-deadline');

    // Review: each stage passed shows its unit and time on the graduate's timeline.
    const staff = await Promise.all(['d-college', 'e-district', 'f-bureau'].map(a => env.devLogin(a)));
    for (const s of staff) await env.api('POST', `/api/staff/subsidy/applications/${draft.id}/decision`, { decision: 'approve' }, s.accessToken);
    const bureau = staff[2].accessToken;
    await student.reload();
    await card.getByText('当前环节：资金发放').waitFor();
    await card.getByText(/大连理工大学/).first().waitFor();

    // The bank returns the first payment: name and account do not match.
    const first = await generatedBatch<PaymentBatchView>(env, bureau, housing.program.id);
    const returned = await multipart<PaymentImportResult>(
      `/api/staff/subsidy/batches/${first.id}/result`,
      bureau,
      await bankAnswer(first, bureau, '失败', '户名与账号不符'),
      'result.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(returned).toMatchObject({ paid: 0, failed: 1 });

    await student.reload();
    await card.getByText('请更正收款账户').first().waitFor();
    await card.getByText('银行退回原因：户名与账号不符').waitFor();
    await look(student, 'subsidy-account-returned');
    // A card number failing its check digit is caught under the field and nothing is sent.
    await student.fill('#subsidy-correct-bankAccount input', '6222021234567890123');
    await student.click('#subsidy-correct-submit');
    await card.getByText('银行卡号校验位不符，请核对卡号').waitFor();
    const corrected = bankCard('621700123456789012');
    await student.fill('#subsidy-correct-bankName input', '中国建设银行大连分行');
    await student.fill('#subsidy-correct-bankAccount input', corrected);
    await student.click('#subsidy-correct-submit');
    await card.getByText('待发放').first().waitFor();
    await card.getByText('更正收款账户').first().waitFor();
    await look(student, 'subsidy-account-corrected');

    // The next batch takes it with the new account, as a second attempt; the bank pays; a repeated file pays nothing more.
    const second = await generatedBatch<PaymentBatchView>(env, bureau, housing.program.id);
    expect(second.lines.map(l => [l.applicationId, l.key, l.bankAccount])).toEqual([[draft.id, `${draft.id}#2`, `${'*'.repeat(corrected.length - 4)}${corrected.slice(-4)}`]]);
    const paidFile = await bankAnswer(second, bureau, '成功');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(await multipart<PaymentImportResult>(`/api/staff/subsidy/batches/${second.id}/result`, bureau, paidFile, 'paid.xlsx', xlsx)).toMatchObject({ paid: 1 });
    expect(await multipart<PaymentImportResult>(`/api/staff/subsidy/batches/${second.id}/result`, bureau, paidFile, 'paid.xlsx', xlsx)).toMatchObject({ paid: 0, unchanged: 1 });
    // A bank file row for an application that is not in the batch: 422 naming the row, nothing changed.
    const stranger = await fetch(`${env.baseUrl}/api/staff/subsidy/batches/${first.id}/result`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bureau}` },
      body: (() => {
        const f = new FormData();
        f.append('file', new Blob([new Uint8Array(paidFile)], { type: xlsx }), 'wrong-batch.xlsx');
        return f;
      })(),
    });
    expect(stranger.status).toBe(422);
    expect(((await stranger.json()) as { message: string }).message).toContain('第2行');

    await student.reload();
    await card.getByText('已发放').first().waitFor();
    const mine = await env.api<SubsidyApplicationView>('GET', `/api/subsidy/applications/${draft.id}`, undefined, login.accessToken);
    expect(mine.timeline.filter(e => e.action === 'paid')).toHaveLength(1);
    expect(mine.status).toBe('paid');
    await look(student, 'subsidy-paid-once');
  });

  it('should let the bureau edit stage limits and the calendar, refusing a 0 limit and a malformed date by name', async () => {
    const bureau = await env.page();
    const login = await env.signIn(bureau, 'f-bureau');
    await bureau.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-queue/index`);
    await bureau.locator('#subsidy-overdue').waitFor();
    await look(bureau, 'subsidy-staff-queue-overdue');

    await bureau.click('#queue-limits-link');
    await bureau.locator('#schedule').waitFor();
    const settings = await env.api<{ programs: Array<{ id: string; name: string }> }>('GET', '/api/staff/subsidy/stage-settings', undefined, login.accessToken);
    const program = settings.programs[0];
    await look(bureau, 'subsidy-staff-limits');
    await bureau.fill(`#limits-${program.id}-college input`, '0');
    await bureau.click(`#limits-${program.id}-save`);
    await bureau.locator(`#limits-${program.id}`).getByText(/“college”的办理时限应为 1 至 120 个工作日的整数/).waitFor();
    expect((await env.api<{ programs: Array<{ id: string; limits: { college: number } }> }>('GET', '/api/staff/subsidy/stage-settings', undefined, login.accessToken)).programs[0].limits.college).toBe(5);
    await bureau.fill(`#limits-${program.id}-college input`, '3');
    await bureau.click(`#limits-${program.id}-save`);
    await bureau.locator(`#limits-${program.id}`).getByText('已保存').waitFor();

    await bureau.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-calendar/index`);
    await bureau.locator('#calendar-2026').waitFor();
    await look(bureau, 'subsidy-staff-calendar');
    // 2027 is built in from the statutory holidays alone, marked for checking against the State Council's notice.
    await bureau.click('#calendar-tab-2027');
    await bureau.locator('#calendar-2027').waitFor();
    await bureau.locator('#calendar-provisional').getByText('2027年：待国务院办公厅放假安排发布后核对').waitFor();
    expect(await bureau.locator('#calendar-tab-2027').innerText()).toContain('待核对');
    expect(await bureau.inputValue('#calendar-holidays textarea')).toContain('2027-02-05');
    await look(bureau, 'subsidy-staff-calendar-2027');
    await bureau.fill('#calendar-holidays textarea', '2027-01-01\n2027-02-30');
    await bureau.click('#calendar-save');
    await bureau.getByText(/第2个日期“2027-02-30”不是日历上存在的日期/).waitFor();
    await look(bureau, 'subsidy-staff-calendar-refused');
    const after = await env.api<{ calendars: Array<{ year: number; provisional?: boolean }> }>('GET', '/api/staff/subsidy/stage-settings', undefined, login.accessToken);
    expect(after.calendars.map(c => [c.year, c.provisional ?? false])).toEqual([
      [2026, false],
      [2027, true],
    ]);
  });

  it('should offer a 免申即享 subsidy from the records, confirmed with one tap and paid', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const bureau = (await env.devLogin('f-bureau')).accessToken;
    const student = await env.page();
    const login = await env.signIn(student, 'b-student-dlut');
    // The graduate's account holds the resident ID the registry and the 社保 export know; the ID number and bank
    // account are processed under separate consents: the profile's ID under 1311 support (agreed here), the
    // application's under the subsidy consent, which the offer card asks for before it shows the form (this
    // graduate agreed to it in the first test: withdrawn here, so the card must ask again).
    await env.api('POST', '/api/me/consents', { purpose: 'support', version: 1 }, login.accessToken);
    const consents = await env.api<Array<{ purpose: string; status: string }>>('GET', '/api/me/consents', undefined, login.accessToken);
    if (consents.some(c => c.purpose === 'subsidy' && c.status === 'given')) {
      await env.api('POST', '/api/me/consents/subsidy/withdraw', undefined, login.accessToken);
    }
    const idNumber = residentId('2003-09-09', 77);
    await env.api(
      'PUT',
      '/api/me/profile',
      { name: '李明', collegeId: 'dlut', degree: 'bachelor', major: '软件工程', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', idNumber },
      login.accessToken,
    );
    const year = new Date().getFullYear();
    const program = await env.api<{ id: string }>(
      'POST',
      '/api/staff/subsidy/programs',
      {
        name: '免申即享就业补贴（测试）',
        legalBasis: '留连来连行动六',
        applicantKind: 'graduate',
        period: `${year}`,
        opensAt: `${year}-01-01`,
        closesAt: `${year + 1}-12-31`,
        requiredDocuments: [],
        conditions: [
          { field: 'employedInDalian', op: 'eq', value: true },
          { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
        ],
        amount: { kind: 'table', rows: [{ when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县标准（示例金额）' }, { when: {}, amount: 8000, label: '一般标准（示例金额）' }] },
        workflow: ['bureau'],
        offerMode: 'apply',
        note: '示例金额',
        active: true,
      },
      bureau,
    );
    const row = graduateRow(1, { 姓名: '李明', 身份证号: idNumber, 单位名称: '大连示例软件有限公司', 单位所在区市县: '甘井子区' });
    await multipart(`/api/staff/registry/import?collegeId=dlut`, bureau, await workbook([row]), '名单.xlsx', xlsx);
    await multipart('/api/staff/insurance/import', bureau, await insuranceWorkbook([insuranceRow(1, { 身份证号: idNumber, 累计缴费月数: 5, 参保起始年月: '2026-07' })]), '社保.xlsx', xlsx);

    // The bureau marks the program 免申即享 on its settings page (asked first), and it shows on the program card.
    const staff = await env.page();
    await env.signIn(staff, 'f-bureau');
    await staff.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-limits/index`);
    const toggle = staff.locator(`#offer-mode-${program.id}`);
    await toggle.getByText('系统根据登记和社保数据主动匹配，毕业生一键确认').waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.scrollIntoViewIfNeeded();
    await look(staff, 'subsidy-staff-offer-mode-off');
    await toggle.click();
    const modal = staff.locator('.taro__modal');
    await modal.locator('.taro-model__confirm', { hasText: '开启' }).click();
    await staff.locator(`#offer-mode-${program.id}-message`).getByText('已开启免申即享').waitFor();
    // The settings reload: the switch reads on and the card carries the 免申即享 tag.
    await staff.locator(`#offer-mode-${program.id}[aria-checked="true"]`).getByText('已开启').waitFor();
    await staff.locator(`#limits-${program.id} .staff-limits__tag`).getByText('免申即享').waitFor();
    await look(staff, 'subsidy-staff-offer-mode-on');

    // It runs the match on the 免申即享 page: answered at once, the page follows the run until it is done.
    await staff.goto(`${env.baseUrl}/#/packages/subsidy/pages/staff-offers/index`);
    const panel = staff.locator(`#offers-${program.id}`);
    await panel.waitFor();
    await staff.click(`#offers-${program.id}-start`);
    await panel.locator(`#offers-${program.id}-run[data-status="done"]`).getByText(/新发提醒 1 条/).waitFor({ timeout: 60_000 });
    await panel.locator(`#offers-${program.id}-offered`).getByText('1').waitFor();
    await look(staff, 'subsidy-staff-offers');
    // A rerun offers no one twice.
    const rerun = await env.api<OfferMatchRun>('POST', `/api/staff/subsidy/programs/${program.id}/match`, undefined, bureau);
    expect(await eventually(() => env.api<OfferMatchRun>('GET', `/api/staff/subsidy/match-runs/${rerun.id}`, undefined, bureau), r => r.status === 'done', 30_000)).toMatchObject({ created: 0 });

    // A run another process holds shows its progress; when that process dies (its lease runs out) the page's polling
    // takes it over, and it finishes without a second offer.
    const conn = await mongoose.createConnection(env.databaseUri).asPromise();
    try {
      const runs = conn.collection('subsidy_match_runs');
      const now = Date.now();
      const { insertedId } = await runs.insertOne({
        programId: new mongoose.Types.ObjectId(program.id),
        period: `${year}`,
        runningKey: `${program.id}:${year}`,
        status: 'running',
        actor: { id: rerun.id, roles: ['bureau'], scope: {}, sessionId: 'e2e' },
        total: 2,
        scanned: 1,
        matched: 1,
        created: 0,
        notified: 0,
        takeovers: 0,
        leaseOwner: 'another-process',
        leaseUntil: new Date(now + 60_000),
        startedAt: new Date(now),
        createdAt: new Date(now),
        updatedAt: new Date(now),
      });
      await staff.reload();
      const running = panel.locator(`#offers-${program.id}-run[data-status="running"]`);
      await running.getByText(/正在比对（后台运行，可离开本页）：已读取实名库 1 \/ 2 条/).waitFor();
      await running.locator('[role="progressbar"]').waitFor();
      expect(await staff.locator(`#offers-${program.id}-start`).isDisabled()).toBe(true);
      await look(staff, 'subsidy-staff-offers-running');
      await runs.updateOne({ _id: insertedId }, { $set: { leaseUntil: new Date(Date.now() - 1_000) } });
      await panel.locator(`#offers-${program.id}-run[data-status="done"]`).getByText(/上次比对 .* 完成/).waitFor({ timeout: 30_000 });
      expect(await runs.findOne({ _id: insertedId })).toMatchObject({ status: 'done', takeovers: 1, created: 0 });
      expect(await conn.collection('subsidy_offers').countDocuments({ programId: new mongoose.Types.ObjectId(program.id) })).toBe(1);
    } finally {
      await conn.close();
    }

    // The graduate sees the offer on 我的补贴申请; someone else's confirm of it is 404 and changes nothing.
    const [offer] = (await env.api<SubsidyOfferView[]>('GET', '/api/subsidy/offers', undefined, login.accessToken)).filter(o => o.programId === program.id);
    const other = await env.devLogin('a-student-new');
    const stranger = await fetch(`${env.baseUrl}/api/subsidy/offers/${offer.id}/confirm`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${other.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ bankName: '中国工商银行大连分行', bankAccount: bankCard('622202150000000777'), consent: true }),
    });
    expect(stranger.status).toBe(404);
    // The program list says the program is 免申即享 and what that means for the graduate.
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/programs/index`);
    await student.locator(`#program-auto-${program.id}`).getByText(/系统根据登记和社保数据主动匹配/).waitFor();
    await student.locator(`#program-auto-${program.id}`).scrollIntoViewIfNeeded();
    await look(student, 'subsidy-programs-auto');
    await student.goto(`${env.baseUrl}/#/packages/subsidy/pages/applications/index`);
    const card = student.locator(`#subsidy-offer-${offer.id}`);
    await card.getByText('你符合免申即享就业补贴（测试），约8000元').waitFor();
    await card.getByText(/社保参保记录（2026-07起，累计缴费5个月）/).waitFor();
    await card.locator(`#offer-consent-needed-${offer.id}`).waitFor();
    await look(student, 'subsidy-offer');
    await student.click(`#offer-consent-open-${offer.id}`);
    await student.locator('#consent-sheet').waitFor();
    await look(student, 'subsidy-offer-consent-sheet');
    await student.click('#consent-sheet-agree');
    await student.locator(`#offer-bankName-${offer.id} input`).waitFor();
    await student.fill(`#offer-bankName-${offer.id} input`, '中国工商银行大连分行');
    await student.fill(`#offer-bankAccount-${offer.id} input`, bankCard('622202150000000777'));
    // 不需要 and 一键确认 side by side, one height.
    const heights = await Promise.all([`#offer-decline-${offer.id}`, `#offer-confirm-${offer.id}`].map(async id => (await student.locator(id).boundingBox())?.height));
    expect(heights[0]).toBeGreaterThanOrEqual(44);
    expect(heights[0]).toBe(heights[1]);
    await card.locator(`#offer-confirm-${offer.id}`).scrollIntoViewIfNeeded();
    await look(student, 'subsidy-offer-form');
    await student.click(`#offer-confirm-${offer.id}`);
    await card.getByText('请阅读并同意信息使用授权').waitFor();
    await student.click(`#offer-consent-text-${offer.id}`);
    await student.click(`#offer-confirm-${offer.id}`);
    const confirmed = await eventually(
      () => env.api<SubsidyOfferView[]>('GET', '/api/subsidy/offers', undefined, login.accessToken),
      list => list.some(o => o.id === offer.id && o.status === 'confirmed'),
      20_000,
    );
    const applicationId = confirmed.find(o => o.id === offer.id)?.applicationId ?? '';
    const app = student.locator(`#subsidy-application-${applicationId}`);
    await app.getByText('审核中').first().waitFor();

    // The rest is the ordinary flow: the bureau approves, a batch pays it.
    await env.api('POST', `/api/staff/subsidy/applications/${applicationId}/decision`, { decision: 'approve' }, bureau);
    const batch = await generatedBatch<PaymentBatchView>(env, bureau, program.id);
    expect(batch.lines.map(l => l.applicationId)).toEqual([applicationId]);
    expect(await multipart<PaymentImportResult>(`/api/staff/subsidy/batches/${batch.id}/result`, bureau, await bankAnswer(batch, bureau, '成功'), 'paid.xlsx', xlsx)).toMatchObject({ paid: 1 });
    await student.reload();
    await app.getByText('已发放').first().waitFor();
    await look(student, 'subsidy-offer-paid');
  });
});
