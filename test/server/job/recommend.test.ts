import { Types, type FilterQuery } from 'mongoose';
import type { JobSummary } from '../../../server/src/contract/job';
import type { StudentProfile } from '../../../server/src/contract/user';
import { JobModel, type JobDoc } from '../../../server/src/modules/job/job.model';
import { matchScore } from '../../../server/src/modules/job/job.rules';
import { toJobSummary } from '../../../server/src/modules/job/job.service';
import { RECOMMEND_STATE_ID, RecommendStateModel, RecommendWindowModel } from '../../../server/src/modules/job/recommend.model';
import { RecommendService } from '../../../server/src/modules/job/recommend.service';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { jobInput, postedJob, recruiterWithEnterprise, studentProfile, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const MARGIN = 40;
const PROFILE_CACHE_MS = 2_000;
const MAJORS = ['软件工程', '计算机科学与技术', '机械工程', '会计学', '法学', '软件'];
const TITLES = ['Java开发工程师', '测试工程师', '机械设计师', '会计', '销售代表', '法务专员'];
const DEGREES = ['associate', 'bachelor', 'master', 'doctor'] as const;
const DISTRICTS = ['210202', '210203', 'hitech', 'jinpu', '210212'] as const;

/** Profiles that differ in every field the score reads, including empty and odd ones. */
const PROFILES: Array<Partial<StudentProfile>> = [
  { major: '软件工程', degree: 'bachelor', intentionDistricts: ['hitech'], intentionText: '开发' },
  { major: '软件', degree: 'master', intentionDistricts: ['210202', 'hitech'], intentionText: 'java，测试；会计' },
  { major: '法学', degree: 'associate', intentionDistricts: [], intentionText: '法务' },
  { major: '机械工程', degree: 'doctor', intentionDistricts: ['jinpu', '210212'], intentionText: '' },
  { major: '会计学', degree: 'bachelor', intentionDistricts: ['210203'], intentionText: '销售 代表' },
  { major: '海洋科学', degree: 'associate', intentionDistricts: [], intentionText: '' },
];

describe('recommended for me, from the precomputed window', () => {
  let t: TestApp;
  let bureau: Who;
  let recommend: RecommendService;
  const enterpriseId = new Types.ObjectId();

  /** Today's ranking, straight from the database: the newest 1,000 open jobs, scored, best first. */
  async function reference(profile: Partial<StudentProfile>, extra: FilterQuery<JobDoc> = {}, now = new Date()) {
    const docs = await t.db
      .model(JobModel)
      .find({ status: 'published', deadline: { $gte: now }, ...extra })
      .sort({ publishedAt: -1, _id: -1 })
      .limit(1000)
      .lean<JobDoc[]>();
    return docs
      .map(doc => ({ doc, id: doc._id.toHexString(), ...matchScore(profile, doc) }))
      .filter(row => row.score > 0)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map(row => ({ ...toJobSummary(row.doc), score: row.score, reasons: row.reasons }));
  }

  /** Every page of the route, following its cursors. */
  async function allPages(who: Who, query = '', limit = 50): Promise<JobSummary[]> {
    const items: JobSummary[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const res = await t
        .http()
        .get(`/api/jobs/recommended?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set('Authorization', who.auth);
      expect(res.status).toBe(200);
      items.push(...(res.body.items as JobSummary[]));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  async function firstPage(who: Who): Promise<JobSummary[]> {
    const res = await t.http().get('/api/jobs/recommended?limit=20').set('Authorization', who.auth);
    expect(res.status).toBe(200);
    return res.body.items as JobSummary[];
  }

  beforeAll(async () => {
    t = await createTestApp({ recommend: { margin: MARGIN, profileCacheMs: PROFILE_CACHE_MS } });
    bureau = await t.user({ roles: ['bureau'] });
    recommend = await t.app.getApplicationContext().getAsync(RecommendService);
    // More open jobs than the window holds, some closed, frozen or past their deadline.
    const now = Date.now();
    const statuses = ['published', 'published', 'published', 'published', 'published', 'published', 'closed', 'frozen'];
    await t.db.model(JobModel).insertMany(
      Array.from({ length: 1500 }, (_, i) => ({
        kind: i % 3 ? 'fulltime' : 'internship',
        title: `${TITLES[i % TITLES.length]}${i}`,
        enterpriseId,
        enterpriseName: '大连推荐测试有限公司',
        salaryMin: 4000,
        salaryMax: 8000,
        education: DEGREES[(i * 7) % DEGREES.length],
        majors: i % 5 === 0 ? [] : [MAJORS[i % MAJORS.length], MAJORS[(i * 3) % MAJORS.length]],
        district: DISTRICTS[(i * 11) % DISTRICTS.length],
        tags: i % 4 ? ['五险一金'] : ['双休', '软件开发'],
        deadline: new Date(now + (i % 97 === 0 ? -DAY : (2 + (i % 40)) * DAY)),
        status: statuses[i % statuses.length],
        publishedAt: new Date(now - Math.floor(i / 3) * 60_000),
      })),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give every profile the same order, scores, reasons and fields as ranking the live query', async () => {
    for (const profile of PROFILES) {
      const who = await t.user({ roles: ['student'], profile: studentProfile(profile) });
      const expected = await reference(studentProfile(profile));
      expect(expected.length).toBeGreaterThan(100);
      expect(await allPages(who)).toEqual(expected);
    }
    const state = await t.db.model(RecommendStateModel).findById(RECOMMEND_STATE_ID).lean();
    const window = await t.db.model(RecommendWindowModel).findById(state?.windowId).lean();
    expect(window?.jobs).toHaveLength(1000 + MARGIN);
  });

  it('should give the same answer with pages of another size and with sort=match on the feed route', async () => {
    const who = await t.user({ roles: ['student'], profile: studentProfile(PROFILES[1]) });
    const expected = await reference(studentProfile(PROFILES[1]));
    expect(await allPages(who, '', 17)).toEqual(expected);
    const res = await t.http().get('/api/jobs?sort=match&limit=30').set('Authorization', who.auth);
    expect(res.body.items).toEqual(expected.slice(0, 30));
  });

  it('should rank a filtered request over the newest open jobs of that filter', async () => {
    const who = await t.user({ roles: ['student'], profile: studentProfile(PROFILES[0]) });
    expect(await allPages(who, '&kind=internship&district=hitech')).toEqual(await reference(studentProfile(PROFILES[0]), { kind: 'internship', district: 'hitech' }));
    expect(await allPages(who, '&education=bachelor')).toEqual(
      await reference(studentProfile(PROFILES[0]), { education: { $in: ['associate', 'bachelor'] } }),
    );
  });

  it('should leave out jobs whose deadline passed since the window was built, as the live query would', async () => {
    const who = await t.user({ roles: ['student'], profile: studentProfile(PROFILES[4]) });
    const user = { id: who.doc._id.toHexString(), roles: ['student' as const], scope: {}, sessionId: 'test' };
    for (const days of [2.001, 3, 6, 12, 30]) {
      const later = new Date(Date.now() + days * DAY);
      const page = await recommend.recommended(user, { sort: 'match', limit: 50 }, later);
      expect(page.items).toEqual((await reference(studentProfile(PROFILES[4]), {}, later)).slice(0, 50));
    }
  });

  it('should show a new, edited, closed or taken-down job in the affected lists at once', async () => {
    const profile = studentProfile({ major: '船舶与海洋工程', degree: 'master', intentionDistricts: ['210211'], intentionText: '船舶设计' });
    const who = await t.user({ roles: ['student'], profile });
    const r = await recruiterWithEnterprise(t, bureau);
    const id = await postedJob(t, r, jobInput({ title: '船舶设计工程师', majors: ['船舶与海洋工程'], education: 'bachelor', district: '210211' }));
    const top = (await firstPage(who))[0];
    expect(top.id).toBe(id);
    expect(top.reasons).toEqual(['专业对口', '符合求职意向', '学历符合', '意向区域']);

    const edited = await t.http().put(`/api/recruiter/jobs/${id}`).set('Authorization', r.auth).send(jobInput({ title: '轮机工程师', majors: ['船舶与海洋工程'], education: 'bachelor', district: '210211' }));
    expect(edited.status).toBe(200);
    const after = (await firstPage(who)).find(j => j.id === id);
    expect(after?.title).toBe('轮机工程师');
    expect(after?.reasons).toEqual(['专业对口', '学历符合', '意向区域']);

    expect((await t.http().post(`/api/recruiter/jobs/${id}/close`).set('Authorization', r.auth)).status).toBe(200);
    expect((await allPages(who)).map(j => j.id)).not.toContain(id);

    const other = await postedJob(t, r, jobInput({ title: '船舶设计师', majors: ['船舶与海洋工程'], district: '210211' }));
    expect((await firstPage(who))[0].id).toBe(other);
    const down = await t.http().post(`/api/staff/jobs/${other}/take-down`).set('Authorization', bureau.auth).send({ reason: '虚假招聘信息' });
    expect(down.status).toBe(200);
    expect((await allPages(who)).map(j => j.id)).not.toContain(other);
    expect(await allPages(who)).toEqual(await reference(profile));
  });

  it("should follow a change another process counted in the database, and the student's own profile change at once", async () => {
    const profile = studentProfile(PROFILES[0]);
    const who = await t.user({ roles: ['student'], profile });
    const [first] = await firstPage(who);
    // Another process closes the job and counts the change; this process learns it from the state.
    await t.db.model(JobModel).updateOne({ _id: new Types.ObjectId(first.id) }, { $set: { status: 'closed' } });
    await t.db.model(RecommendStateModel).updateOne({ _id: RECOMMEND_STATE_ID }, { $inc: { dirty: 1 } });
    expect((await firstPage(who)).map(j => j.id)).not.toContain(first.id);

    // The student saves a new profile: the next answer ranks for it, though the old one was just read.
    await firstPage(who);
    const changed = studentProfile(PROFILES[3]);
    const saved = await t.http().put('/api/me/profile').set('Authorization', who.auth).send(changed);
    expect(saved.status).toBe(200);
    expect(await firstPage(who)).toEqual((await reference(changed)).slice(0, 20));

    // Saved through another process without Redis: seen once this process's copy is older than profileCacheMs.
    const again = studentProfile(PROFILES[4]);
    await t.db.model(UserModel).updateOne({ _id: who.doc._id }, { $set: { profile: again } });
    await new Promise(r => setTimeout(r, PROFILE_CACHE_MS + 50));
    expect(await firstPage(who)).toEqual((await reference(again)).slice(0, 20));
  });

  it('should let one process rebuild at a time and take over the lease of one that died', async () => {
    await t.db.model(RecommendStateModel).updateOne({ _id: RECOMMEND_STATE_ID }, { $inc: { dirty: 1 } });
    const results = await Promise.all([recommend.build(), recommend.build(), recommend.build()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await t.db.model(RecommendWindowModel).countDocuments()).toBeLessThanOrEqual(2);
    const state = await t.db.model(RecommendStateModel).findById(RECOMMEND_STATE_ID).lean();
    expect(state?.builtFor).toBe(state?.dirty);
    expect(state?.leaseOwner).toBeUndefined();

    // A process took the lease and died: nobody else builds until it runs out; answers still come.
    const who = await t.user({ roles: ['student'], profile: studentProfile(PROFILES[2]) });
    await t.db.model(RecommendStateModel).updateOne(
      { _id: RECOMMEND_STATE_ID },
      { $set: { leaseOwner: 'dead-process', leaseUntil: new Date(Date.now() + 60_000) }, $inc: { dirty: 1 } },
    );
    expect(await recommend.build()).toBe(false);
    expect(await allPages(who)).toEqual(await reference(studentProfile(PROFILES[2])));
    await t.db.model(RecommendStateModel).updateOne({ _id: RECOMMEND_STATE_ID }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await recommend.build()).toBe(true);
    const taken = await t.db.model(RecommendStateModel).findById(RECOMMEND_STATE_ID).lean();
    expect(taken?.builtFor).toBe(taken?.dirty);
  });
});
