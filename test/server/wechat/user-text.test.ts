import { randomBytes } from 'crypto';
import { textPieces, textsAt } from '../../../server/src/core/text-security';
import { ComplaintModel } from '../../../server/src/modules/complaint/complaint.model';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { StoryModel } from '../../../server/src/modules/growth/growth.model';
import { enterprise, enterpriseInput, publishedJob, uscc, type Who } from '../support/factories';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

describe('text fields for the check', () => {
  it('should find strings by path, in arrays and nested objects, and skip blanks and other types', () => {
    const body = { title: '标题', note: '  ', n: 3, tags: ['甲', '', '乙'], form: { members: [{ name: '张' }, { name: 7 }, { name: '李' }] } };
    expect(textsAt(body, 'title')).toEqual([{ field: 'title', text: '标题' }]);
    expect(textsAt(body, 'note')).toEqual([]);
    expect(textsAt(body, 'n')).toEqual([]);
    expect(textsAt(body, 'missing')).toEqual([]);
    expect(textsAt(body, 'tags[]')).toEqual([{ field: 'tags.0', text: '甲' }, { field: 'tags.2', text: '乙' }]);
    expect(textsAt(body, 'form.members[].name')).toEqual([{ field: 'form.members.0.name', text: '张' }, { field: 'form.members.2.name', text: '李' }]);
    expect(textsAt(undefined, 'title')).toEqual([]);
  });

  it('should cut text into pieces of at most 2500 characters, counting code points', () => {
    expect(textPieces('短')).toEqual(['短']);
    const long = '😀'.repeat(2500) + '尾';
    expect(textPieces(long).map(p => [...p].length)).toEqual([2500, 1]);
  });
});

describe('user text through msg_sec_check on the routes that carry it', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_text_test', secret: 'text_secret' });
  let t: TestApp;
  let student: Who;
  let jobId: string;

  const story = (who: Who, text: string) => t.http().post('/api/growth/stories').set('Authorization', who.auth).send({ title: '我在大连的第一年', text });

  beforeAll(async () => {
    const apiBase = await wx.start();
    wx.setRiskyWords(['加微信返现']);
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
    student = await t.user({ roles: ['student'], openid: 'openid-text-student', profile: { name: '文本学生' } });
    const ent = await enterprise(t, { district: '210211', recruiters: 0 });
    jobId = (await publishedJob(t, ent)).toHexString();
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('should refuse a story WeChat finds risky with 422 naming the field, store nothing, and take a clean one', async () => {
    const before = await t.db.model(StoryModel).countDocuments();
    const refused = await story(student, '毕业后来到大连，这里的人都很热情，加微信返现，欢迎大家来。');
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([422, 'CONTENT_SECURITY_REJECTED', 'text']);
    expect(await t.db.model(StoryModel).countDocuments()).toBe(before);
    const call = wx.calls.filter(c => c.path === '/wxa/msg_sec_check').at(-1);
    expect(call?.body).toEqual(expect.objectContaining({ version: 2, scene: 3, openid: 'openid-text-student' }));
    expect((await story(student, '毕业后来到大连，这里的人都很热情，我找到了喜欢的工作。')).status).toBe(200);
  });

  it('should refuse a risky complaint description and a risky enterprise name', async () => {
    const c = await t.http().post('/api/complaints').set('Authorization', student.auth).send({
      idempotencyKey: randomBytes(12).toString('hex'), category: 'fake-job', jobId, description: '面试时对方让我加微信返现，说交钱才能上岗。', phone: '13912345678',
    });
    expect([c.status, c.body.code, c.body.field]).toEqual([422, 'CONTENT_SECURITY_REJECTED', 'description']);
    expect(await t.db.model(ComplaintModel).countDocuments({ complainantId: student.doc._id })).toBe(0);

    const r = await t.user({ roles: ['recruiter'], openid: 'openid-text-recruiter' });
    const e = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterpriseInput(uscc('91210200MA0QC7777'), '大连加微信返现科技有限公司'));
    expect([e.status, e.body.code, e.body.field]).toEqual([422, 'CONTENT_SECURITY_REJECTED', 'name']);
    expect(await t.db.model(EnterpriseModel).countDocuments({ recruiterIds: r.doc._id })).toBe(0);
  });

  it('should answer 503 when the check fails and let an author without an openid through (nothing to check against)', async () => {
    wx.forceError('/wxa/msg_sec_check', -1, 1);
    const down = await story(student, '毕业后来到大连，这里的海很美，我在这里安了家。');
    expect([down.status, down.body.code]).toEqual([503, 'WECHAT_UNAVAILABLE']);
    const calls = wx.calls.length;
    const devUser = await t.user({ roles: ['student'] });
    expect((await story(devUser, '毕业后来到大连，这里的海很美，我在这里安了家。')).status).toBe(200);
    expect(wx.calls.slice(calls).filter(c => c.path === '/wxa/msg_sec_check')).toHaveLength(0);
  });
});
