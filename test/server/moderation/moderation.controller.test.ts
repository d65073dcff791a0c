import { HTTP_SERVER_KEY } from '@midwayjs/core';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import type { ComplaintView } from '../../../server/src/contract/complaint';
import type { MediaCheckView } from '../../../server/src/contract/moderation';
import type { InboxItem } from '../../../server/src/contract/notice';
import { MediaCheckModel } from '../../../server/src/modules/moderation/moderation.model';
import { enterprise, pdf, png, publishedJob, recruiterWithEnterprise, type Who } from '../support/factories';
import { FakeWeChatServer, type FakePushTarget } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const PUSH_TOKEN = 'push_token_for_tests';

describe('media checks through mediaCheckAsync and the wxa_media_check push', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_media_test', secret: 'media_secret' });
  let t: TestApp;
  let target: FakePushTarget;
  let student: Who;
  let district: Who;
  let bureau: Who;
  let jobId: string;

  const checks = () => t.db.model(MediaCheckModel);

  async function complaint(): Promise<ComplaintView> {
    const res = await t.http().post('/api/complaints').set('Authorization', student.auth).send({
      idempotencyKey: randomBytes(12).toString('hex'),
      category: 'fake-job',
      jobId,
      description: '岗位描述为软件开发，面试时要求先交 3000 元培训费才能上岗。',
      phone: '13912345678',
    });
    expect(res.status).toBe(200);
    return res.body as ComplaintView;
  }

  /** Files a complaint with one evidence file; answers the evidence's address and its check record. */
  async function evidence(bytes: Buffer, name: string): Promise<{ url: string; complaintId: string; checkId: string }> {
    const c = await complaint();
    const up = await t.http().post(`/api/complaints/${c.id}/evidence`).set('Authorization', student.auth).attach('file', bytes, name);
    expect(up.status).toBe(200);
    const ev = (up.body as ComplaintView).evidence[0];
    const doc = await t.db.model(MediaCheckModel).findOne({ subjectId: c.id }).lean();
    return { url: `/api/complaint-evidence/${c.id}/${ev.id}`, complaintId: c.id, checkId: doc?._id.toHexString() ?? '' };
  }

  const get = (who: Who, url: string) => t.http().get(url).set('Authorization', who.auth);
  const inbox = async (who: Who): Promise<InboxItem[]> => (await get(who, '/api/inbox')).body.items as InboxItem[];

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({
      wechat: { appid: wx.appid, secret: wx.secret, apiBase, pushToken: PUSH_TOKEN },
      moderation: { unchecked: 'hold' },
    });
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t.settings.moderation.publicBaseUrl = origin;
    target = { url: `${origin}/api/wechat/push`, token: PUSH_TOKEN, delayMs: 400 };
    wx.setPushTarget(target);
    student = await t.user({ roles: ['student'], profile: { name: '媒体学生' }, openid: 'openid-media-student' });
    district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    bureau = await t.user({ roles: ['bureau'] });
    const ent = await enterprise(t, { district: '210211', recruiters: 0 });
    jobId = (await publishedJob(t, ent)).toHexString();
  });

  afterAll(async () => {
    await wx.pushesSettled();
    await t.close();
    await wx.stop();
  });

  beforeEach(() => wx.setMediaJudge(() => ({ suggest: 'pass', label: 100 })));

  it('should keep evidence to its uploader until the signed push says pass, then show it to staff', async () => {
    const ev = await evidence(png(11), 'evidence.png');
    const call = wx.calls.find(c => c.path === '/wxa/media_check_async');
    expect(call?.body).toEqual(expect.objectContaining({ media_type: 2, version: 2, scene: 1, openid: 'openid-media-student', media_url: expect.stringContaining('/api/moderation/source/') }));
    // Before the push: the complainant sees it, staff in scope do not.
    expect((await get(student, ev.url)).status).toBe(200);
    const held = await get(district, ev.url);
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('MEDIA_NOT_CLEARED');
    await wx.pushesSettled();
    expect(wx.pushes.at(-1)).toEqual(expect.objectContaining({ status: 200, body: 'success' }));
    expect((await checks().findById(ev.checkId).lean())?.status).toBe('pass');
    const seen = await get(district, ev.url);
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    // The download address was single-purpose: once decided it serves nothing.
    const source = (call?.body as { media_url: string }).media_url.replace(/^http:\/\/[^/]+/, '');
    expect((await t.http().get(source)).status).toBe(403);
  });

  it('should hide risky evidence from staff, tell the complainant, and list it for staff', async () => {
    wx.setMediaJudge(() => ({ suggest: 'risky', label: 20002 }));
    const ev = await evidence(png(12), 'risky.png');
    await wx.pushesSettled();
    const doc = await checks().findById(ev.checkId).lean();
    expect(doc).toEqual(expect.objectContaining({ status: 'risky', label: 20002, decidedBy: 'wechat' }));
    expect((await get(district, ev.url)).body.code).toBe('MEDIA_NOT_CLEARED');
    expect((await get(student, ev.url)).status).toBe(200);
    const told = (await inbox(student)).filter(i => i.title === '投诉证据未通过内容安全检测');
    expect(told).toHaveLength(1);
    expect(told[0].summary).toContain('微信内容安全检测存在风险');
    const risky = await get(bureau, '/api/moderation/media?filter=risky');
    expect(risky.status).toBe(200);
    expect((risky.body as MediaCheckView[]).map(v => v.id)).toContain(ev.checkId);
  });

  it('should refuse a push with a bad signature, an old timestamp, an unknown trace id or a replay, changing nothing', async () => {
    const saved = wx.pushes.length;
    wx.setPushTarget(null);
    const ev = await evidence(png(13), 'later.png');
    wx.setPushTarget(target);
    const doc = await checks().findById(ev.checkId).lean();
    expect(doc?.status).toBe('pending');
    const event = { Event: 'wxa_media_check', MsgType: 'event', appid: wx.appid, trace_id: doc?.traceId, version: 2, errcode: 0, result: { suggest: 'pass', label: 100 } };

    const forged = await wx.push(event, target, { token: 'not-our-token' });
    expect([forged.status, JSON.parse(forged.body).code]).toEqual([403, 'WECHAT_PUSH_SIGNATURE_INVALID']);
    const old = await wx.push(event, target, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect([old.status, JSON.parse(old.body).code]).toEqual([403, 'WECHAT_PUSH_STALE']);
    const unknown = await wx.push({ ...event, trace_id: 'no-such-trace' }, target);
    expect([unknown.status, JSON.parse(unknown.body).code]).toEqual([404, 'MEDIA_CHECK_UNKNOWN']);
    const otherApp = await wx.push({ ...event, appid: 'wx_someone_else' }, target);
    expect([otherApp.status, JSON.parse(otherApp.body).code]).toEqual([403, 'WECHAT_PUSH_SIGNATURE_INVALID']);
    expect((await checks().findById(ev.checkId).lean())?.status).toBe('pending');

    const timestamp = String(Math.floor(Date.now() / 1000));
    const first = await wx.push({ ...event, result: { suggest: 'risky', label: 20006 } }, target, { timestamp, nonce: '424242' });
    expect(first.status).toBe(200);
    const replay = await wx.push({ ...event, result: { suggest: 'risky', label: 20006 } }, target, { timestamp, nonce: '424242' });
    expect([replay.status, JSON.parse(replay.body).code]).toEqual([409, 'WECHAT_PUSH_REPLAYED']);
    // A fresh push about a decided medium is acknowledged and changes nothing.
    const late = await wx.push(event, target);
    expect(late.status).toBe(200);
    expect(await checks().findById(ev.checkId).lean()).toEqual(expect.objectContaining({ status: 'risky', label: 20006 }));
    expect((await inbox(student)).filter(i => i.title === '投诉证据未通过内容安全检测')).toHaveLength(2);
    expect(wx.pushes.length).toBe(saved + 7);
  });

  it('should answer the address check with echostr when signed, 403 otherwise', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { pushSignature } = await import('../support/fake-wechat');
    const ok = await t.http().get('/api/wechat/push').query({ signature: pushSignature(PUSH_TOKEN, timestamp, '77'), timestamp, nonce: '77', echostr: '4375120948345356249' });
    expect([ok.status, ok.text]).toEqual([200, '4375120948345356249']);
    const bad = await t.http().get('/api/wechat/push').query({ signature: 'f'.repeat(40), timestamp, nonce: '77', echostr: 'x' });
    expect([bad.status, bad.body.code]).toEqual([403, 'WECHAT_PUSH_SIGNATURE_INVALID']);
  });

  it('should hold a download WeChat could not make (errcode -1008) and a PDF it does not check, for staff to decide', async () => {
    wx.setPushTarget(null);
    const ev = await evidence(png(14), 'lost.png');
    wx.setPushTarget(target);
    const traceId = (await checks().findById(ev.checkId).lean())?.traceId;
    const failed = await wx.push({ Event: 'wxa_media_check', appid: wx.appid, trace_id: traceId, version: 2, errcode: -1008, errmsg: 'download error' });
    expect(failed.status).toBe(200);
    const doc = await evidence(pdf('证据 PDF'), 'evidence.pdf');
    expect(await checks().findById(doc.checkId).lean()).toEqual(expect.objectContaining({ status: 'unchecked', reason: '微信不检测 PDF 文件' }));

    const waiting = (await get(bureau, '/api/moderation/media')).body as MediaCheckView[];
    expect(waiting.filter(v => [ev.checkId, doc.checkId].includes(v.id)).map(v => v.status).sort()).toEqual(['failed', 'unchecked']);
    const file = await get(bureau, `/api/moderation/media/${doc.checkId}/file`);
    expect([file.status, file.headers['content-type']]).toEqual([200, 'application/pdf']);

    const pass = await t.http().post(`/api/moderation/media/${ev.checkId}/decision`).set('Authorization', bureau.auth).send({ decision: 'pass' });
    expect(pass.body).toEqual(expect.objectContaining({ status: 'pass', decidedBy: 'staff' }));
    expect((await get(district, ev.url)).status).toBe(200);
    const hide = () => t.http().post(`/api/moderation/media/${doc.checkId}/decision`).set('Authorization', bureau.auth).send({ decision: 'hide' });
    expect((await hide()).body.status).toBe('hidden');
    expect((await hide()).body.status).toBe('hidden');
    expect((await get(district, doc.url)).body.code).toBe('MEDIA_NOT_CLEARED');
    expect((await inbox(student)).filter(i => i.summary.includes('经工作人员审核已对他人隐藏'))).toHaveLength(1);
    // Only the bureau and admins work the queue.
    expect((await get(district, '/api/moderation/media')).status).toBe(403);
    expect((await get(student, `/api/moderation/media/${doc.checkId}/file`)).status).toBe(403);
    const unknown = await t.http().post(`/api/moderation/media/${'a'.repeat(24)}/decision`).set('Authorization', bureau.auth).send({ decision: 'pass' });
    expect(unknown.status).toBe(404);
  });

  it('should hold a licence from staff until WeChat passes it', async () => {
    const r = await recruiterWithEnterprise(t, bureau, false);
    wx.setPushTarget(null);
    const up = await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).attach('file', png(15), 'licence.png');
    expect([up.status, up.body.message]).toEqual([200, undefined]);
    wx.setPushTarget(target);
    const url = `/api/staff/enterprises/${r.enterpriseId}/licence`;
    expect((await get(bureau, url)).body.code).toBe('MEDIA_NOT_CLEARED');
    const doc = await checks().findOne({ subjectId: r.enterpriseId, purpose: 'licence' }).lean();
    expect((await wx.push({ Event: 'wxa_media_check', appid: wx.appid, trace_id: doc?.traceId, version: 2, errcode: 0, result: { suggest: 'pass', label: 100 } })).status).toBe(200);
    expect((await get(bureau, url)).status).toBe(200);
  });
});
