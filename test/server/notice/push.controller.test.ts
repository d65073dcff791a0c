import { Types } from 'mongoose';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { PushModel } from '../../../server/src/modules/notice/push.model';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { createTestApp, type TestApp } from '../support/test-app';
import { audience, publishPolicy, studentWithCredits, type Who } from './push.factories';

/** The demo set-up: no WeChat credentials, so notices reach the inbox only. */
describe('inbox and push statistics routes', () => {
  let t: TestApp;
  let bureau: Who;
  let college: Who;
  let otherCollege: Who;
  let student: Who;
  let classmate: Who;
  let recruiter: Who;
  let policyId: string;
  let pushId: string;
  const YEAR = 2033;

  async function expanded(contentId: string): Promise<string> {
    const worker = await t.app.getApplicationContext().getAsync(PushWorker);
    await worker.drain();
    const push = await t.db.model(PushModel).findOne({ contentId: new Types.ObjectId(contentId) }).lean();
    if (!push) throw new Error('no push planned');
    return push._id.toHexString();
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
    college = await t.user({ roles: ['college'], scope: { collegeId: '10141' } });
    otherCollege = await t.user({ roles: ['college'], scope: { collegeId: '10150' } });
    recruiter = await t.user({ roles: ['recruiter'] });
    student = await studentWithCredits(t, null, YEAR);
    classmate = await studentWithCredits(t, null, YEAR);
    await studentWithCredits(t, null, YEAR + 1);
    const first = await publishPolicy(t, bureau, audience({ graduationYears: [YEAR] }), '见习补贴申领通知');
    await expanded(first.id);
    const second = await publishPolicy(t, college, audience({ graduationYears: [YEAR] }), '创业担保贷款贴息通知');
    policyId = second.id;
    pushId = await expanded(second.id);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('who may call', () => {
    it.each([
      ['get', '/api/inbox'],
      ['get', '/api/inbox/unread-count'],
      ['put', '/api/inbox/read-all'],
      ['put', '/api/inbox/0123456789abcdef01234567/read'],
      ['get', '/api/staff/pushes?contentId=0123456789abcdef01234567'],
      ['get', '/api/staff/pushes/0123456789abcdef01234567'],
    ] as const)('should answer 401 to %s %s without a token', async (method, path) => {
      const res = await t.http()[method](path);
      expect(res.status).toBe(401);
    });

    it('should give staff their own inbox (overdue subsidy escalations) and refuse statistics to students and recruiters', async () => {
      const inbox = await t.http().get('/api/inbox').set('Authorization', bureau.auth);
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([]);
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', bureau.auth)).body).toMatchObject({ unread: 0 });
      expect((await t.http().get(`/api/staff/pushes/${pushId}`).set('Authorization', student.auth)).status).toBe(403);
      expect((await t.http().get('/api/staff/pushes').query({ contentId: policyId }).set('Authorization', recruiter.auth)).status).toBe(403);
    });

    it('should hide another college’s push statistics', async () => {
      expect((await t.http().get(`/api/staff/pushes/${pushId}`).set('Authorization', otherCollege.auth)).status).toBe(404);
      expect((await t.http().get('/api/staff/pushes').query({ contentId: policyId }).set('Authorization', otherCollege.auth)).status).toBe(404);
      expect((await t.http().get(`/api/staff/pushes/${pushId}`).set('Authorization', college.auth)).status).toBe(200);
    });
  });

  describe('bad input', () => {
    it('should answer 422 for bad ids, limits and flags', async () => {
      const bad = [
        await t.http().put('/api/inbox/not-an-id/read').set('Authorization', student.auth),
        await t.http().get('/api/inbox').query({ limit: 0 }).set('Authorization', student.auth),
        await t.http().get('/api/inbox').query({ limit: 51 }).set('Authorization', student.auth),
        await t.http().get('/api/inbox').query({ unreadOnly: 'maybe' }).set('Authorization', student.auth),
        await t.http().get('/api/staff/pushes').set('Authorization', bureau.auth),
        await t.http().get('/api/staff/pushes/xyz').set('Authorization', bureau.auth),
      ];
      for (const res of bad) {
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('should answer 400 for a tampered cursor', async () => {
      const res = await t.http().get('/api/inbox').query({ cursor: 'abc.def' }).set('Authorization', student.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CURSOR_INVALID');
    });

    it('should answer 404 for another student’s notice and an unknown push', async () => {
      const theirs = await t.db.model(DeliveryModel).findOne({ userId: classmate.doc._id }).lean();
      expect((await t.http().put(`/api/inbox/${theirs!._id.toHexString()}/read`).set('Authorization', student.auth)).status).toBe(404);
      expect((await t.http().get('/api/staff/pushes/0123456789abcdef01234567').set('Authorization', bureau.auth)).status).toBe(404);
    });
  });

  describe('inbox', () => {
    it('should list the notices newest first with cursor pages', async () => {
      const first = await t.http().get('/api/inbox').query({ limit: 1 }).set('Authorization', student.auth);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.items[0]).toMatchObject({ source: 'policy', contentId: policyId, kind: 'policy', title: '创业担保贷款贴息通知' });
      expect(first.body.items[0].page).toBeUndefined();
      expect(first.body.items[0].readAt).toBeUndefined();
      const second = await t.http().get('/api/inbox').query({ limit: 1, cursor: first.body.nextCursor }).set('Authorization', student.auth);
      expect(second.body.items.map((i: { title: string }) => i.title)).toEqual(['见习补贴申领通知']);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it('should count unread, mark one read idempotently, then all', async () => {
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', student.auth)).body).toEqual({ unread: 2 });
      const page = await t.http().get('/api/inbox').set('Authorization', student.auth);
      const id = page.body.items[0].id as string;
      const once = await t.http().put(`/api/inbox/${id}/read`).set('Authorization', student.auth);
      const twice = await t.http().put(`/api/inbox/${id}/read`).set('Authorization', student.auth);
      expect(once.status).toBe(200);
      expect(twice.body).toEqual(once.body);
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', student.auth)).body).toEqual({ unread: 1 });
      const unreadOnly = await t.http().get('/api/inbox').query({ unreadOnly: true }).set('Authorization', student.auth);
      expect(unreadOnly.body.items).toHaveLength(1);
      expect((await t.http().put('/api/inbox/read-all').set('Authorization', student.auth)).body).toEqual({ marked: 1 });
      expect((await t.http().put('/api/inbox/read-all').set('Authorization', student.auth)).body).toEqual({ marked: 0 });
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', student.auth)).body).toEqual({ unread: 0 });
    });
  });

  describe('statistics', () => {
    it('should report an inbox-only push without WeChat credentials, with reads', async () => {
      const res = await t.http().get(`/api/staff/pushes/${pushId}`).set('Authorization', bureau.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: pushId, contentId: policyId, state: 'off', audience: 2, audienceFinal: true, off: 2, sent: 0, pending: 0, failed: 0, read: 1 });
    });

    it('should allow an audience that matches nobody and report it as 0', async () => {
      const nobody = await publishPolicy(t, bureau, audience({ graduationYears: [2099] }), '面向2099届的政策');
      const id = await expanded(nobody.id);
      const res = await t.http().get('/api/staff/pushes').query({ contentId: nobody.id }).set('Authorization', bureau.auth);
      expect(res.body).toEqual([expect.objectContaining({ id, audience: 0, audienceFinal: true, failedBy: [] })]);
    });

    it('should not push services or institutions', async () => {
      const c = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth).send({ kind: 'service', title: '档案托管服务', summary: '免费托管。' });
      const r = await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', bureau.auth).send({ action: 'submit', version: c.body.version });
      await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', bureau.auth).send({ action: 'publish', version: r.body.version });
      const res = await t.http().get('/api/staff/pushes').query({ contentId: c.body.id }).set('Authorization', bureau.auth);
      expect(res.body).toEqual([]);
    });
  });

  describe('non-policy items', () => {
    it('should list a live item with the policy items, page through it, mark it read, and write it once per event', async () => {
      const notices = await t.app.getApplicationContext().getAsync(NoticeService);
      const event = { type: 'live.started' as const, sessionId: '0123456789abcdef01234567', title: '见习岗位直播', hostName: '大连某公司', startedAt: new Date().toISOString() };
      const notice = { title: '直播开始：见习岗位直播', summary: '你预约的「大连某公司」直播已开始，点击进入直播间', page: 'packages/live/pages/room/index?id=0123456789abcdef01234567' };
      expect(await notices.tell([student.doc._id, classmate.doc._id], event)).toBe(2);
      // A retried event writes nothing twice.
      expect(await notices.tell([student.doc._id], event)).toBe(0);
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', student.auth)).body).toEqual({ unread: 1 });

      const first = await t.http().get('/api/inbox').query({ limit: 1 }).set('Authorization', student.auth);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      const live = first.body.items[0];
      expect(live).toMatchObject({ source: 'live', title: notice.title, summary: notice.summary, page: notice.page });
      expect(live.contentId).toBeUndefined();
      expect(live.kind).toBeUndefined();
      const rest = await t.http().get('/api/inbox').query({ limit: 5, cursor: first.body.nextCursor }).set('Authorization', student.auth);
      expect(rest.body.items.map((i: { source: string; title: string }) => [i.source, i.title])).toEqual([
        ['policy', '创业担保贷款贴息通知'],
        ['policy', '见习补贴申领通知'],
      ]);

      const read = await t.http().put(`/api/inbox/${live.id}/read`).set('Authorization', student.auth);
      expect(read.status).toBe(200);
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', student.auth)).body).toEqual({ unread: 0 });
      expect((await t.http().get('/api/inbox/unread-count').set('Authorization', classmate.auth)).body.unread).toBeGreaterThanOrEqual(1);

      // Policy push statistics do not count event items.
      const stats = await t.http().get(`/api/staff/pushes/${pushId}`).set('Authorization', bureau.auth);
      expect(stats.body).toMatchObject({ audience: 2, off: 2 });
    });
  });
});
