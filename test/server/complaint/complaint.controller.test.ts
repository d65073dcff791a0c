import { randomBytes } from 'crypto';
import { Types } from 'mongoose';
import type { ComplaintInput, ComplaintStaffView, ComplaintView } from '../../../server/src/contract/complaint';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ComplaintModel, HotlineModel } from '../../../server/src/modules/complaint/complaint.model';
import { COMPLAINT_SEEDS, HOTLINE_SEEDS } from '../../../server/src/modules/complaint/complaint.seed';
import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { beijingDay } from '../../../server/src/contract/time';
import { handlingDue } from '../../../server/src/modules/complaint/complaint.rules';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { JobModel } from '../../../server/src/modules/job/job.model';
import { enterprise, pdf, png, publishedJob, type Who } from '../support/factories';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { ComplaintNoticeService } from '../../../server/src/modules/complaint/complaint-notice.service';

const TEMPLATE = 'tmpl-complaint-status';

const PNG = png(7);
const PDF = pdf('complaint evidence');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]);

describe('complaint routes', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_complaint_test', secret: 'complaint_secret' });
  let t: TestApp;
  let bureau: Who;
  let bureau2: Who;
  let ganjingzi: Who;
  let ganjingzi2: Who;
  let zhuanghe: Who;
  let college: Who;
  let enterpriseId: Types.ObjectId;
  let otherEnterpriseId: Types.ObjectId;
  let jobId: Types.ObjectId;
  let seq = 0;

  const key = () => randomBytes(12).toString('hex');

  const makeEnterprise = async (district: string): Promise<Types.ObjectId> => (await enterprise(t, { district, recruiters: 0 })).id;

  const makeJob = (owner: Types.ObjectId, district = '210211', patch: Record<string, unknown> = {}): Promise<Types.ObjectId> =>
    publishedJob(t, { id: owner, name: '大连测试投诉有限公司', district }, patch);

  async function student(openid?: string): Promise<Who> {
    seq += 1;
    return t.user({ roles: ['student'], profile: { name: `投诉学生${seq}` }, openid: openid ?? `openid-complaint-${seq}` });
  }

  const input = (patch: Partial<ComplaintInput> = {}): ComplaintInput => ({
    idempotencyKey: key(),
    category: 'fake-job',
    jobId: jobId.toHexString(),
    description: '岗位描述为软件开发，面试时要求先交 3000 元培训费才能上岗。',
    phone: '13912345678',
    ...patch,
  });

  async function file(who: Who, patch: Partial<ComplaintInput> = {}): Promise<ComplaintView> {
    const res = await t.http().post('/api/complaints').set('Authorization', who.auth).send(input(patch));
    expect(res.status).toBe(200);
    return res.body as ComplaintView;
  }

  /** Subscribe messages sent to `openid`, once the worker has sent what was queued. */
  const sentTo = async (openid: string) => {
    await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
    return wx.sent.filter(m => m.touser === openid);
  };
  const staff = (who: Who, method: 'get' | 'post', path: string, body?: object) => {
    const req = t.http()[method](`/api/staff/complaints${path}`).set('Authorization', who.auth);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.defineTemplate(TEMPLATE, ['thing1', 'phrase2', 'thing3']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: { complaintStatus: TEMPLATE } } });
    bureau = await t.user({ roles: ['bureau'], profile: { name: '市局王科长' } });
    bureau2 = await t.user({ roles: ['bureau'] });
    ganjingzi = await t.user({ roles: ['district'], scope: { districtCode: '210211' }, profile: { name: '甘井子李老师' } });
    ganjingzi2 = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    zhuanghe = await t.user({ roles: ['district'], scope: { districtCode: '210283' }, profile: { name: '庄河赵老师' } });
    college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    enterpriseId = await makeEnterprise('210211');
    otherEnterpriseId = await makeEnterprise('210283');
    jobId = await makeJob(enterpriseId);
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  describe('access', () => {
    it.each([
      ['post', '/api/complaints'],
      ['get', '/api/complaints'],
      ['get', `/api/complaints/${'a'.repeat(24)}`],
      ['post', `/api/complaints/${'a'.repeat(24)}/evidence`],
      ['get', `/api/complaint-evidence/${'a'.repeat(24)}/${'b'.repeat(16)}`],
      ['get', '/api/staff/complaints'],
      ['get', '/api/staff/complaints/handlers'],
      ['get', `/api/staff/complaints/${'a'.repeat(24)}`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/assign`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/investigate`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/deadline`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/reply`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/close`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/reject`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/freeze`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/unfreeze`],
      ['post', `/api/staff/complaints/${'a'.repeat(24)}/phone`],
      ['put', '/api/staff/complaint-hotlines/city'],
    ] as const)('should answer 401 to %s %s without a token', async (method, path) => {
      const res = await t.http()[method](path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('should answer 403 to a recruiter filing a complaint and to staff reading the student routes', async () => {
      const recruiter = await t.user({ roles: ['recruiter'] });
      expect((await t.http().post('/api/complaints').set('Authorization', recruiter.auth).send(input())).status).toBe(403);
      expect((await t.http().get('/api/complaints').set('Authorization', ganjingzi.auth)).status).toBe(403);
    });

    it('should answer 403 to students and college staff on the staff routes', async () => {
      const s = await student();
      for (const who of [s, college]) {
        const res = await staff(who, 'get', '');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('should let only the bureau edit hotlines', async () => {
      const res = await t.http().put('/api/staff/complaint-hotlines/210211').set('Authorization', ganjingzi.auth).send({ name: '甘井子区维权', phone: '12333', hours: '工作日' });
      expect(res.status).toBe(403);
    });
  });

  describe('filing', () => {
    it('should refuse bad input with 422 and a field, writing nothing', async () => {
      const s = await student();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...input(), category: 'noise' }, 'category'],
        [{ ...input(), description: '太短' }, 'description'],
        [{ ...input(), idempotencyKey: 'short' }, 'idempotencyKey'],
        [{ ...input(), jobId: 'not-an-id' }, 'jobId'],
        [{ ...input(), district: '999999' }, 'district'],
        [{ ...input(), phone: undefined }, 'phone'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http().post('/api/complaints').set('Authorization', s.auth).send(body);
        expect(res.status).toBe(422);
        expect(res.body.field).toBe(field);
      }
      const phone = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ phone: '12345' }));
      expect(phone.status).toBe(422);
      expect(phone.body).toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });
      expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: s.doc._id })).toBe(0);
    });

    it('should refuse keys starting with $ with 400', async () => {
      const s = await student();
      const res = await t.http().post('/api/complaints').set('Authorization', s.auth).send({ ...input(), $where: '1' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('OPERATOR_NOT_ALLOWED');
    });

    it('should require a job, an enterprise, or a named party with a district', async () => {
      const s = await student();
      const none = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ jobId: undefined }));
      expect(none.status).toBe(422);
      expect(none.body).toMatchObject({ code: 'COMPLAINT_TARGET_REQUIRED', field: 'partyName' });
      const noDistrict = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ jobId: undefined, partyName: '某培训学校' }));
      expect(noDistrict.body).toMatchObject({ code: 'COMPLAINT_TARGET_REQUIRED', field: 'district' });
      const party = await file(s, { jobId: undefined, category: 'training-loan', partyName: '某培训学校', district: '210283' });
      expect(party).toMatchObject({ district: '210283', partyName: '某培训学校', status: 'submitted' });
      expect(party.job).toBeUndefined();
    });

    it('should refuse a job or enterprise that does not exist, or a job of another enterprise', async () => {
      const s = await student();
      const ghost = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ jobId: new Types.ObjectId().toHexString() }));
      expect(ghost.status).toBe(422);
      expect(ghost.body).toMatchObject({ code: 'COMPLAINT_TARGET_INVALID', field: 'jobId' });
      const draft = await makeJob(enterpriseId, '210211', { status: 'draft' });
      expect((await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ jobId: draft.toHexString() }))).body.code).toBe('COMPLAINT_TARGET_INVALID');
      const mismatch = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ enterpriseId: otherEnterpriseId.toHexString() }));
      expect(mismatch.body).toMatchObject({ code: 'COMPLAINT_TARGET_INVALID', field: 'enterpriseId' });
      const noEnterprise = await t.http().post('/api/complaints').set('Authorization', s.auth).send(input({ jobId: undefined, enterpriseId: new Types.ObjectId().toHexString() }));
      expect(noEnterprise.body).toMatchObject({ code: 'COMPLAINT_TARGET_INVALID', field: 'enterpriseId' });
    });

    it('should file against a job, take its enterprise and district, encrypt the phone and show it masked', async () => {
      const s = await student();
      const c = await file(s);
      expect(c).toMatchObject({
        status: 'submitted',
        statusLabel: '已提交',
        categoryLabel: '虚假招聘',
        district: '210211',
        phone: '139****5678',
        job: { id: jobId.toHexString() },
        enterprise: { id: enterpriseId.toHexString() },
        overdue: false,
      });
      expect(c.timeline).toEqual([expect.objectContaining({ action: 'submit', label: '提交投诉', actorRole: 'complainant' })]);
      expect(beijingDay(new Date(c.dueAt as string))).toBe(beijingDay(new Date(Date.now() + 2 * 86400_000)));
      const raw = await t.db.model(ComplaintModel).findById(c.id).lean();
      expect(JSON.stringify(raw)).not.toContain('13912345678');
      expect(raw?.phoneEnc).toMatch(/^v1\./);
      const mine = await t.http().get('/api/complaints').set('Authorization', s.auth);
      expect(mine.body.map((m: ComplaintView) => m.id)).toEqual([c.id]);
      const one = await t.http().get(`/api/complaints/${c.id}`).set('Authorization', s.auth);
      expect(one.body.id).toBe(c.id);
      const other = await student();
      expect((await t.http().get(`/api/complaints/${c.id}`).set('Authorization', other.auth)).status).toBe(404);
    });

    it('should create one complaint for a retried submission and for two simultaneous ones', async () => {
      const s = await student();
      const body = input();
      const first = await t.http().post('/api/complaints').set('Authorization', s.auth).send(body);
      const retry = await t.http().post('/api/complaints').set('Authorization', s.auth).send(body);
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);

      const twin = input();
      const [a, b] = await Promise.all([
        t.http().post('/api/complaints').set('Authorization', s.auth).send(twin),
        t.http().post('/api/complaints').set('Authorization', s.auth).send(twin),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.id).toBe(b.body.id);
      expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: s.doc._id })).toBe(2);
    });

    it('should refuse a key reused for a different complaint with 409', async () => {
      const s = await student();
      const body = input();
      await t.http().post('/api/complaints').set('Authorization', s.auth).send(body);
      const reused = await t.http().post('/api/complaints').set('Authorization', s.auth).send({ ...body, description: '这是另一件完全不同的事情的描述。' });
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'COMPLAINT_KEY_REUSED', field: 'idempotencyKey' });
    });
  });

  describe('evidence', () => {
    it('should take images and PDFs checked by content, once each, up to six', async () => {
      const s = await student();
      const c = await file(s);
      const up = (buffer: Buffer, name: string, who: Who = s) => t.http().post(`/api/complaints/${c.id}/evidence`).set('Authorization', who.auth).attach('file', buffer, name);
      const image = await up(PNG, 'chat.png');
      expect(image.status).toBe(200);
      // Stored as decoded and encoded afresh, so the size is the new file's.
      expect(image.body.evidence).toEqual([expect.objectContaining({ type: 'png', size: expect.any(Number) })]);
      const again = await up(PNG, 'chat-again.png');
      expect(again.status).toBe(200);
      expect(again.body.evidence).toHaveLength(1);

      const exe = await up(EXE, 'photo.png');
      expect(exe.status).toBe(422);
      expect(exe.body).toMatchObject({ code: 'FILE_TYPE_INVALID', field: 'file' });
      const text = await up(Buffer.from('just some text pretending'), 'scan.pdf');
      expect(text.status).toBe(422);
      expect(text.body.code).toBe('FILE_TYPE_INVALID');
      const big = await up(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'huge.png');
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('FILE_TOO_LARGE');
      const none = await t.http().post(`/api/complaints/${c.id}/evidence`).set('Authorization', s.auth);
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('FILE_REQUIRED');
      const stranger = await student();
      expect((await up(PDF, 'x.pdf', stranger)).status).toBe(404);

      for (let i = 0; i < 5; i++) {
        const res = await up(pdf(`page ${i}`), `p${i}.pdf`);
        expect(res.status).toBe(200);
      }
      const seventh = await up(pdf('seventh'), 'p7.pdf');
      expect(seventh.status).toBe(409);
      expect(seventh.body.code).toBe('COMPLAINT_EVIDENCE_LIMIT');

      const doc = await t.db.model(ComplaintModel).findById(c.id).lean();
      expect(doc?.evidence).toHaveLength(6);
      expect(doc?.timeline).toHaveLength(1);
    });

    it('should serve evidence to the complainant and staff in scope only', async () => {
      const s = await student();
      const c = await file(s);
      const up = await t.http().post(`/api/complaints/${c.id}/evidence`).set('Authorization', s.auth).attach('file', PNG, 'a.png');
      const url = up.body.evidence[0].url as string;
      const own = await t.http().get(url).set('Authorization', s.auth).buffer(true);
      expect(own.status).toBe(200);
      expect(own.headers['content-type']).toBe('image/png');
      expect((await t.http().get(url).set('Authorization', ganjingzi.auth)).status).toBe(200);
      expect((await t.http().get(url).set('Authorization', bureau.auth)).status).toBe(200);
      expect((await t.http().get(url).set('Authorization', zhuanghe.auth)).status).toBe(403);
      expect((await t.http().get(url).set('Authorization', (await student()).auth)).status).toBe(403);
      expect((await t.http().get(`/api/complaint-evidence/${c.id}/${'0'.repeat(16)}`).set('Authorization', s.auth)).status).toBe(404);
      expect((await t.http().get(`/api/complaint-evidence/${c.id}/nothex`).set('Authorization', s.auth)).status).toBe(422);
    });
  });

  describe('staff scope', () => {
    it('should show district staff their district only and the bureau everything', async () => {
      const s = await student();
      const here = await file(s);
      const there = await file(s, { jobId: undefined, partyName: '庄河某中介', district: '210283', category: 'black-agency' });
      const ids = (res: { body: { items: ComplaintStaffView[] } }) => res.body.items.map(i => i.id);
      const g = await staff(ganjingzi, 'get', '?limit=100');
      expect(g.status).toBe(200);
      expect(ids(g)).toContain(here.id);
      expect(ids(g)).not.toContain(there.id);
      expect((await staff(ganjingzi, 'get', `/${there.id}`)).status).toBe(403);
      expect((await staff(ganjingzi, 'get', '?district=210283')).status).toBe(403);
      expect((await staff(ganjingzi, 'post', `/${there.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString() })).status).toBe(403);
      expect((await staff(ganjingzi, 'post', `/${there.id}/phone`)).status).toBe(403);
      const b = await staff(bureau, 'get', '?limit=100');
      expect(ids(b)).toEqual(expect.arrayContaining([here.id, there.id]));
      const onlyZhuanghe = await staff(bureau, 'get', '?district=210283&limit=100');
      expect(onlyZhuanghe.body.items.every((i: ComplaintStaffView) => i.district === '210283')).toBe(true);
      const detail = await staff(zhuanghe, 'get', `/${there.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ phone: '139****5678', complainantName: expect.stringContaining('投诉学生'), actions: expect.arrayContaining(['assign', 'reject']) });
      expect(detail.body.actions).not.toContain('freeze');
    });

    it('should filter by status and category, page with a signed cursor, and refuse a tampered one', async () => {
      const s = await student();
      for (let i = 0; i < 3; i++) await file(s, { category: 'discrimination', description: `招聘启事写明只招男性，第 ${i} 次投诉内容。` });
      const page1 = await staff(bureau, 'get', '?category=discrimination&status=submitted&limit=2');
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.items.every((i: ComplaintStaffView) => i.category === 'discrimination' && i.status === 'submitted')).toBe(true);
      const page2 = await staff(bureau, 'get', `?category=discrimination&status=submitted&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
      expect(page2.status).toBe(200);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[1].id);
      const tampered = await staff(bureau, 'get', `?cursor=${encodeURIComponent(`${page1.body.nextCursor}x`)}`);
      expect(tampered.status).toBe(400);
      expect(tampered.body.code).toBe('CURSOR_INVALID');
      expect((await staff(bureau, 'get', '?status=lost')).status).toBe(422);
    });

    it('should list assignable handlers: own district for district staff, everyone for the bureau', async () => {
      const g = await staff(ganjingzi, 'get', '/handlers');
      expect(g.status).toBe(200);
      expect(g.body.every((h: { districtCode?: string; role: string }) => h.role === 'district' && h.districtCode === '210211')).toBe(true);
      expect((await staff(ganjingzi, 'get', '/handlers?district=210283')).status).toBe(403);
      const b = await staff(bureau, 'get', '/handlers?district=210283');
      const roles = b.body.map((h: { role: string; districtCode?: string }) => `${h.role}:${h.districtCode ?? ''}`);
      expect(roles).toEqual(expect.arrayContaining(['bureau:', 'district:210283']));
      expect(roles).not.toContain('district:210211');
    });

    it('should reveal the full phone to staff in scope, audit it and tell the complainant who looked', async () => {
      const who = await student();
      const c = await file(who);
      const res = await staff(ganjingzi, 'post', `/${c.id}/phone`);
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe('13912345678');
      expect(await t.db.model(AuditModel).countDocuments({ targetId: c.id, action: 'complaint.phone.reveal' })).toBe(1);
      const views = await t.http().get('/api/me/data-views').set('Authorization', who.auth);
      expect(views.body.items).toEqual([
        expect.objectContaining({ kind: 'phone', kindLabel: '完整手机号', unit: '甘井子区人力资源和社会保障局', role: '区市县人社局', purpose: '回电核实投诉情况' }),
      ]);
    });
  });

  describe('handling', () => {
    it('should triage, investigate, reply and close, with deadlines from the category, audit, a notice and a timeline', async () => {
      const openid = 'openid-complaint-walk';
      const s = await student(openid);
      wx.grantSubscribeCredit(openid, TEMPLATE, 2);
      const c = await file(s, { category: 'unpaid-wages' });

      const assigned = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi2.doc._id.toHexString() });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'triaged', handler: { id: ganjingzi2.doc._id.toHexString(), role: 'district', districtCode: '210211' } });
      expect(beijingDay(new Date(assigned.body.dueAt))).toBe(beijingDay(handlingDue('unpaid-wages', new Date())));
      const retried = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi2.doc._id.toHexString() });
      expect(retried.status).toBe(200);
      expect(retried.body.timeline).toHaveLength(assigned.body.timeline.length);

      expect((await staff(ganjingzi2, 'post', `/${c.id}/investigate`)).body.status).toBe('investigating');
      const again = await staff(ganjingzi2, 'post', `/${c.id}/investigate`);
      expect(again.status).toBe(200);
      expect(again.body.timeline.filter((e: { action: string }) => e.action === 'investigate')).toHaveLength(1);

      const closeEarly = await staff(ganjingzi2, 'post', `/${c.id}/close`, {});
      expect(closeEarly.status).toBe(409);
      expect(closeEarly.body.code).toBe('COMPLAINT_STATE_CHANGED');

      const reply = '经核查，单位已补发拖欠的试用期工资 4500 元。';
      const replied = await staff(ganjingzi2, 'post', `/${c.id}/reply`, { reply });
      expect(replied.status).toBe(200);
      expect(replied.body).toMatchObject({ status: 'replied', reply, overdue: false });
      expect(replied.body.dueAt).toBeUndefined();
      const replyAgain = await staff(ganjingzi2, 'post', `/${c.id}/reply`, { reply });
      expect(replyAgain.status).toBe(200);
      expect(replyAgain.body.timeline.filter((e: { action: string }) => e.action === 'reply')).toHaveLength(1);

      const rejectAfter = await staff(bureau, 'post', `/${c.id}/reject`, { reason: '经核查投诉不成立，不予支持。' });
      expect(rejectAfter.status).toBe(409);
      const closed = await staff(ganjingzi2, 'post', `/${c.id}/close`, { note: '已电话回访' });
      expect(closed.body.status).toBe('closed');

      const seen = await t.http().get(`/api/complaints/${c.id}`).set('Authorization', s.auth);
      expect(seen.body).toMatchObject({ status: 'closed', reply });
      expect(seen.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'assign', 'investigate', 'reply', 'close']);
      expect(seen.body.timeline[1].note).toBe('由甘井子区人社局办理');
      expect(seen.body).not.toHaveProperty('handler');

      const audits = await t.db.model(AuditModel).find({ targetType: 'complaint', targetId: c.id }).lean();
      expect(audits.map(a => a.action).sort()).toEqual(['complaint.assign', 'complaint.close', 'complaint.investigate', 'complaint.reply']);
      expect(audits.find(a => a.action === 'complaint.assign')).toMatchObject({ from: 'submitted', to: 'triaged' });

      // Two credits: the first two status changes reach WeChat, every one reaches the inbox, each once.
      const sent = await sentTo(openid);
      expect(sent.map(m => m.data.phrase2.value)).toEqual(['已受理', '调查中']);
      expect(sent[0].page).toMatch(new RegExp(`^packages/complaint/pages/detail/index\\?id=${c.id}&n=[0-9a-f]{24}$`));
      expect(wx.duplicateSends()).toBe(0);
      const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
      const mine = (inbox.body.items as Array<{ source: string; title: string; page: string }>).filter(i => i.source === 'complaint');
      expect(mine.map(i => i.title)).toEqual(['拖欠工资投诉已办结', '拖欠工资投诉已答复', '拖欠工资投诉调查中', '拖欠工资投诉已受理']);
      expect(mine[0].page).toBe(`packages/complaint/pages/detail/index?id=${c.id}`);
    });

    it('should tell the complainant of each status once even when the step is retried, in the inbox and on WeChat', async () => {
      const openid = 'openid-complaint-retry';
      const s = await student(openid);
      wx.grantSubscribeCredit(openid, TEMPLATE, 5);
      const c = await file(s);
      for (let i = 0; i < 3; i += 1) expect((await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString() })).status).toBe(200);
      const reason = '经核查该岗位信息属实，不予支持。';
      for (let i = 0; i < 3; i += 1) expect((await staff(ganjingzi, 'post', `/${c.id}/reject`, { reason })).status).toBe(200);
      const sent = await sentTo(openid);
      expect(sent.map(m => m.data.phrase2.value)).toEqual(['已受理', '不予支持']);
      expect(sent[1].data.thing3.value).toBe(Array.from(reason).slice(0, 20).join(''));
      expect(wx.subscribeCredit(openid, TEMPLATE)).toBe(3);
      const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
      const items = (inbox.body.items as Array<{ source: string; summary: string }>).filter(i => i.source === 'complaint');
      expect(items).toHaveLength(2);
      expect(items[0].summary).toBe(`不予支持：${reason}`);
    });

    it('should repair the notice of a step whose request died after the change, when the step is retried', async () => {
      const openid = 'openid-complaint-repair';
      const s = await student(openid);
      wx.grantSubscribeCredit(openid, TEMPLATE, 1);
      const c = await file(s);
      // As if the first request triaged the complaint and then died before telling the complainant.
      await t.db.model(ComplaintModel).updateOne(
        { _id: c.id },
        {
          $set: { status: 'triaged', handlerId: ganjingzi.doc._id, handlerName: '甘井子李老师', handlerRole: 'district', handlerDistrict: '210211', triagedAt: new Date() },
          $push: { timeline: { at: new Date(), action: 'assign', actorRole: 'district', actorId: ganjingzi.doc._id.toHexString(), note: '由甘井子区人社局办理' } },
        },
      );
      const retried = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString() });
      expect(retried.status).toBe(200);
      expect((await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString() })).status).toBe(200);
      const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
      expect((inbox.body.items as Array<{ source: string; title: string }>).filter(i => i.source === 'complaint').map(i => i.title)).toEqual(['虚假招聘投诉已受理']);
      expect((await sentTo(openid)).map(m => m.data.phrase2.value)).toEqual(['已受理']);
    });

    it('should tell once, through the worker, a step whose process died between the change and the flush', async () => {
      const openid = 'openid-complaint-outbox';
      const s = await student(openid);
      wx.grantSubscribeCredit(openid, TEMPLATE, 1);
      const c = await file(s);
      const before = await t.db.model(ComplaintModel).findById(c.id).lean();
      const at = new Date(Date.now() - 60_000);
      const entry = { at, action: 'assign' as const, actorRole: 'district' as const, actorId: ganjingzi.doc._id.toHexString(), note: '由甘井子区人社局办理' };
      const notices = await t.app.getApplicationContext().getAsync(ComplaintNoticeService);
      const pending = notices.entryFor({ ...before!, status: 'triaged', timeline: [...before!.timeline, entry] }, at);
      // The step as the handling service writes it, with its notice, and then the process "dies".
      await t.db.model(ComplaintModel).updateOne(
        { _id: c.id, status: 'submitted' },
        { $set: { status: 'triaged', handlerId: ganjingzi.doc._id, handlerName: '甘井子李老师', handlerRole: 'district', handlerDistrict: '210211', triagedAt: at }, $push: { timeline: entry, pendingNotices: pending } },
      );
      await (await t.app.getApplicationContext().getAsync(PushWorker)).drain();
      const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
      expect((inbox.body.items as Array<{ source: string; title: string }>).filter(i => i.source === 'complaint').map(i => i.title)).toEqual(['虚假招聘投诉已受理']);
      expect((await sentTo(openid)).map(m => m.data.phrase2.value)).toEqual(['已受理']);
      expect((await t.db.model(ComplaintModel).findById(c.id).lean())?.pendingNotices).toEqual([]);
    });

    it('should publish the complaint notice template for the submit tap', async () => {
      const res = await t.http().get('/api/complaint-notice');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ templateId: TEMPLATE });
    });

    it('should file a triage without a notice credit quietly', async () => {
      const s = await student('openid-complaint-nocredit');
      const c = await file(s);
      const res = await staff(bureau, 'post', `/${c.id}/assign`, { handlerId: bureau.doc._id.toHexString() });
      expect(res.status).toBe(200);
      expect(res.body.handler).toMatchObject({ role: 'bureau', name: '市局王科长' });
      expect(res.body.timeline[1].note).toBe('由市人社局办理');
    });

    it('should check handlers and deadlines', async () => {
      const s = await student();
      const c = await file(s);
      const notStaff = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: s.doc._id.toHexString() });
      expect(notStaff.status).toBe(422);
      expect(notStaff.body).toMatchObject({ code: 'COMPLAINT_HANDLER_INVALID', field: 'handlerId' });
      const otherDistrict = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: zhuanghe.doc._id.toHexString() });
      expect(otherDistrict.body.code).toBe('COMPLAINT_HANDLER_INVALID');
      const past = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString(), dueDate: '2020-01-01' });
      expect(past.status).toBe(422);
      expect(past.body).toMatchObject({ code: 'COMPLAINT_DEADLINE_INVALID', field: 'dueDate' });
      expect((await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: 'x' })).status).toBe(422);
      expect((await staff(ganjingzi, 'post', `/${c.id}/deadline`, { dueDate: '2099-01-01', reason: '需要调取证据' })).status).toBe(409);

      const chosen = beijingDay(new Date(Date.now() + 20 * 86400_000));
      const ok = await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString(), dueDate: chosen });
      expect(beijingDay(new Date(ok.body.dueAt))).toBe(chosen);
      const later = beijingDay(new Date(Date.now() + 30 * 86400_000));
      const moved = await staff(ganjingzi, 'post', `/${c.id}/deadline`, { dueDate: later, reason: '需要调取银行流水' });
      expect(moved.status).toBe(200);
      expect(beijingDay(new Date(moved.body.dueAt))).toBe(later);
      expect(moved.body.timeline.at(-1)).toMatchObject({ action: 'deadline', note: `办理期限调整为 ${later}：需要调取银行流水` });
      expect((await staff(ganjingzi, 'post', `/${c.id}/deadline`, { dueDate: '2099-01-01', reason: '太远' })).body.code).toBe('COMPLAINT_DEADLINE_INVALID');
      expect((await staff(ganjingzi, 'post', `/${c.id}/deadline`, { dueDate: later })).status).toBe(422);
    });

    it('should let the bureau reroute a complaint to another district, which then owns it', async () => {
      const c = await file(await student());
      const res = await staff(bureau, 'post', `/${c.id}/assign`, { handlerId: zhuanghe.doc._id.toHexString() });
      expect(res.status).toBe(200);
      expect(res.body.district).toBe('210283');
      expect((await staff(zhuanghe, 'get', `/${c.id}`)).status).toBe(200);
      expect((await staff(ganjingzi, 'get', `/${c.id}`)).status).toBe(403);
    });

    it('should reject as unfounded only with a reason, shown to the complainant', async () => {
      const s = await student();
      const c = await file(s);
      const bare = await staff(ganjingzi, 'post', `/${c.id}/reject`, {});
      expect(bare.status).toBe(422);
      expect(bare.body.field).toBe('reason');
      const reason = '经核实，该岗位信息真实，未发现收费行为。';
      const res = await staff(ganjingzi, 'post', `/${c.id}/reject`, { reason });
      expect(res.body).toMatchObject({ status: 'rejected', rejectReason: reason, statusLabel: '不予支持' });
      const again = await staff(ganjingzi, 'post', `/${c.id}/reject`, { reason });
      expect(again.status).toBe(200);
      const other = await staff(ganjingzi2, 'post', `/${c.id}/reject`, { reason });
      expect(other.status).toBe(409);
      const seen = await t.http().get(`/api/complaints/${c.id}`).set('Authorization', s.auth);
      expect(seen.body.timeline.at(-1)).toMatchObject({ action: 'reject', note: reason });
      const evidence = await t.http().post(`/api/complaints/${c.id}/evidence`).set('Authorization', s.auth).attach('file', PNG, 'late.png');
      expect(evidence.status).toBe(409);
      expect(evidence.body.code).toBe('COMPLAINT_NOT_OPEN');
    });

    it('should let exactly one of two staff replying at once win', async () => {
      const c = await file(await student());
      await staff(ganjingzi, 'post', `/${c.id}/assign`, { handlerId: ganjingzi.doc._id.toHexString() });
      const [a, b] = await Promise.all([
        staff(ganjingzi, 'post', `/${c.id}/reply`, { reply: '答复一：已责令企业整改。' }),
        staff(bureau2, 'post', `/${c.id}/reply`, { reply: '答复二：已移交公安机关。' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const doc = await t.db.model(ComplaintModel).findById(c.id).lean();
      expect(doc?.timeline.filter(e => e.action === 'reply')).toHaveLength(1);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: c.id, action: 'complaint.reply' })).toBe(1);
    });

    it('should list open complaints past their deadline as overdue, and drop them once answered', async () => {
      const c = await file(await student());
      await t.db.model(ComplaintModel).updateOne({ _id: c.id }, { $set: { dueAt: new Date(Date.now() - 3600_000) } });
      const overdue = await staff(ganjingzi, 'get', '?overdue=true&limit=100');
      expect(overdue.status).toBe(200);
      const row = overdue.body.items.find((i: ComplaintStaffView) => i.id === c.id);
      expect(row).toMatchObject({ overdue: true });
      expect(overdue.body.items.every((i: ComplaintStaffView) => i.overdue)).toBe(true);
      await staff(ganjingzi, 'post', `/${c.id}/reject`, { reason: '投诉内容与事实不符，不予支持。' });
      const after = await staff(ganjingzi, 'get', '?overdue=true&limit=100');
      expect(after.body.items.map((i: ComplaintStaffView) => i.id)).not.toContain(c.id);
      expect((await staff(ganjingzi, 'get', '?overdue=true&status=closed')).body.items).toEqual([]);
    });
  });

  describe('freezing', () => {
    const jobStatus = async (id: Types.ObjectId) => (await t.db.model(JobModel).findById(id).lean())?.status;

    it('should freeze the job complained about (off the feed), retry harmlessly and unfreeze it', async () => {
      const job = await makeJob(enterpriseId);
      const c = await file(await student(), { jobId: job.toHexString() });
      const frozen = await staff(ganjingzi, 'post', `/${c.id}/freeze`, { target: 'job', reason: '核查期间暂停招聘' });
      expect(frozen.status).toBe(200);
      expect(frozen.body).toMatchObject({ jobFrozen: true, enterpriseFrozen: false });
      expect(frozen.body.actions).toContain('unfreeze');
      expect(await jobStatus(job)).toBe('frozen');
      expect((await t.http().get(`/api/jobs/${job.toHexString()}`)).status).toBe(404);
      const retry = await staff(ganjingzi, 'post', `/${c.id}/freeze`, { target: 'job', reason: '核查期间暂停招聘' });
      expect(retry.status).toBe(200);
      expect(retry.body.timeline.filter((e: { action: string }) => e.action === 'freeze')).toHaveLength(1);

      const thawed = await staff(ganjingzi, 'post', `/${c.id}/unfreeze`, { target: 'job', reason: '核查无问题' });
      expect(thawed.body.jobFrozen).toBe(false);
      expect(await jobStatus(job)).toBe('published');
      expect((await t.http().get(`/api/jobs/${job.toHexString()}`)).status).toBe(200);
      const audits = await t.db.model(AuditModel).find({ targetId: c.id }).lean();
      expect(audits.map(a => a.action).sort()).toEqual(['complaint.freeze.job', 'complaint.unfreeze.job']);
    });

    it('should keep a job frozen while another complaint still holds it, or while reports hold it', async () => {
      const job = await makeJob(enterpriseId);
      const a = await file(await student(), { jobId: job.toHexString() });
      const b = await file(await student(), { jobId: job.toHexString() });
      await staff(ganjingzi, 'post', `/${a.id}/freeze`, { target: 'job', reason: '核查' });
      await staff(ganjingzi, 'post', `/${b.id}/freeze`, { target: 'job', reason: '核查' });
      await staff(ganjingzi, 'post', `/${a.id}/unfreeze`, { target: 'job', reason: '甲投诉已查清' });
      expect(await jobStatus(job)).toBe('frozen');
      await t.db.model(JobModel).updateOne({ _id: job }, { $set: { reportCount: 3 } });
      await staff(ganjingzi, 'post', `/${b.id}/unfreeze`, { target: 'job', reason: '乙投诉已查清' });
      expect(await jobStatus(job)).toBe('frozen');
    });

    it('should not let the reported-jobs restore lift a freeze a complaint holds', async () => {
      const job = await makeJob(enterpriseId);
      const c = await file(await student(), { jobId: job.toHexString() });
      await staff(ganjingzi, 'post', `/${c.id}/freeze`, { target: 'job', reason: '核查' });
      const restore = () => t.http().post(`/api/staff/jobs/${job.toHexString()}/restore`).set('Authorization', bureau.auth).send({ reason: '举报核实无问题' });
      const refused = await restore();
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('JOB_HELD_BY_COMPLAINT');
      expect(await jobStatus(job)).toBe('frozen');
      await staff(ganjingzi, 'post', `/${c.id}/unfreeze`, { target: 'job', reason: '核查无问题' });
      expect(await jobStatus(job)).toBe('published');
      expect((await restore()).body.code).toBe('CONFLICT');
    });

    it('should not let the reported-jobs restore lift a job frozen with its enterprise', async () => {
      const ent = await makeEnterprise('210211');
      const job = await makeJob(ent);
      const c = await file(await student(), { jobId: undefined, enterpriseId: ent.toHexString(), category: 'discrimination' });
      await staff(bureau, 'post', `/${c.id}/freeze`, { target: 'enterprise', reason: '涉嫌就业歧视' });
      const refused = await t.http().post(`/api/staff/jobs/${job.toHexString()}/restore`).set('Authorization', bureau.auth).send({ reason: '举报核实无问题' });
      expect(refused.body.code).toBe('JOB_HELD_BY_COMPLAINT');
      expect(await jobStatus(job)).toBe('frozen');
    });

    it('should freeze an enterprise with its published jobs, and lift both together', async () => {
      const ent = await makeEnterprise('210211');
      const open1 = await makeJob(ent);
      const open2 = await makeJob(ent);
      const closed = await makeJob(ent, '210211', { status: 'closed' });
      const c = await file(await student(), { jobId: undefined, enterpriseId: ent.toHexString(), category: 'discrimination' });
      expect(c.district).toBe('210211');
      const res = await staff(bureau, 'post', `/${c.id}/freeze`, { target: 'enterprise', reason: '涉嫌就业歧视' });
      expect(res.body.enterpriseFrozen).toBe(true);
      expect((await t.db.model(EnterpriseModel).findById(ent).lean())?.frozenAt).toBeInstanceOf(Date);
      expect([await jobStatus(open1), await jobStatus(open2), await jobStatus(closed)]).toEqual(['frozen', 'frozen', 'closed']);
      expect((await staff(bureau, 'post', `/${c.id}/freeze`, { target: 'job', reason: '无岗位' })).body.code).toBe('COMPLAINT_NO_FREEZE_TARGET');

      await staff(bureau, 'post', `/${c.id}/unfreeze`, { target: 'enterprise', reason: '已整改' });
      expect((await t.db.model(EnterpriseModel).findById(ent).lean())?.frozenAt).toBeUndefined();
      expect([await jobStatus(open1), await jobStatus(open2), await jobStatus(closed)]).toEqual(['published', 'published', 'closed']);
    });

    it('should stop a frozen enterprise publishing jobs', async () => {
      const r = await t.user({ roles: ['recruiter'] });
      const ent = await makeEnterprise('210211');
      await t.db.model(EnterpriseModel).updateOne({ _id: ent }, { $set: { recruiterIds: [r.doc._id], frozenAt: new Date() } });
      const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send({
        kind: 'fulltime',
        title: '软件开发工程师',
        description: '负责后端服务开发，参与需求评审和代码审查，有导师带教。',
        salaryMin: 6000,
        salaryMax: 9000,
        education: 'bachelor',
        majors: ['软件工程'],
        headcount: 1,
        district: '210211',
        address: '大连市甘井子区',
        deadline: new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10),
        contactPolicy: '通过平台投递简历',
        tags: [],
      });
      expect(res.body.code).toBe('ENTERPRISE_FROZEN');
      expect(res.status).toBe(409);
    });

    it('should refuse to freeze for a complaint without a job, or after it is closed', async () => {
      const c = await file(await student(), { jobId: undefined, partyName: '某中介', district: '210211', category: 'black-agency' });
      const res = await staff(ganjingzi, 'post', `/${c.id}/freeze`, { target: 'job', reason: '核查' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('COMPLAINT_NO_FREEZE_TARGET');
      expect((await staff(ganjingzi, 'post', `/${c.id}/freeze`, { target: 'shop', reason: '核查' })).status).toBe(422);
      const d = await file(await student());
      await staff(ganjingzi, 'post', `/${d.id}/reject`, { reason: '不属于受理范围的投诉。' });
      const late = await staff(ganjingzi, 'post', `/${d.id}/freeze`, { target: 'job', reason: '核查' });
      expect(late.status).toBe(409);
    });
  });

  describe('hotlines', () => {
    it('should publish hotlines without sign-in and let the bureau correct one, audited', async () => {
      await t.db.model(HotlineModel).create({ district: '210211', name: '甘井子区（示例）', phone: '0411-00000004', hours: '工作日', example: true });
      const list = await t.http().get('/api/complaint-hotlines');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([expect.objectContaining({ district: '210211', districtName: '甘井子区', example: true })]);

      const bad = await t.http().put('/api/staff/complaint-hotlines/210211').set('Authorization', bureau.auth).send({ name: '甘井子区劳动保障监察大队', phone: 'call us', hours: '工作日 8:30-17:00' });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });
      expect((await t.http().put('/api/staff/complaint-hotlines/nowhere').set('Authorization', bureau.auth).send({ name: 'x区', phone: '12333', hours: '工作日' })).status).toBe(422);
      expect((await t.http().put('/api/staff/complaint-hotlines/210211').set('Authorization', bureau.auth).send({ phone: '12333' })).status).toBe(422);

      const ok = await t.http().put('/api/staff/complaint-hotlines/210211').set('Authorization', bureau.auth).send({ name: '甘井子区劳动保障监察大队', phone: '0411-86000000', hours: '工作日 8:30-17:00' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ phone: '0411-86000000', example: false });
      const city = await t.http().put('/api/staff/complaint-hotlines/city').set('Authorization', bureau.auth).send({ name: '人社服务热线', phone: '12333', hours: '全天' });
      expect(city.status).toBe(200);
      const after = await t.http().get('/api/complaint-hotlines');
      expect(after.body.map((h: { district: string }) => h.district)).toEqual(['city', '210211']);
      expect(await t.db.model(AuditModel).countDocuments({ action: 'complaint.hotline.update' })).toBe(2);
    });
  });

  // Last: the demo seed writes users and jobs into this file's database.
  describe('demo data', () => {
    it('should seed the public 12333 hotline for every district and example complaints once, and keep the bureau’s edits', async () => {
      const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
      const first = await seeder.seed();
      const second = await seeder.seed();
      expect(second.inserted.complaints ?? 0).toBe(0);
      expect(second.inserted.complaintHotlines ?? 0).toBe(0);
      expect((first.inserted.complaints ?? 0) + (first.existing.complaints ?? 0)).toBe(COMPLAINT_SEEDS.length);
      const lines = await t.http().get('/api/complaint-hotlines');
      expect(lines.body).toHaveLength(HOTLINE_SEEDS.length);
      // The two lines the bureau edited above stay as edited; every seeded one is the real 12333, not an example.
      for (const line of lines.body as Array<{ district: string; example: boolean; name: string; phone: string }>) {
        if (line.district === '210211') expect(line).toMatchObject({ phone: '0411-86000000', example: false });
        else expect(line).toMatchObject({ phone: '12333', example: false });
        expect(line.name).not.toContain('示例');
      }
      const seeded = await t.db.model(ComplaintModel).find({ seedKey: { $exists: true } }).lean();
      expect(seeded.map(c => c.status).sort()).toEqual(['replied', 'submitted', 'submitted']);
      const overdue = await staff(bureau, 'get', '?overdue=true&limit=100');
      expect(overdue.body.items.map((i: ComplaintStaffView) => i.id)).toContain(seeded.find(c => c.seedKey === 'demo-complaint-black-agency')?._id.toHexString());
    });
  });
});
