import { HTTP_SERVER_KEY } from '@midwayjs/core';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import type { ComplaintView } from '../../../server/src/contract/complaint';
import { MediaCheckModel, PushNonceModel } from '../../../server/src/modules/moderation/moderation.model';
import { enterprise, png, publishedJob, type Who } from '../support/factories';
import { FakeWeChatServer, type FakePushTarget } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const PUSH_TOKEN = 'safe_mode_push_token';
/** An EncodingAESKey as the WeChat console makes one: 43 characters of base64. */
const AES_KEY = randomBytes(32).toString('base64').slice(0, 43);

describe('message push in 安全模式 (AES): encrypted wxa_media_check results', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_safe_mode_test', secret: 'safe_secret' });
  let t: TestApp;
  let target: FakePushTarget;
  let student: Who;
  let district: Who;
  let jobId: string;

  const checks = () => t.db.model(MediaCheckModel);
  const code = (body: string) => (JSON.parse(body) as { code: string }).code;

  /** A complaint with one evidence image whose check is pending (no push sent yet); its check and address. */
  async function pendingEvidence(seed: number): Promise<{ url: string; checkId: string; traceId: string }> {
    wx.setPushTarget(null);
    const c = await t.http().post('/api/complaints').set('Authorization', student.auth).send({
      idempotencyKey: randomBytes(12).toString('hex'),
      category: 'fake-job',
      jobId,
      description: '岗位描述为软件开发，面试时要求先交 3000 元培训费才能上岗。',
      phone: '13912345678',
    });
    expect(c.status).toBe(200);
    const up = await t.http().post(`/api/complaints/${c.body.id}/evidence`).set('Authorization', student.auth).attach('file', png(seed), 'evidence.png');
    expect(up.status).toBe(200);
    wx.setPushTarget(target);
    const doc = await checks().findOne({ subjectId: c.body.id }).lean();
    expect(doc?.status).toBe('pending');
    return { url: `/api/complaint-evidence/${c.body.id}/${(up.body as ComplaintView).evidence[0].id}`, checkId: doc?._id.toHexString() ?? '', traceId: doc?.traceId ?? '' };
  }

  const verdict = (traceId: string, suggest: 'pass' | 'risky') => ({
    ToUserName: 'gh_fake_miniprogram',
    FromUserName: 'openid-safe-student',
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: wx.appid,
    trace_id: traceId,
    version: 2,
    errcode: 0,
    result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
  });

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({
      wechat: { appid: wx.appid, secret: wx.secret, apiBase, pushToken: PUSH_TOKEN, pushMode: 'safe', pushAesKey: AES_KEY },
      moderation: { unchecked: 'hold' },
    });
    const server = t.app.getApplicationContext().get<Server>(HTTP_SERVER_KEY);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t.settings.moderation.publicBaseUrl = origin;
    target = { url: `${origin}/api/wechat/push`, token: PUSH_TOKEN, encodingAesKey: AES_KEY, delayMs: 50 };
    wx.setPushTarget(target);
    student = await t.user({ roles: ['student'], profile: { name: '安全模式学生' }, openid: 'openid-safe-student' });
    district = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
    const ent = await enterprise(t, { district: '210211', recruiters: 0 });
    jobId = (await publishedJob(t, ent)).toHexString();
  });

  afterAll(async () => {
    await wx.pushesSettled();
    await t.close();
    await wx.stop();
  });

  it('should decrypt the fake WeChat’s own encrypted push after its media check and clear the evidence', async () => {
    wx.setMediaJudge(() => ({ suggest: 'pass', label: 100 }));
    const c = await t.http().post('/api/complaints').set('Authorization', student.auth).send({
      idempotencyKey: randomBytes(12).toString('hex'),
      category: 'fake-job',
      jobId,
      description: '招聘单位要求先交押金才能面试，与岗位描述不符。',
      phone: '13912345678',
    });
    const up = await t.http().post(`/api/complaints/${c.body.id}/evidence`).set('Authorization', student.auth).attach('file', png(31), 'evidence.png');
    expect(up.status).toBe(200);
    await wx.pushesSettled();
    const sent = wx.pushes.at(-1);
    // What travelled was ciphertext under msg_signature, never the event itself.
    expect(sent?.query).toEqual(expect.objectContaining({ encrypt_type: 'aes', msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) }));
    expect(Object.keys(sent?.sent ?? {}).sort()).toEqual(['Encrypt', 'ToUserName']);
    expect(JSON.stringify(sent?.sent)).not.toContain('wxa_media_check');
    expect(sent).toEqual(expect.objectContaining({ status: 200, body: 'success' }));
    const doc = await checks().findOne({ subjectId: c.body.id }).lean();
    expect(doc?.status).toBe('pass');
    expect((await t.http().get(`/api/complaint-evidence/${c.body.id}/${(up.body as ComplaintView).evidence[0].id}`).set('Authorization', district.auth)).status).toBe(200);
  });

  it('should refuse a bad msg_signature, a wrong appid, a wrong key, a plaintext push and a replay, changing nothing', async () => {
    const ev = await pendingEvidence(32);
    const event = verdict(ev.traceId, 'pass');
    const nonces = await t.db.model(PushNonceModel).countDocuments();

    const forged = await wx.push(event, target, { token: 'not-our-token' });
    expect([forged.status, code(forged.body)]).toEqual([403, 'WECHAT_PUSH_SIGNATURE_INVALID']);
    // Signed correctly, encrypted correctly, but for another mini-program.
    const foreign = await wx.push(event, target, { appid: 'wx_someone_else' });
    expect([foreign.status, code(foreign.body)]).toEqual([403, 'WECHAT_PUSH_SIGNATURE_INVALID']);
    // Signed with our token, encrypted under another key: does not decrypt to anything of ours.
    const otherKey = await wx.push(event, target, { encodingAesKey: randomBytes(32).toString('base64').slice(0, 43) });
    expect([otherKey.status, code(otherKey.body)]).toEqual([400, 'WECHAT_PUSH_UNDECRYPTABLE']);
    // A correctly signed plaintext push is not what safe mode accepts.
    const plain = await wx.push(event, target, { plain: true });
    expect([plain.status, code(plain.body)]).toEqual([400, 'WECHAT_PUSH_NOT_ENCRYPTED']);
    const old = await wx.push(event, target, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect([old.status, code(old.body)]).toEqual([403, 'WECHAT_PUSH_STALE']);
    expect((await checks().findById(ev.checkId).lean())?.status).toBe('pending');
    expect(await t.db.model(PushNonceModel).countDocuments()).toBe(nonces);
    expect((await t.http().get(ev.url).set('Authorization', district.auth)).body.code).toBe('MEDIA_NOT_CLEARED');

    // The genuine push decides once; the same push captured and sent again is a replay.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const risky = verdict(ev.traceId, 'risky');
    const first = await wx.push(risky, target, { timestamp, nonce: '5150' });
    expect([first.status, first.body]).toEqual([200, 'success']);
    const replay = await wx.push(risky, target, { timestamp, nonce: '5150' });
    expect([replay.status, code(replay.body)]).toEqual([409, 'WECHAT_PUSH_REPLAYED']);
    expect(await checks().findById(ev.checkId).lean()).toEqual(expect.objectContaining({ status: 'risky', label: 20002, decidedBy: 'wechat' }));
  });

  it('should still answer the address check with the plain signature and echostr', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { pushSignature } = await import('../support/fake-wechat');
    const ok = await t.http().get('/api/wechat/push').query({ signature: pushSignature(PUSH_TOKEN, timestamp, '91'), timestamp, nonce: '91', echostr: '4375120948345356249' });
    expect([ok.status, ok.text]).toEqual([200, '4375120948345356249']);
  });
});
