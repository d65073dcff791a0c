import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ContentModel, ContentVersionModel } from '../../../server/src/modules/content/content.model';
import { createTestApp, type TestApp } from '../support/test-app';

type Who = Awaited<ReturnType<TestApp['user']>>;

const draft = (patch: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '高校毕业生住房补贴',
  summary: '来连就业创业的高校毕业生可申请住房补贴。',
  body: '<p>按月发放住房补贴。</p><script>alert(1)</script><p onclick="x()">详见附件</p>',
  action: 6,
  issuer: '大连市人力资源和社会保障局',
  tags: ['住房', '补贴'],
  ...patch,
});

describe('content routes', () => {
  let t: TestApp;
  let bureau: Who;
  let college: Who;
  let otherCollege: Who;
  let student: Who;
  let recruiter: Who;

  async function create(who: Who, patch: Record<string, unknown> = {}) {
    const res = await t.http().post('/api/staff/contents').set('Authorization', who.auth).send(draft(patch));
    expect(res.status).toBe(200);
    return res.body as { id: string; version: number; status: string };
  }

  // Unpublish and archive need a reason (content.attachments.controller.test.ts tests that rule).
  async function move(who: Who, id: string, action: string, version: number) {
    const reason = action === 'unpublish' || action === 'archive' ? '政策已调整' : undefined;
    return t.http().post(`/api/staff/contents/${id}/transition`).set('Authorization', who.auth).send({ action, version, reason });
  }

  async function publish(who: Who, patch: Record<string, unknown> = {}) {
    const c = await create(who, patch);
    const r = await move(who, c.id, 'submit', c.version);
    const p = await move(who, c.id, 'publish', r.body.version);
    expect(p.status).toBe(200);
    return p.body as { id: string; version: number };
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    otherCollege = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
    student = await t.user({
      roles: ['student'],
      profile: { graduationYear: 2026, degree: 'master', collegeId: 'dlut', doubleFirstClass: true, major: '软件工程', originProvince: '吉林省', intentionDistricts: ['210204'] },
    });
    recruiter = await t.user({ roles: ['recruiter'] });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('staff routes', () => {
    it('should answer 401 to anonymous callers', async () => {
      const id = new Types.ObjectId().toHexString();
      expect((await t.http().get('/api/staff/contents')).status).toBe(401);
      expect((await t.http().post('/api/staff/contents').send(draft())).status).toBe(401);
      expect((await t.http().get(`/api/staff/contents/${id}`)).status).toBe(401);
      expect((await t.http().put(`/api/staff/contents/${id}`).send({ ...draft(), version: 1 })).status).toBe(401);
      expect((await t.http().post(`/api/staff/contents/${id}/transition`).send({ action: 'submit', version: 1 })).status).toBe(401);
      expect((await t.http().get(`/api/staff/contents/${id}/versions`)).status).toBe(401);
    });

    it('should answer 403 to students and recruiters', async () => {
      const id = new Types.ObjectId().toHexString();
      for (const who of [student, recruiter]) {
        expect((await t.http().get('/api/staff/contents').set('Authorization', who.auth)).status).toBe(403);
        expect((await t.http().post('/api/staff/contents').set('Authorization', who.auth).send(draft())).status).toBe(403);
        expect((await t.http().get(`/api/staff/contents/${id}`).set('Authorization', who.auth)).status).toBe(403);
        expect((await t.http().put(`/api/staff/contents/${id}`).set('Authorization', who.auth).send({ ...draft(), version: 1 })).status).toBe(403);
        expect((await t.http().post(`/api/staff/contents/${id}/transition`).set('Authorization', who.auth).send({ action: 'submit', version: 1 })).status).toBe(403);
        expect((await t.http().get(`/api/staff/contents/${id}/versions`).set('Authorization', who.auth)).status).toBe(403);
      }
    });

    it('should refuse a college staff member without a college scope', async () => {
      const noScope = await t.user({ roles: ['college'] });
      const res = await t.http().post('/api/staff/contents').set('Authorization', noScope.auth).send(draft());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CONTENT_OUT_OF_SCOPE');
    });

    it('should reject invalid input with 422 naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ kind: 'news' }, 'kind'],
        [{ title: '' }, 'title'],
        [{ action: 11 }, 'action'],
        [{ district: '999999' }, 'district'],
        [{ tags: ['a'.repeat(13)] }, 'tags.0'],
        [{ audience: { degrees: ['phd'] } }, 'audience.degrees.0'],
        [{ audience: { graduationYears: ['soon'] } }, 'audience.graduationYears.0'],
        [{ attachments: [{ name: '附件', url: 'javascript:alert(1)' }] }, 'attachments.0.url'],
        [{ effectiveFrom: '2026-06-01', expiresAt: '2026-01-01' }, 'expiresAt'],
        [{ kind: 'institution' }, 'institution'],
        [{ institution: { type: 'training', address: '大连市' } }, 'institution'],
      ];
      for (const [patch, field] of cases) {
        const res = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth).send(draft(patch));
        expect([res.status, res.body.code, res.body.field]).toEqual([422, 'VALIDATION_FAILED', field]);
      }
      const id = new Types.ObjectId().toHexString();
      const noVersion = await t.http().put(`/api/staff/contents/${id}`).set('Authorization', bureau.auth).send(draft());
      expect([noVersion.status, noVersion.body.field]).toEqual([422, 'version']);
      const badAction = await t.http().post(`/api/staff/contents/${id}/transition`).set('Authorization', bureau.auth).send({ action: 'delete', version: 1 });
      expect([badAction.status, badAction.body.field]).toEqual([422, 'action']);
      const badId = await t.http().get('/api/staff/contents/nope').set('Authorization', bureau.auth);
      expect(badId.status).toBe(422);
      const op = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth).send({ ...draft(), $where: '1' });
      expect(op.body.code).toBe('OPERATOR_NOT_ALLOWED');
    });

    it('should create a sanitised draft, keyed for search and audited', async () => {
      const c = await create(bureau);
      const doc = await t.db.model(ContentModel).findById(c.id).select('+searchKeys').lean();
      expect(doc?.status).toBe('draft');
      expect(doc?.body).toBe('<p>按月发放住房补贴。</p><p>详见附件</p>');
      expect(doc?.searchKeys).toEqual(expect.arrayContaining(['住房', '补贴', '附件']));
      const audit = await t.db.model(AuditModel).findOne({ targetId: c.id, action: 'content.create' }).lean();
      expect(audit?.actorId).toBe(bureau.doc._id.toHexString());
    });

    it('should create an institution with its details', async () => {
      const res = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth).send(draft({
        kind: 'institution',
        title: '大连市创业孵化基地',
        institution: { type: 'incubator', address: '大连市高新区黄浦路', contact: '王老师', phone: '0411-88888888', location: { lat: 38.86, lng: 121.53 } },
      }));
      expect(res.status).toBe(200);
      expect(res.body.institution.type).toBe('incubator');
    });

    it('should run draft → review → published → unpublished → published → unpublished → archived, keeping each publication', async () => {
      const c = await create(bureau);
      const review = await move(bureau, c.id, 'submit', c.version);
      expect([review.status, review.body.status]).toEqual([200, 'review']);
      const pub = await move(bureau, c.id, 'publish', review.body.version);
      expect(pub.body.status).toBe('published');
      expect(pub.body.publishedAt).toBeDefined();
      const unpub = await move(bureau, c.id, 'unpublish', pub.body.version);
      const edited = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth)
        .send({ ...draft({ title: '高校毕业生住房补贴（修订）' }), version: unpub.body.version });
      expect(edited.status).toBe(200);
      const repub = await move(bureau, c.id, 'publish', edited.body.version);
      expect(repub.status).toBe(200);
      const unpub2 = await move(bureau, c.id, 'unpublish', repub.body.version);
      const archived = await move(bureau, c.id, 'archive', unpub2.body.version);
      expect(archived.body.status).toBe('archived');

      const versions = await t.http().get(`/api/staff/contents/${c.id}/versions`).set('Authorization', bureau.auth);
      expect(versions.body.map((v: { title: string }) => v.title)).toEqual(['高校毕业生住房补贴（修订）', '高校毕业生住房补贴']);
      expect(await t.db.model(ContentVersionModel).countDocuments({ contentId: new Types.ObjectId(c.id) })).toBe(2);
      const trail = await t.db.model(AuditModel).find({ targetId: c.id }).sort({ _id: 1 }).lean();
      expect(trail.map(a => a.action)).toEqual([
        'content.create', 'content.submit', 'content.publish', 'content.unpublish', 'content.update',
        'content.publish', 'content.unpublish', 'content.archive',
      ]);
    });

    it('should refuse stale versions, wrong transitions and edits of published entries with 409', async () => {
      const c = await create(bureau);
      const stale = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth).send({ ...draft(), version: c.version + 5 });
      expect([stale.status, stale.body.code]).toEqual([409, 'CONTENT_STALE']);
      const skip = await move(bureau, c.id, 'publish', c.version);
      expect([skip.status, skip.body.code]).toEqual([409, 'CONTENT_BAD_TRANSITION']);
      const review = await move(bureau, c.id, 'submit', c.version);
      const again = await move(bureau, c.id, 'submit', c.version);
      expect([again.status, again.body.code]).toEqual([409, 'CONTENT_STALE']);
      const pub = await move(bureau, c.id, 'publish', review.body.version);
      const edit = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth).send({ ...draft(), version: pub.body.version });
      expect([edit.status, edit.body.code]).toEqual([409, 'CONTENT_NOT_EDITABLE']);
      const archive = await move(bureau, c.id, 'archive', pub.body.version);
      expect([archive.status, archive.body.code]).toEqual([409, 'CONTENT_BAD_TRANSITION']);
      const doc = await t.db.model(ContentModel).findById(c.id).lean();
      expect([doc?.status, doc?.version]).toEqual(['published', pub.body.version]);
    });

    it('should answer publish retried with the same version once, the second with 409', async () => {
      const c = await create(bureau);
      const review = await move(bureau, c.id, 'submit', c.version);
      const [a, b] = await Promise.all([move(bureau, c.id, 'publish', review.body.version), move(bureau, c.id, 'publish', review.body.version)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect(await t.db.model(ContentVersionModel).countDocuments({ contentId: new Types.ObjectId(c.id) })).toBe(1);
    });

    it('should keep college staff within their college', async () => {
      const mine = await create(college, { title: '大连理工大学就业见习岗位' });
      const theirs = await t.http().get(`/api/staff/contents/${mine.id}`).set('Authorization', otherCollege.auth);
      expect(theirs.status).toBe(404);
      const move404 = await move(otherCollege, mine.id, 'submit', mine.version);
      expect(move404.status).toBe(404);
      const list = await t.http().get('/api/staff/contents').set('Authorization', otherCollege.auth);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
      const bureauSees = await t.http().get(`/api/staff/contents/${mine.id}`).set('Authorization', bureau.auth);
      expect(bureauSees.status).toBe(200);
      const own = await t.http().get('/api/staff/contents?status=draft').set('Authorization', college.auth);
      expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    });

    it('should page the staff list with a cursor', async () => {
      const first = await t.http().get('/api/staff/contents?limit=2').set('Authorization', bureau.auth);
      expect(first.body.items).toHaveLength(2);
      const second = await t.http().get(`/api/staff/contents?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`).set('Authorization', bureau.auth);
      expect(second.status).toBe(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const tampered = await t.http().get('/api/staff/contents?cursor=abc').set('Authorization', bureau.auth);
      expect(tampered.body.code).toBe('CURSOR_INVALID');
    });
  });

  describe('student routes', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const entries: Array<[string, Record<string, unknown>]> = [
        ['housing', { title: '高校毕业生住房补贴申领', summary: '来连就业的毕业生每月可领住房补贴。', tags: ['住房补贴'] }],
        ['housingBody', { title: '人才安居政策汇编', summary: '人才安居相关政策。', body: '<p>其中第五条规定了住房补贴的标准。</p>', tags: [] }],
        ['tuition', { title: '基层就业学费补偿', summary: '到基层就业的毕业生可申请学费补偿和助学贷款代偿。', tags: ['学费'] }],
        ['trainee', { title: '就业见习补贴', summary: '见习单位按见习人数领取补贴，见习期 3-12 个月。', tags: ['见习'], action: 9 }],
        ['loan', { title: '创业担保贷款及贴息', summary: '自主创业的毕业生可申请最高 30 万元创业担保贷款。', tags: ['创业'], action: 5 }],
        ['masters', {
          title: '硕士研究生来连生活补贴', summary: '2026 届双一流硕士来连就业可领生活补贴。', tags: ['人才'],
          audience: { graduationYears: [2026], degrees: ['master', 'doctor'], doubleFirstClassOnly: true },
        }],
        ['doctors', { title: '博士后科研资助', summary: '博士后进站资助。', tags: ['人才'], audience: { degrees: ['doctor'] } }],
        ['service', { kind: 'service', title: '就业见习岗位对接服务', summary: '为毕业生推荐见习岗位。', tags: ['见习'] }],
      ];
      for (const [key, patch] of entries) ids[key] = (await publish(bureau, { body: '<p>详见附件。</p>', ...patch })).id;
      await create(bureau, { title: '未发布的住房补贴草稿', summary: '住房补贴' });
    });

    it('should list published entries to anyone, with filters', async () => {
      const all = await t.http().get('/api/contents?limit=50');
      expect(all.status).toBe(200);
      expect(all.body.items.map((i: { title: string }) => i.title)).not.toContain('未发布的住房补贴草稿');
      const services = await t.http().get('/api/contents?kind=service');
      expect(services.body.items.map((i: { id: string }) => i.id)).toEqual([ids.service]);
      const action9 = await t.http().get('/api/contents?action=9');
      expect(action9.body.items.map((i: { id: string }) => i.id)).toEqual([ids.trainee]);
      const bad = await t.http().get('/api/contents?action=12');
      expect(bad.status).toBe(422);
    });

    it('should show a published entry with its sanitised body, 404 for drafts', async () => {
      const res = await t.http().get(`/api/contents/${ids.housing}`);
      expect(res.status).toBe(200);
      expect(res.body.body).not.toContain('script');
      const d = await create(bureau);
      expect((await t.http().get(`/api/contents/${d.id}`)).status).toBe(404);
    });

    it('should find 住房补贴 with the title hit first and a highlighted snippet', async () => {
      const res = await t.http().get(`/api/contents/search?q=${encodeURIComponent('住房补贴')}`);
      expect(res.status).toBe(200);
      const found = res.body.map((i: { id: string }) => i.id);
      expect(found.slice(0, 1)).toEqual([ids.housing]);
      expect(found).toContain(ids.housingBody);
      expect(found).not.toContain(ids.tuition);
      expect(res.body[0].highlight).toContain('【住房补贴】');
      expect(res.body[1].highlight).toContain('【住房补贴】');
    });

    it('should find 学费, 见习 and 创业担保贷款', async () => {
      const search = async (q: string) => (await t.http().get(`/api/contents/search?q=${encodeURIComponent(q)}`)).body.map((i: { id: string }) => i.id);
      expect(await search('学费')).toEqual([ids.tuition]);
      const trainee = await search('见习');
      expect(trainee.slice(0, 2).sort()).toEqual([ids.trainee, ids.service].sort());
      expect(trainee[0]).toBe(ids.trainee);
      expect(await search('创业担保贷款')).toEqual([ids.loan]);
      expect(await search('补贴')).toEqual(expect.arrayContaining([ids.housing, ids.trainee, ids.masters]));
      expect(await search('无关词语')).toEqual([]);
    });

    it('should filter search by kind and reject an empty query', async () => {
      const res = await t.http().get(`/api/contents/search?kind=service&q=${encodeURIComponent('见习')}`);
      expect(res.body.map((i: { id: string }) => i.id)).toEqual([ids.service]);
      const empty = await t.http().get(`/api/contents/search?q=${encodeURIComponent('！！')}`);
      expect([empty.status, empty.body.code]).toEqual([422, 'CONTENT_QUERY_EMPTY']);
      const missing = await t.http().get('/api/contents/search');
      expect([missing.status, missing.body.field]).toEqual([422, 'q']);
      const long = await t.http().get(`/api/contents/search?q=${encodeURIComponent('补'.repeat(41))}`);
      expect(long.status).toBe(422);
    });

    it('should rank policies for me by fit and leave out those I am not in', async () => {
      expect((await t.http().get('/api/contents/for-me')).status).toBe(401);
      expect((await t.http().get('/api/contents/for-me').set('Authorization', bureau.auth)).status).toBe(403);
      const res = await t.http().get('/api/contents/for-me').set('Authorization', student.auth);
      expect(res.status).toBe(200);
      const found = res.body.map((i: { id: string }) => i.id);
      expect(found[0]).toBe(ids.masters);
      expect(res.body[0].fit).toBe(3);
      expect(found).not.toContain(ids.doctors);
      expect(found).not.toContain(ids.service);
      expect(found).toContain(ids.housing);
    });

    it('should answer 503 for a share code while WeChat is not configured', async () => {
      const res = await t.http().get(`/api/contents/${ids.loan}/share-code`);
      expect([res.status, res.body.code]).toEqual([503, 'WECHAT_NOT_CONFIGURED']);
    });

    it('should add, list and remove favourites idempotently', async () => {
      const path = `/api/contents/${ids.loan}/favourite`;
      expect((await t.http().put(path)).status).toBe(401);
      expect((await t.http().put(path).set('Authorization', recruiter.auth)).status).toBe(403);
      expect((await t.http().put(`/api/contents/${new Types.ObjectId().toHexString()}/favourite`).set('Authorization', student.auth)).status).toBe(404);
      expect((await t.http().put('/api/contents/bad/favourite').set('Authorization', student.auth)).status).toBe(422);
      expect((await t.http().put(path).set('Authorization', student.auth)).body).toEqual({ favourite: true });
      expect((await t.http().put(path).set('Authorization', student.auth)).status).toBe(200);
      const list = await t.http().get('/api/contents/favourites').set('Authorization', student.auth);
      expect(list.body.map((i: { id: string }) => i.id)).toEqual([ids.loan]);
      expect((await t.http().get('/api/contents/favourites')).status).toBe(401);
      expect((await t.http().del(path).set('Authorization', student.auth)).body).toEqual({ favourite: false });
      expect((await t.http().del(path).set('Authorization', student.auth)).status).toBe(200);
      const after = await t.http().get('/api/contents/favourites').set('Authorization', student.auth);
      expect(after.body).toEqual([]);
    });
  });
});
