import { PiiService } from '../../../server/src/core/pii';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { RegistryService } from '../../../server/src/modules/registry/registry.service';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { createTestApp, type TestApp } from '../support/test-app';
import { graduateRow, residentId, workbook } from './fixtures';

type Auth = { auth: string };

describe('registry HTTP', () => {
  let t: TestApp;
  let dlut: Auth;
  let dlmu: Auth;
  let district: Auth;
  let bureau: Auth;
  let student: Auth & { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    dlut = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    dlmu = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
    district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    bureau = await t.user({ roles: ['bureau'] });
    const s = await t.user({ roles: ['student'] });
    student = { auth: s.auth, id: s.doc._id.toHexString() };
    const pii = await t.app.getApplicationContext().getAsync(PiiService);
    await t.db.model(UserModel).updateOne({ _id: s.doc._id }, { $set: { idNumberHash: pii.hash(residentId(1)) } });
  });

  afterAll(async () => {
    await t.close();
  });

  const upload = (auth: string, data: Buffer, name = '名单.xlsx', query = '') =>
    t.http().post(`/api/staff/registry/import${query}`).set('Authorization', auth).attach('file', data, name);
  const count = () => t.db.model(GraduateModel).countDocuments();

  it('should refuse every registry route without a signed-in user', async () => {
    expect((await t.http().get('/api/staff/registry/template')).status).toBe(401);
    expect((await t.http().get('/api/staff/registry/graduates')).status).toBe(401);
    expect((await t.http().post('/api/staff/registry/import').attach('file', await workbook([graduateRow(1)]), 'a.xlsx')).status).toBe(401);
    expect((await t.http().get('/api/registry/mine')).status).toBe(401);
    const forged = await upload('Bearer not-a-token', await workbook([graduateRow(1)]));
    expect(forged.status).toBe(401);
  });

  it('should refuse students the staff routes and districts the import', async () => {
    expect((await t.http().get('/api/staff/registry/graduates').set('Authorization', student.auth)).status).toBe(403);
    expect((await t.http().get('/api/staff/registry/template').set('Authorization', student.auth)).status).toBe(403);
    expect((await upload(student.auth, await workbook([graduateRow(1)]))).status).toBe(403);
    expect((await upload(district.auth, await workbook([graduateRow(1)]))).status).toBe(403);
    expect((await t.http().get('/api/registry/mine').set('Authorization', dlut.auth)).status).toBe(403);
  });

  it('should refuse a college importing into another college and the bureau importing without naming one', async () => {
    const res = await upload(dlut.auth, await workbook([graduateRow(1)]), 'a.xlsx', '?collegeId=dlmu');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
    const city = await upload(bureau.auth, await workbook([graduateRow(1)]));
    expect(city.status).toBe(422);
    expect(city.body.code).toBe('REGISTRY_COLLEGE_REQUIRED');
    expect(await count()).toBe(0);
  });

  it('should serve the template as a workbook whose header the import accepts', async () => {
    const res = await t.http().get('/api/staff/registry/template').set('Authorization', dlut.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    // The sample row (张三) has a made-up ID, so the unchanged template is refused by row, not by header.
    const again = await upload(dlut.auth, res.body as Buffer);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'REGISTRY_ROWS_INVALID' });
    expect(again.body.errors.every((e: { row: number }) => e.row === 2)).toBe(true);
  });

  it('should answer a text file renamed .xlsx with a clear 422 and write nothing', async () => {
    const res = await upload(dlut.auth, Buffer.from('姓名,身份证号\n张三,210202200301010011\n'), 'fake.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('REGISTRY_FILE_INVALID');
    expect(res.body.message).toContain('Excel');
    const zipNotWorkbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    const broken = await upload(dlut.auth, zipNotWorkbook, 'broken.xlsx');
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('REGISTRY_FILE_INVALID');
    expect(await count()).toBe(0);
  });

  it('should report wrong headers without reading rows', async () => {
    const res = await upload(dlut.auth, await workbook([graduateRow(1)], ['姓名', '证件号码', '学历']));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ imported: false, code: 'REGISTRY_ROWS_INVALID' });
    expect(res.body.errors[0]).toMatchObject({ row: 1, column: '身份证号' });
    expect(await count()).toBe(0);
  });

  it('should write nothing when any row is bad, and list each bad row with its reason', async () => {
    const bad = residentId(3).slice(0, 17) + (residentId(3)[17] === '1' ? '2' : '1');
    const rows = [graduateRow(1), graduateRow(2), graduateRow(3, { 身份证号: bad }), graduateRow(4, { 去向日期: '2999-01-01' }), graduateRow(2)];
    const res = await upload(dlut.auth, await workbook(rows));
    expect(res.status).toBe(422);
    expect(res.body.imported).toBe(false);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 4, column: '身份证号' }),
      expect.objectContaining({ row: 5, column: '去向日期' }),
      expect.objectContaining({ row: 6, message: expect.stringContaining('重复') }),
    ]);
    expect(await count()).toBe(0);
  });

  it('should import a clean file, link the registered student and audit the import', async () => {
    const res = await upload(dlut.auth, await workbook([graduateRow(1), graduateRow(2, { 去向: '', 单位名称: '', 单位所在区市县: '', 去向日期: '' })]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: true, created: 2, updated: 0, linked: 1, errors: [] });
    const doc = await t.db.model(GraduateModel).findOne({ name: '学生1' }).lean();
    expect(doc?.idNumberEnc).not.toContain(residentId(1));
    expect(doc?.userId?.toHexString()).toBe(student.id);
    expect(await t.db.model(AuditModel).countDocuments({ action: 'registry.import', targetId: 'dlut' })).toBe(1);
  });

  it('should update rather than duplicate on re-import', async () => {
    const res = await upload(dlut.auth, await workbook([graduateRow(2, { 去向: '升学', 单位名称: '', 单位所在区市县: '甘井子区' })]));
    expect(res.body).toMatchObject({ imported: true, created: 0, updated: 1 });
    expect(await count()).toBe(2);
    const doc = await t.db.model(GraduateModel).findOne({ name: '学生2' }).lean();
    expect(doc?.destination?.kind).toBe('further-study');
  });

  it('should refuse a graduate already registered by another college', async () => {
    const res = await upload(dlmu.auth, await workbook([graduateRow(1), graduateRow(50)]));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 2, message: '该毕业生已由其他高校登记，请核实' })]);
    expect(await count()).toBe(2);
  });

  it('should show a college only its own graduates, with masked ID numbers', async () => {
    const own = await t.http().get('/api/staff/registry/graduates').set('Authorization', dlut.auth);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(2);
    expect(own.body.items[0].idNumber).toMatch(/\*{4,}/);
    expect(JSON.stringify(own.body)).not.toContain(residentId(1));
    const other = await t.http().get('/api/staff/registry/graduates').set('Authorization', dlmu.auth);
    expect(other.body.items).toHaveLength(0);
    const peek = await t.http().get('/api/staff/registry/graduates?collegeId=dlut').set('Authorization', dlmu.auth);
    expect(peek.status).toBe(403);
    expect(peek.body.code).toBe('OUT_OF_SCOPE');
  });

  it('should show a district the graduates whose destination is in it, and the bureau all', async () => {
    const d = await t.http().get('/api/staff/registry/graduates').set('Authorization', district.auth);
    expect(d.body.items.map((g: { name: string }) => g.name).sort()).toEqual(['学生1', '学生2']);
    const all = await t.http().get('/api/staff/registry/graduates?destination=none').set('Authorization', bureau.auth);
    expect(all.body.items).toHaveLength(0);
    const bad = await t.http().get('/api/staff/registry/graduates?destination=moon').set('Authorization', bureau.auth);
    expect(bad.status).toBe(422);
  });

  it('should find a college\'s graduates by the start of the name, taking the query as text', async () => {
    const hit = await t.http().get(`/api/staff/registry/graduates?q=${encodeURIComponent('学生2')}`).set('Authorization', dlut.auth);
    expect(hit.body.items.map((g: { name: string }) => g.name)).toEqual(['学生2']);
    const none = await t.http().get(`/api/staff/registry/graduates?q=${encodeURIComponent('.*')}`).set('Authorization', dlut.auth);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('should give the student their own linked record', async () => {
    const res = await t.http().get('/api/registry/mine').set('Authorization', student.auth);
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ name: '学生1', collegeId: 'dlut', linked: true });
  });

  it('should let other modules record a destination through the service', async () => {
    const registry = await t.app.getApplicationContext().getAsync(RegistryService);
    expect(await registry.recordDestination({ userId: student.id, kind: 'public-sector', employer: '大连市某事业单位', districtCode: '210202', date: new Date('2026-08-01'), source: 'subsidy' })).toBe(true);
    const doc = await t.db.model(GraduateModel).findOne({ name: '学生1' }).lean();
    expect(doc?.destination).toMatchObject({ kind: 'public-sector', source: 'subsidy', districtCode: '210202' });
    expect(await registry.recordDestination({ idNumberHash: 'nobody', kind: 'market-job', date: new Date(), source: 'job-hire' })).toBe(false);
  });

  it('should import 10,000 rows in one file', async () => {
    const rows = Array.from({ length: 10000 }, (_, i) => graduateRow(1000 + i));
    const data = await workbook(rows);
    const started = Date.now();
    const res = await upload(dlmu.auth, data, 'big.xlsx');
    const ms = Date.now() - started;
    console.log(`[registry] 10,000-row import took ${ms} ms (server-reported ${res.body.elapsedMs} ms)`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: true, created: 10000 });
    expect(await t.db.model(GraduateModel).countDocuments({ collegeId: 'dlmu' })).toBe(10000);
  }, 180000);

  it('should name every bad row of a refused file, however many, and write nothing', async () => {
    const before = await count();
    const rows = Array.from({ length: 450 }, (_, i) => graduateRow(3000 + i, i % 3 === 0 ? { 身份证号: `身份证${i}` } : { 毕业年份: 1990 }));
    const res = await upload(dlut.auth, await workbook(rows));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ imported: false, code: 'REGISTRY_ROWS_INVALID', badRows: 450, created: 0 });
    expect(new Set(res.body.errors.map((e: { row: number }) => e.row)).size).toBe(450);
    expect(res.body.errors.map((e: { row: number }) => e.row)).toContain(451);
    expect(res.body.message).toContain('共 450 行');
    expect(await count()).toBe(before);
  });

  it('should update a record another writer inserted between the lookup and the write instead of failing', async () => {
    // A record without the lookup key (as written before the key existed, once the start-up fill has run):
    // the import does not see it, its insert hits the unique (ID, year) index, and the row becomes an upsert.
    const first = await upload(dlut.auth, await workbook([graduateRow(1)]));
    expect(first.status).toBe(200);
    const raw = (await t.db.model(GraduateModel).findOne({ name: '学生1' }).lean())!;
    await t.db.model(GraduateModel).collection.updateOne({ _id: raw._id }, { $unset: { recordKey: 1 } });
    const res = await upload(dlut.auth, await workbook([graduateRow(1, { 专业: '数据科学' }), graduateRow(60)]));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: true, created: 1, updated: 1 });
    const doc = await t.db.model(GraduateModel).findById(raw._id).lean();
    expect(doc).toMatchObject({ major: '数据科学', recordKey: `${raw.idNumberHash}:2026` });
    expect(await t.db.model(GraduateModel).countDocuments({ idNumberHash: raw.idNumberHash })).toBe(1);
  });
});
