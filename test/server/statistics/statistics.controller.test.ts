import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import type { Dashboard, YearTargets } from '../../../server/src/contract/statistics';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { COLLEGES } from '../../../server/src/contract/reference';
import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { GraduateModel } from '../../../server/src/modules/registry/registry.model';
import { PLAN_2022 } from '../../../server/src/modules/statistics/statistics.seed';
import { createTestApp, type TestApp } from '../support/test-app';

type Auth = { auth: string };

interface Spec {
  name: string;
  collegeId?: string;
  dfc: boolean;
  inProvince: boolean;
  kind?: string;
  district?: string;
  date?: string;
  year?: number;
}

/**
 * The fixture, counted by hand (graduation year 2026):
 *  stayed = A B E G H (5); from Dalian colleges A B E (3) of 7 → retention 3/7 = 0.4286;
 *  elsewhere in-province G, out-of-province H; 双一流 stayed A B G (3);
 *  market jobs A G (2) of A C G I (4), further study B, public sector E, grassroots H.
 *  C works outside Dalian, D is not employed, F has no destination, I's destination predates the year,
 *  J graduated in 2025.
 */
const FIXTURE: Spec[] = [
  { name: 'A', collegeId: 'dlut', dfc: true, inProvince: true, kind: 'market-job', district: '210211', date: '2026-07-01' },
  { name: 'B', collegeId: 'dlut', dfc: true, inProvince: false, kind: 'further-study', district: '210202', date: '2026-09-01' },
  { name: 'C', collegeId: 'dlut', dfc: true, inProvince: true, kind: 'market-job', date: '2026-07-15' },
  { name: 'D', collegeId: 'dlmu', dfc: true, inProvince: true, kind: 'unemployed', date: '2026-08-01' },
  { name: 'E', collegeId: 'dufe', dfc: false, inProvince: false, kind: 'public-sector', district: '210211', date: '2026-08-01' },
  { name: 'F', collegeId: 'dufe', dfc: false, inProvince: true },
  { name: 'G', dfc: true, inProvince: true, kind: 'market-job', district: '210213', date: '2026-06-01' },
  { name: 'H', dfc: false, inProvince: false, kind: 'grassroots', district: '210281', date: '2026-10-01' },
  { name: 'I', collegeId: 'dlut', dfc: true, inProvince: true, kind: 'market-job', district: '210211', date: '2025-12-01' },
  { name: 'J', collegeId: 'dlut', dfc: true, inProvince: true, kind: 'market-job', district: '210211', date: '2025-07-01', year: 2025 },
];

