import { SUBSCRIBE_TOPICS } from '../../../server/src/contract/subscription';
import { TopicChoiceModel } from '../../../server/src/modules/notice/topic.model';
import { configuredTemplates } from '../../../server/src/modules/notice/topic.service';
import { createTestApp, type TestApp } from '../support/test-app';

describe('subscription topic settings', () => {
  let t: TestApp;
  let student: Awaited<ReturnType<TestApp['user']>>;
  let bureau: Awaited<ReturnType<TestApp['user']>>;
  const saved = process.env.WECHAT_TEMPLATE_POLICY_NOTICE;

  beforeAll(async () => {
    process.env.WECHAT_TEMPLATE_POLICY_NOTICE = 'TPL_policy_notice_01';
    t = await createTestApp();
    student = await t.user({ roles: ['student'] });
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.WECHAT_TEMPLATE_POLICY_NOTICE;
    else process.env.WECHAT_TEMPLATE_POLICY_NOTICE = saved;
    await t.close();
  });

  it('should answer 401 without a session and 403 for staff', async () => {
    expect((await t.http().get('/api/subscriptions/settings')).status).toBe(401);
    expect((await t.http().put('/api/subscriptions/topics').send({ topics: [] })).status).toBe(401);
    expect((await t.http().get('/api/subscriptions/settings').set('Authorization', bureau.auth)).status).toBe(403);
    expect((await t.http().put('/api/subscriptions/topics').set('Authorization', bureau.auth).send({ topics: [] })).status).toBe(403);
  });

  it('should reject unknown topics, duplicates and a missing list with 422 and store nothing', async () => {
    for (const body of [{}, { topics: ['weather'] }, { topics: ['policy', 'policy'] }, { topics: 'policy' }]) {
      const res = await t.http().put('/api/subscriptions/topics').set('Authorization', student.auth).send(body);
      expect([res.status, res.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    expect(await t.db.model(TopicChoiceModel).countDocuments({})).toBe(0);
  });

  it('should start with every topic and list only configured templates', async () => {
    const res = await t.http().get('/api/subscriptions/settings').set('Authorization', student.auth);
    expect(res.status).toBe(200);
    expect(res.body.topics).toEqual([...SUBSCRIBE_TOPICS]);
    expect(res.body.templates).toContainEqual({ topic: 'policy', templateId: 'TPL_policy_notice_01' });
    expect(res.body.subscriptions).toEqual([]);
  });

  it('should keep the chosen topics in topic order, and a repeat changes nothing', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.http().put('/api/subscriptions/topics').set('Authorization', student.auth).send({ topics: ['live', 'policy'] });
      expect(res.status).toBe(200);
      expect(res.body.topics).toEqual(['policy', 'live']);
    }
    expect(await t.db.model(TopicChoiceModel).countDocuments({ userId: student.doc._id.toHexString() })).toBe(1);
    const none = await t.http().put('/api/subscriptions/topics').set('Authorization', student.auth).send({ topics: [] });
    expect(none.body.topics).toEqual([]);
  });

  it('should skip topics whose template is not configured', () => {
    expect(configuredTemplates({ WECHAT_TEMPLATE_LIVE_START: ' TPL_live_1 ', WECHAT_TEMPLATE_POLICY_NOTICE: '' })).toEqual([
      { topic: 'live', templateId: 'TPL_live_1' },
    ]);
  });
});
