import { PiiService } from '../../../server/src/core/pii';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { InsuranceRecordModel } from '../../../server/src/modules/insurance/insurance.model';
import { InsuranceService } from '../../../server/src/modules/insurance/insurance.service';
import { residentId } from '../registry/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { EMPLOYER_A, EMPLOYER_B, insuranceRow, insuranceWorkbook } from './fixtures';

describe('social-insurance import HTTP', () => {
  let t: TestApp;
  let bureau: { auth: string };
  let college: { auth: string };

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const upload = (auth: string | undefined, data: Buffer, name = '社保.xlsx') => {
    const req = t.http().post('/api/staff/insurance/import');
    if (auth) req.set('Authorization', auth);
    return req.attach('file', data, name);
  };
  const count = () => t.db.model(InsuranceRecordModel).countDocuments();

  it('should refuse the import without a signed-in user, and to anyone but the bureau', async () => {
    const data = await insuranceWorkbook([insuranceRow(1)]);
    expect((await upload(undefined, data)).status).toBe(401);
    expect((await t.http().get('/api/staff/insurance/template')).status).toBe(401);
    const res = await upload(college.auth, data);
    expect(res.status).toBe(403);
    expect((await t.http().get('/api/staff/insurance/summary').set('Authorization', college.auth)).status).toBe(403);
    expect(await count()).toBe(0);
  });

  it('should answer a file that is not a workbook with a clear 422', async () => {
    const res = await upload(bureau.auth, Buffer.from('身份证号,单位统一社会信用代码'), '社保.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INSURANCE_FILE_INVALID');
    const csv = await upload(bureau.auth, Buffer.from('a,b'), '社保.csv');
    expect(csv.status).toBe(422);
    expect(csv.body).toMatchObject({ code: 'INSURANCE_FILE_INVALID', field: 'file' });
  });

  it('should refuse a file with malformed IDs or months, naming every bad row, and write nothing', async () => {
    const rows = [
      insuranceRow(1),
      insuranceRow(2, { 身份证号: '21020219990101123' }),
      insuranceRow(3, { 参保起始年月: '七月' }),
      insuranceRow(4, { 累计缴费月数: 'x' }),
      ...Array.from({ length: 300 }, (_, i) => insuranceRow(100 + i, { 累计缴费月数: 700 })),
    ];
    const res = await upload(bureau.auth, await insuranceWorkbook(rows));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ imported: false, code: 'INSURANCE_ROWS_INVALID', badRows: 303, created: 0, updated: 0 });
    expect(res.body.errors.slice(0, 3)).toEqual([
      { row: 3, column: '身份证号', message: '身份证号不正确（位数、出生日期或校验位有误）' },
      { row: 4, column: '参保起始年月', message: '参保起始年月应为年月，如 2026-07' },
      { row: 5, column: '累计缴费月数', message: '累计缴费月数应为 0 至 600 之间的整数' },
    ]);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toContain(305);
    expect(await count()).toBe(0);
  });

  it('should import a clean file with the IDs sealed and hashed, and audit it', async () => {
    const res = await upload(bureau.auth, await insuranceWorkbook([insuranceRow(1), insuranceRow(2, { 单位统一社会信用代码: EMPLOYER_B, 参保起始年月: '2026-11', 累计缴费月数: 1 })]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: true, totalRows: 2, created: 2, updated: 0, errors: [] });
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    const doc = await t.db.model(InsuranceRecordModel).findOne({ idNumberHash: pii.hash(residentId(1)) }).lean();
    expect(doc).toMatchObject({ employerUscc: EMPLOYER_A, startMonth: '2026-01', monthsPaid: 3 });
    expect(doc?.idNumberEnc).not.toContain(residentId(1));
    expect(pii.open(doc!.idNumberEnc)).toBe(residentId(1));
    expect(doc?.idNumberMasked).toMatch(/^2102\*+/);
    expect(await t.db.model(AuditModel).countDocuments({ action: 'insurance.import' })).toBe(1);
  });

  it('should update the months on re-import instead of adding a second record', async () => {
    const res = await upload(bureau.auth, await insuranceWorkbook([insuranceRow(1, { 累计缴费月数: 4 }), insuranceRow(5)]));
    expect(res.body).toMatchObject({ imported: true, created: 1, updated: 1 });
    expect(await count()).toBe(3);
    const insurance = await t.app.getApplicationContext().getAsync(InsuranceService);
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    expect(await insurance.spellsOf(pii.hash(residentId(1)))).toEqual([expect.objectContaining({ employerUscc: EMPLOYER_A, startMonth: '2026-01', monthsPaid: 4 })]);
  });

  it('should tell the bureau how many records and people it holds', async () => {
    const res = await t.http().get('/api/staff/insurance/summary').set('Authorization', bureau.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ records: 3, people: 3 });
    expect(typeof res.body.lastImportAt).toBe('string');
  });

  it('should serve a template whose header the import accepts', async () => {
    const res = await t.http().get('/api/staff/insurance/template').set('Authorization', bureau.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    // The sample row has a made-up ID and code: refused by row, not by header.
    const again = await upload(bureau.auth, res.body as Buffer);
    expect(again.status).toBe(422);
    expect(again.body.errors.every((e: { row: number }) => e.row === 2)).toBe(true);
  });
});