describe('statistics HTTP', () => {
  let t: TestApp;
  let dlut: Auth;
  let district: Auth;
  let bureau: Auth;
  let student: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    dlut = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    bureau = await t.user({ roles: ['bureau'] });
    student = await t.user({ roles: ['student'] });
    await t.db.model(GraduateModel).insertMany(
      FIXTURE.map((g, i) => ({
        name: g.name,
        idNumberEnc: 'v1.test',
        idNumberHash: `hash-${i}`,
        idNumberMasked: '2102**********0000',
        collegeId: g.collegeId,
        schoolName: g.collegeId ?? '外地高校',
        doubleFirstClass: g.dfc,
        degree: 'bachelor',
        major: '软件工程',
        graduationYear: g.year ?? 2026,
        originProvince: g.inProvince ? '辽宁省' : '山东省',
        originCity: g.inProvince ? '大连市' : '青岛市',
        originInProvince: g.inProvince,
        hardship: [],
        intention: '',
        destination: g.kind ? { kind: g.kind, districtCode: g.district, employer: '示例单位', date: new Date(`${g.date}T00:00:00Z`), source: 'import' } : undefined,
      })),
    );
    const db = t.db.connection.db;
    if (!db) throw new Error('no db');
    await db.collection('fairs').insertMany([{ status: 'published', title: 'a' }, { status: 'cancelled', title: 'b' }]);
    await db.collection('live_sessions').insertMany(['ended', 'rejected', 'pending'].map((status, i) => ({ status, title: status, streamName: `stat-${i}` })));
    await db.collection('contents').insertMany([{ status: 'published' }, { status: 'published' }, { status: 'draft' }]);
    await db.collection('jobs').insertMany([
      { status: 'published', kind: 'fulltime', district: '210211', headcount: 3 },
      { status: 'published', kind: 'traineeship', district: '210211', headcount: 5 },
      { status: 'published', kind: 'fulltime', district: '210202', headcount: 1 },
      { status: 'closed', kind: 'traineeship', district: '210211', headcount: 9 },
    ]);
    await db.collection('job_applications').insertMany([1, 2, 3, 4].map(() => ({ jobId: new Types.ObjectId(), studentId: new Types.ObjectId() })));
    await db.collection('subsidy_applications').insertMany([
      { status: 'approved', collegeId: 'dlut', employmentDistrict: '210211' },
      { status: 'paid', collegeId: 'dufe', employmentDistrict: '210202' },
      { status: 'reviewing', collegeId: 'dlut', employmentDistrict: '210211' },
    ].map((a, i) => ({ ...a, applicantId: new Types.ObjectId(), programId: new Types.ObjectId(), period: `p${i}` })));
  });

  afterAll(async () => {
    await t.close();
  });

  const get = (auth: string, query = '') => t.http().get(`/api/staff/statistics/dashboard${query}`).set('Authorization', auth);
  const target = (d: Dashboard, key: string) => d.targets.find(r => r.key === key);

  it('should refuse the dashboard and its export without a signed-in user', async () => {
    expect((await t.http().get('/api/staff/statistics/dashboard')).status).toBe(401);
    expect((await t.http().get('/api/staff/statistics/dashboard.xlsx')).status).toBe(401);
  });

  it('should refuse students', async () => {
    expect((await get(student.auth)).status).toBe(403);
    expect((await t.http().get('/api/staff/statistics/dashboard.xlsx').set('Authorization', student.auth)).status).toBe(403);
  });

  it('should refuse a college looking at another college or a district, and a district at another district', async () => {
    expect((await get(dlut.auth, '?collegeId=dlmu')).body.code).toBe('OUT_OF_SCOPE');
    expect((await get(dlut.auth, '?districtCode=210211')).status).toBe(403);
    expect((await get(district.auth, '?districtCode=210202')).status).toBe(403);
    expect((await get(district.auth, '?collegeId=dlut')).status).toBe(403);
    expect((await t.http().get('/api/staff/statistics/dashboard.xlsx?collegeId=dlmu').set('Authorization', dlut.auth)).status).toBe(403);
  });

  it('should reject bad query values with 422', async () => {
    expect((await get(bureau.auth, '?year=abc')).status).toBe(422);
    expect((await get(bureau.auth, '?collegeId=nowhere')).status).toBe(422);
    expect((await get(bureau.auth, '?collegeId=dlut&districtCode=210211')).status).toBe(422);
  });

  describe('targets per year', () => {
    const targets = (auth: string, year: number) => t.http().get(`/api/staff/statistics/targets/${year}`).set('Authorization', auth);
    const save = (auth: string, year: number, body: object) => t.http().put(`/api/staff/statistics/targets/${year}`).set('Authorization', auth).send(body);
    const plan = { figures: PLAN_2022.figures, source: '大连市2026年高校毕业生留连来连工作方案', reason: '按当年工作方案设定' };

    it('should refuse the targets to guests and students, and changes to college and district staff', async () => {
      expect((await t.http().get('/api/staff/statistics/targets')).status).toBe(401);
      expect((await t.http().put('/api/staff/statistics/targets/2026').send({ ...plan, version: 0 })).status).toBe(401);
      expect((await targets(student.auth, 2022)).status).toBe(403);
      for (const staff of [dlut, district]) {
        const res = await save(staff.auth, 2026, { ...plan, version: 0 });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('should hold the plan\'s 2022 figures from the start, readable by every staff member', async () => {
      const res = await targets(dlut.auth, 2022);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ year: 2022, version: 1, source: expect.stringContaining('大就办发〔2022〕4号') });
      expect((res.body as YearTargets).figures.stayed).toEqual({ target: 50000, stretch: 60000 });
      expect((res.body as YearTargets).figures.retentionRate).toEqual({ target: 0.42, stretch: 0.45 });
      const list = await t.http().get('/api/staff/statistics/targets').set('Authorization', district.auth);
      expect(list.body.map((y: YearTargets) => y.year)).toEqual([2022]);
    });

    it('should say a year has no targets: 404 for the year, and a dashboard with no plan and no target rows', async () => {
      const none = await targets(bureau.auth, 2026);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('NOT_FOUND');
      const d = (await get(bureau.auth, '?year=2026')).body as Dashboard;
      expect(d.plan).toBeNull();
      expect(d.targets).toEqual([]);
      expect(d.retention).toEqual({ graduates: 7, stayed: 3, rate: 0.4286 });
    });

    it('should refuse impossible figures with every problem named, and change nothing', async () => {
      const res = await save(bureau.auth, 2026, {
        ...plan,
        version: 0,
        figures: { ...PLAN_2022.figures, stayed: { target: 50000, stretch: 40000 }, retentionRate: { target: 42 } },
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.problems.map((p: { field: string }) => p.field)).toEqual(['figures.stayed.stretch', 'figures.retentionRate.target']);
      expect((await save(bureau.auth, 2026, { ...plan, version: 0, figures: { stayed: { target: 'many' } } })).status).toBe(422);
      expect((await save(bureau.auth, 2026, { ...plan, version: 0, reason: '' })).status).toBe(422);
      expect((await save(bureau.auth, 1999, { ...plan, version: 0 })).status).toBe(422);
      expect((await targets(bureau.auth, 2026)).status).toBe(404);
    });

    it('should set a year\'s targets once, audited, answer a retry with the same result, and refuse an edit of an older version', async () => {
      const first = await save(bureau.auth, 2026, { ...plan, version: 0 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ year: 2026, version: 1, source: plan.source });
      const retry = await save(bureau.auth, 2026, { ...plan, version: 0 });
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      const audits = await t.db.model(AuditModel).find({ targetType: 'statistics-targets', targetId: '2026' }).lean();
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ action: 'statistics.targets.create', reason: plan.reason, actorRoles: ['bureau'] });

      const stale = await save(bureau.auth, 2026, { ...plan, version: 0, figures: { ...PLAN_2022.figures, grassroots: { target: 400 } } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('CONFLICT');
    });

    it('should show an edit of the targets on the dashboard at once, though its figures are cached', async () => {
      const before = (await get(bureau.auth, '?year=2026')).body as Dashboard;
      expect(before.plan).toMatchObject({ source: plan.source, version: 1 });
      expect(target(before, 'grassroots')?.target).toBe(500);
      const edited = await save(bureau.auth, 2026, { ...plan, version: 1, figures: { ...PLAN_2022.figures, grassroots: { target: 400 } }, reason: '基层服务岗位目标下调' });
      expect(edited.status).toBe(200);
      expect(edited.body.version).toBe(2);
      const after = (await get(bureau.auth, '?year=2026')).body as Dashboard;
      expect(after.plan?.version).toBe(2);
      expect(target(after, 'grassroots')).toMatchObject({ target: 400, actual: 1 });
      const audit = await t.db.model(AuditModel).findOne({ targetId: '2026', action: 'statistics.targets.update' }).lean();
      expect(JSON.parse(audit?.from ?? '{}').figures.grassroots).toEqual({ target: 500 });
      expect(JSON.parse(audit?.to ?? '{}').figures.grassroots).toEqual({ target: 400 });
      // Back to the plan's figures for the tests below.
      expect((await save(bureau.auth, 2026, { ...plan, version: 2 })).status).toBe(200);
    });
  });

  it('should give the bureau the hand-computed city figures', async () => {
    const res = await get(bureau.auth, '?year=2026');
    expect(res.status).toBe(200);
    const d = res.body as Dashboard;
    expect(d.scope).toEqual({ kind: 'city' });
    expect(d.freshnessSeconds).toBe(60);
    expect(target(d, 'stayed')).toMatchObject({ actual: 5, target: 50000, stretch: 60000 });
    expect(target(d, 'fromDalianColleges')?.actual).toBe(3);
    expect(target(d, 'fromElsewhere')?.actual).toBe(2);
    expect(target(d, 'fromElsewhereInProvince')?.actual).toBe(1);
    expect(target(d, 'fromElsewhereOutOfProvince')?.actual).toBe(1);
    expect(target(d, 'marketJob')?.actual).toBe(2);
    expect(target(d, 'furtherStudy')?.actual).toBe(1);
    expect(target(d, 'publicSector')?.actual).toBe(1);
    expect(target(d, 'grassroots')?.actual).toBe(1);
    expect(target(d, 'communityWorker')?.actual).toBe(0);
    expect(target(d, 'doubleFirstClass')?.actual).toBe(3);
    expect(target(d, 'traineePosts')?.actual).toBe(5);
    expect(d.retention).toEqual({ graduates: 7, stayed: 3, rate: 0.4286 });
    expect(d.byCollege.map(r => [r.key, r.graduates, r.stayed])).toEqual([
      ['dlut', 4, 2],
      ['', 2, 2],
      ['dufe', 2, 1],
      ['dlmu', 1, 0],
    ]);
    expect(d.byDistrict.find(r => r.key === '210211')).toMatchObject({ graduates: 3, stayed: 2, label: '甘井子区' });
    expect(d.byDistrict.find(r => r.key === '')).toMatchObject({ graduates: 3, stayed: 0 });
    expect(d.byOrigin.map(r => [r.key, r.graduates, r.stayed])).toEqual([
      ['false', 3, 3],
      ['true', 6, 2],
    ]);
    expect(Object.fromEntries(d.byDestination.map(r => [r.key, r.graduates]))).toEqual({
      'market-job': 4, 'further-study': 1, 'public-sector': 1, grassroots: 1, unemployed: 1, none: 1,
    });
    expect(d.byDoubleFirstClass.find(r => r.key === 'true')).toMatchObject({ graduates: 6, stayed: 3 });
    expect(d.services).toEqual({ contentsPublished: 2, jobsPublished: 3, fairs: 1, liveSessions: 1, traineePosts: 5, applications: 4, subsidiesApproved: 2, subsidiesPaid: 1 });
  });

  it('should give a college only its own figures', async () => {
    const d = (await get(dlut.auth, '?year=2026')).body as Dashboard;
    expect(d.scope).toEqual({ kind: 'college', collegeId: 'dlut' });
    expect(target(d, 'stayed')?.actual).toBe(2);
    expect(d.retention).toEqual({ graduates: 4, stayed: 2, rate: 0.5 });
    expect(d.byCollege.map(r => r.key)).toEqual(['dlut']);
    expect(d.services.subsidiesApproved).toBe(1);
  });

  it('should give a district the graduates who went there', async () => {
    const d = (await get(district.auth, '?year=2026')).body as Dashboard;
    expect(d.scope).toEqual({ kind: 'district', districtCode: '210211' });
    expect(target(d, 'stayed')?.actual).toBe(2);
    expect(d.services).toMatchObject({ jobsPublished: 2, traineePosts: 5, subsidiesApproved: 1, subsidiesPaid: 0 });
  });

  it('should serve cached figures within the stated freshness', async () => {
    const first = (await get(bureau.auth, '?year=2026')).body as Dashboard;
    await t.db.model(GraduateModel).create({
      name: 'K', idNumberEnc: 'v1.test', idNumberHash: 'hash-k', idNumberMasked: 'x', collegeId: 'dlut', schoolName: 'dlut',
      doubleFirstClass: true, degree: 'bachelor', major: 'x', graduationYear: 2026, originProvince: '辽宁省', originCity: '大连市', originInProvince: true,
    });
    const second = (await get(bureau.auth, '?year=2026')).body as Dashboard;
    expect(second.computedAt).toBe(first.computedAt);
    expect(second.retention.graduates).toBe(7);
  });

  it('should export the figures as a workbook for the dispatch meeting', async () => {
    const res = await t.http().get('/api/staff/statistics/dashboard.xlsx?year=2026').set('Authorization', bureau.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.getWorksheet('目标进度');
    expect(String(sheet?.getRow(2).getCell(1).value)).toContain('目标来源：大连市2026年高校毕业生留连来连工作方案');
    expect(sheet?.getRow(4).getCell(1).value).toBe('留连来连毕业生');
    expect(sheet?.getRow(4).getCell(2).value).toBe(5);
    expect(wb.worksheets.map(w => w.name)).toEqual(['目标进度', '按高校', '按区市县', '按生源', '按去向', '双一流', '服务情况', '口径说明']);
  });

  // Last: it adds a year (2024) of generated graduates, which the figures above do not count (npm start seeds 3,600).
  it("should show real figures for the demo city's registry: a retention rate, every college, every kind of destination", async () => {
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    const november = new Date('2024-11-20T04:00:00Z');
    const started = Date.now();
    const first = await seeder.seedCity(undefined, november, 600);
    const seconds = (Date.now() - started) / 1000;
    expect(first.inserted.graduates).toBe(600);
    expect(seconds).toBeLessThan(30);
    const city = (await get(bureau.auth, '?year=2024')).body as Dashboard;
    // 2024 may have no targets of its own; the figures do not depend on them.
    expect(city.byCollege.reduce((n, r) => n + r.stayed, 0)).toBeGreaterThan(250);
    expect(city.retention.graduates).toBeGreaterThan(450);
    expect(city.retention.rate).toBeGreaterThan(0.35);
    expect(city.retention.rate).toBeLessThan(0.7);
    expect(city.byCollege.filter(r => r.key !== '').map(r => r.key).sort()).toEqual(COLLEGES.map(c => c.id).sort());
    expect(city.byDestination.map(r => r.key)).toEqual(expect.arrayContaining(['market-job', 'further-study', 'unemployed', 'none']));
    expect((await seeder.seedCity(undefined, november, 600)).inserted.graduates ?? 0).toBe(0);
  });
});
