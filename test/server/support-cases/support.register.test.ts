import { PiiService } from '../../../server/src/core/pii';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { SupportCaseModel } from '../../../server/src/modules/support/support.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { maskResidentId } from '../../../server/src/modules/user/user.rules';
import { residentId } from '../registry/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { RevealModel } from '../../../server/src/modules/privacy/reveal.model';

type Auth = { auth: string; id: string };

/** Staff registration of unemployed leavers (离校未就业) through POST /api/staff/support/cases. */
describe('staff registration of unemployed leavers', () => {
  let t: TestApp;
  let pii: PiiService;
  let worker: Auth;
  let colleague: Auth;
  let otherDistrict: Auth;
  let bureau: Auth;
  let college: Auth;
  let student: Auth;
  const studentIdNumber = residentId(21);
  let importedId = '';
  let placedId = '';
  let poolId = '';

  const mk = async (roles: Array<'student' | 'district' | 'bureau' | 'college'>, scope = {}, name = '张老师'): Promise<Auth> => {
    const u = await t.user({ roles, scope, profile: { name } });
    return { auth: u.auth, id: u.doc._id.toHexString() };
  };

  const record = (overrides: Record<string, unknown> = {}) => ({
    name: '王芳',
    idNumber: studentIdNumber,
    collegeId: 'dlut',
    degree: 'bachelor',
    major: '软件工程',
    graduationYear: 2026,
    originProvince: '辽宁省',
    originCity: '大连市',
    ...overrides,
  });

  const graduate = async (seq: number, name: string, destination?: Record<string, unknown>) => {
    const id = residentId(seq);
    const seal = pii.seal(id);
    const doc = await t.db.model(GraduateModel).create({
      name, idNumberEnc: seal.enc, idNumberHash: seal.hash, idNumberMasked: maskResidentId(id), collegeId: 'dlmu', schoolName: '大连海事大学',
      degree: 'master', major: '航海技术', graduationYear: 2026, originProvince: '山东省', originCity: '烟台市', originInProvince: false,
      ...(destination ? { destination } : {}),
    });
    return doc._id.toHexString();
  };

  beforeAll(async () => {
    t = await createTestApp();
    pii = await t.app.getApplicationContext().getAsync(PiiService);
    worker = await mk(['district'], { districtCode: '210211' }, '甘井子 刘');
    colleague = await mk(['district'], { districtCode: '210211' }, '甘井子 陈');
    otherDistrict = await mk(['district'], { districtCode: '210202' }, '中山 赵');
    bureau = await mk(['bureau']);
    college = await mk(['college'], { collegeId: 'dlut' });
    student = await mk(['student'], {}, '王芳');
    await t.db.model(UserModel).updateOne({ _id: student.id }, { $set: { idNumberHash: pii.hash(studentIdNumber) } });
    importedId = await graduate(31, '孙强');
    placedId = await graduate(32, '周敏', { kind: 'market-job', employer: '大连某公司', districtCode: '210202', date: new Date('2026-09-01'), source: 'job-hire' });
    poolId = await graduate(33, '吴静', { kind: 'unemployed', date: new Date('2026-07-01'), source: 'import' });
  });

  afterAll(async () => {
    await t.close();
  });

  const register = (auth: string, body: object) => t.http().post('/api/staff/support/cases').set('Authorization', auth).send(body);
  const search = (auth: string, q: string) => t.http().post('/api/staff/registry/search').set('Authorization', auth).send({ q });
  const counts = async () => ({
    graduates: await t.db.model(GraduateModel).countDocuments(),
    cases: await t.db.model(SupportCaseModel).countDocuments(),
    audits: await t.db.model(AuditModel).countDocuments(),
  });

  it('should refuse registration, search and the caseworker list without a signed-in user', async () => {
    expect((await t.http().post('/api/staff/support/cases').send({ record: record(), unemployedSince: '2026-07-01' })).status).toBe(401);
    expect((await t.http().get('/api/staff/support/caseworkers')).status).toBe(401);
    expect((await t.http().post('/api/staff/registry/search').send({ q: '王' })).status).toBe(401);
    expect((await t.http().get('/api/support/notice')).status).toBe(401);
  });

  it('should refuse students and colleges', async () => {
    for (const who of [student, college]) {
      expect((await register(who.auth, { record: record(), unemployedSince: '2026-07-01' })).status).toBe(403);
      expect((await t.http().get('/api/staff/support/caseworkers').set('Authorization', who.auth)).status).toBe(403);
      expect((await search(who.auth, '王')).status).toBe(403);
    }
    expect(await counts()).toMatchObject({ cases: 0 });
  });

  it('should reject bad input with a stable code and write nothing', async () => {
    const before = await counts();
    const expectCode = async (body: object, status: number, code: string, auth = worker.auth) => {
      const res = await register(auth, body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    };
    await expectCode({ record: record() }, 422, 'VALIDATION_FAILED');
    await expectCode({ unemployedSince: '2026-07-01' }, 422, 'VALIDATION_FAILED');
    await expectCode({ graduateId: importedId, record: record(), unemployedSince: '2026-07-01' }, 422, 'VALIDATION_FAILED');
    await expectCode({ record: record(), unemployedSince: '2026/07/01' }, 422, 'VALIDATION_FAILED');
    await expectCode({ record: record({ collegeId: undefined }), unemployedSince: '2026-07-01' }, 422, 'VALIDATION_FAILED');
    await expectCode({ record: record({ graduationYear: 1999 }), unemployedSince: '2026-07-01' }, 422, 'VALIDATION_FAILED');
    await expectCode({ record: record(), unemployedSince: '2999-01-01' }, 422, 'SUPPORT_UNEMPLOYED_DATE_INVALID');
    await expectCode({ record: record(), unemployedSince: '2025-12-31' }, 422, 'SUPPORT_UNEMPLOYED_DATE_INVALID');
    await expectCode({ graduateId: importedId, unemployedSince: '2026-02-30' }, 422, 'SUPPORT_UNEMPLOYED_DATE_INVALID');
    const badCheck = studentIdNumber.slice(0, 17) + (studentIdNumber[17] === '1' ? '2' : '1');
    await expectCode({ record: record({ idNumber: badCheck }), unemployedSince: '2026-07-01' }, 422, 'ID_NUMBER_INVALID');
    await expectCode({ record: record(), unemployedSince: '2026-07-01', caseworkerId: otherDistrict.id }, 422, 'SUPPORT_CASEWORKER_INVALID');
    await expectCode({ record: record(), unemployedSince: '2026-07-01', caseworkerId: student.id }, 422, 'SUPPORT_CASEWORKER_INVALID');
    await expectCode({ record: record(), unemployedSince: '2026-07-01', districtCode: '210202' }, 403, 'OUT_OF_SCOPE');
    await expectCode({ record: record(), unemployedSince: '2026-07-01', caseworkerId: worker.id }, 422, 'SUPPORT_DISTRICT_REQUIRED', bureau.auth);
    await expectCode({ record: record(), unemployedSince: '2026-07-01', districtCode: '210211' }, 422, 'SUPPORT_CASEWORKER_INVALID', bureau.auth);
    await expectCode({ graduateId: '0123456789abcdef01234567', unemployedSince: '2026-07-01' }, 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('should search the whole registry by full ID, masked ID or name start, answering masked IDs only', async () => {
    expect((await search(worker.auth, '')).status).toBe(422);
    const bad = await search(worker.auth, residentId(31).slice(0, 17) + (residentId(31)[17] === '1' ? '2' : '1'));
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 422, code: 'ID_NUMBER_INVALID' });
    const byId = await search(worker.auth, residentId(31));
    expect(byId.status).toBe(200);
    expect(byId.body.map((g: { name: string }) => g.name)).toEqual(['孙强']);
    expect(byId.body[0].idNumber).toBe(maskResidentId(residentId(31)));
    expect(JSON.stringify(byId.body)).not.toContain(residentId(31));
    expect((await search(worker.auth, maskResidentId(residentId(32)))).body.map((g: { name: string }) => g.name)).toEqual(['周敏']);
    // Only the search by the full number is a reveal, told to the account holding that ID.
    const owner = await mk(['student'], {}, '孙强');
    await t.db.model(UserModel).updateOne({ _id: owner.id }, { $set: { idNumberHash: pii.hash(residentId(31)) } });
    const before = await t.db.model(RevealModel).countDocuments();
    expect((await search(worker.auth, residentId(31))).status).toBe(200);
    const views = await t.http().get('/api/me/data-views').set('Authorization', owner.auth);
    expect(views.body.items).toEqual([
      expect.objectContaining({ kind: 'idNumber', unit: '甘井子区人力资源和社会保障局', purpose: '按完整身份证号查找毕业生，办理离校未就业登记' }),
    ]);
    expect(await t.db.model(RevealModel).countDocuments()).toBe(before + 1);
    expect((await search(bureau.auth, '吴')).body.map((g: { name: string }) => g.name)).toEqual(['吴静']);
    expect((await search(worker.auth, '.*')).body).toEqual([]);
    const college = await t.http().post('/api/staff/registry/search').set('Authorization', worker.auth).send({ q: '孙', collegeId: 'dlut' });
    expect(college.body).toEqual([]);
    // An ID number is never taken from a URL (it would be logged on the way).
    const inUrl = await t.http().get(`/api/staff/registry/search?q=${residentId(31)}`).set('Authorization', worker.auth);
    expect(inUrl.status).toBe(404);
  });

  it('should let district staff create a registry record, mark it 暂未就业 and open a case with a colleague as caseworker', async () => {
    const res = await register(worker.auth, { record: record(), unemployedSince: '2026-07-15', caseworkerId: colleague.id, intention: '软件测试' });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(true);
    expect(res.body.case).toMatchObject({ name: '王芳', registeredBy: 'staff', districtCode: '210211', caseworkerId: colleague.id, linked: true, intention: '软件测试' });
    expect(res.body.graduate).toMatchObject({
      name: '王芳',
      idNumber: maskResidentId(studentIdNumber),
      collegeId: 'dlut',
      schoolName: '大连理工大学',
      linked: true,
      destination: { kind: 'unemployed', districtCode: '210211', date: '2026-07-15', source: 'staff' },
    });
    expect(JSON.stringify(res.body)).not.toContain(studentIdNumber);
    const stored = await t.db.model(GraduateModel).findById(res.body.graduate.id).lean();
    expect(stored?.idNumberEnc).not.toContain(studentIdNumber);
    expect(pii.open(stored?.idNumberEnc ?? '')).toBe(studentIdNumber);
    const actions = (await t.db.model(AuditModel).find({ actorId: worker.id }).lean()).map(a => a.action).sort();
    expect(actions).toEqual(['registry.create', 'registry.destination', 'support.register']);
    // The student, whose account holds the same ID, sees the case.
    const mine = await t.http().get('/api/support/mine').set('Authorization', student.auth);
    expect(mine.body.case).toMatchObject({ id: res.body.case.id, registeredBy: 'staff' });
  });

  it('should answer the open case when the same person is registered again, one after the other or at once', async () => {
    const before = await counts();
    const body = { record: record(), unemployedSince: '2026-07-15' };
    const again = await register(worker.auth, body);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const [a, b] = await Promise.all([register(colleague.auth, body), register(worker.auth, { ...body, record: undefined, graduateId: again.body.graduate.id })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(new Set([again.body.case.id, a.body.case.id, b.body.case.id]).size).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('should refuse the same person to another district\'s staff, changing nothing', async () => {
    const before = await counts();
    const res = await register(otherDistrict.auth, { record: record(), unemployedSince: '2026-08-01' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SUPPORT_ALREADY_REGISTERED');
    expect(res.body.message).toContain('甘井子区');
    expect(await counts()).toEqual(before);
    const stored = await t.db.model(GraduateModel).findOne({ name: '王芳' }).lean();
    expect(stored?.destination).toMatchObject({ districtCode: '210211' });
  });

  it('should refuse a record whose ID is already registered under another name', async () => {
    const res = await register(worker.auth, { record: record({ name: '王小芳' }), unemployedSince: '2026-07-15' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REGISTRY_RECORD_MISMATCH');
  });

  it('should refuse marking 暂未就业 before a placement recorded later, and open no case', async () => {
    const before = await counts();
    const res = await register(otherDistrict.auth, { graduateId: placedId, unemployedSince: '2026-08-01' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REGISTRY_DESTINATION_NEWER');
    expect(res.body.message).toContain('市场化就业');
    expect(await counts()).toEqual(before);
  });

  it('should let the bureau register a graduate found in the registry into a district with that district\'s caseworker', async () => {
    const res = await register(bureau.auth, { graduateId: importedId, unemployedSince: '2026-07-01', districtCode: '210202', caseworkerId: otherDistrict.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: true, case: { districtCode: '210202', caseworkerId: otherDistrict.id, linked: false } });
    expect(await t.db.model(AuditModel).countDocuments({ actorId: bureau.id, action: 'support.register' })).toBe(1);
  });

  it('should show a district the 暂未就业 graduates it took and those no district has taken yet', async () => {
    const names = async (auth: string, query = '') =>
      ((await t.http().get(`/api/staff/registry/graduates${query}`).set('Authorization', auth)).body.items as Array<{ name: string }>).map(g => g.name).sort();
    expect(await names(worker.auth)).toEqual(['吴静', '王芳']);
    expect(await names(worker.auth, '?destination=unemployed')).toEqual(['吴静', '王芳']);
    expect(await names(otherDistrict.auth)).toEqual(['吴静', '周敏', '孙强']);
    expect(await names(otherDistrict.auth, '?destination=unemployed')).toEqual(['吴静', '孙强']);
    expect(poolId).toBeTruthy();
  });

  it('should list the caseworkers a case can get', async () => {
    const own = await t.http().get('/api/staff/support/caseworkers').set('Authorization', worker.auth);
    expect(own.status).toBe(200);
    expect(own.body.map((c: { name: string }) => c.name)).toEqual(['甘井子 刘', '甘井子 陈']);
    expect((await t.http().get('/api/staff/support/caseworkers?districtCode=210202').set('Authorization', worker.auth)).status).toBe(403);
    const city = await t.http().get('/api/staff/support/caseworkers?districtCode=210202').set('Authorization', bureau.auth);
    expect(city.body).toEqual([{ id: otherDistrict.id, name: '中山 赵', districtCode: '210202' }]);
    const none = await t.http().get('/api/staff/support/caseworkers').set('Authorization', bureau.auth);
    expect({ status: none.status, code: none.body.code }).toEqual({ status: 422, code: 'SUPPORT_DISTRICT_REQUIRED' });
  });
});
