import { SUBSCRIBE_TOPICS } from '../../../server/src/contract/subscription';
import { TopicChoiceModel } from '../../../server/src/modules/notice/topic.model';
import { createTestApp, type TestApp } from '../support/test-app';

describe('subscription topic settings', () => {
  let t: TestApp;
  let student: Awaited<ReturnType<TestApp['user']>>;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  beforeAll(async () => {
    t = await createTestApp({
      wechat: { appid: 'wx_topics', secret: 'topics_secret' },
      notice: { templates: { policyNotice: 'TPL_policy_notice_01', liveStart: '', growthStatus: 'TPL_growth_1' } },
    });
    student = await t.user({ roles: ['student'] });
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 without a session and 403 for staff', async () => {
    expect((await t.http().get('/api/subscriptions/settings')).status).toBe(401);
    expect((await t.http().put('/api/subscriptions/topics').send({ topics: [] })).status).toBe(401);
    expect((await t.http().get('/api/subscriptions/settings').set('Authorization', bureau.auth)).status).toBe(403);
    expect((await t.http().put('/api/subscriptions/topics').set('Authorization', bureau.auth).send({ topics: [] })).status).toBe(403);
  });

  it('should reject unknown topics, duplicates and a missing list with 422 and store nothing', async () => {
    for (const body of [{}, { topics: ['weather'] }, { topics: ['policy', 'policy'] }, { topics: 'policy' }, { topics: [], digest: ['weather'] }]) {
      const res = await t.http().put('/api/subscriptions/topics').set('Authorization', student.auth).send(body);
      expect([res.status, res.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    expect(await t.db.model(TopicChoiceModel).countDocuments({})).toBe(0);
  });

  it('should start with every topic on, none in the digest, and list only configured templates', async () => {
    const res = await t.http().get('/api/subscriptions/settings').set('Authorization', student.auth);
    expect(res.status).toBe(200);
    expect(res.body.topics).toEqual([...SUBSCRIBE_TOPICS]);
    expect(res.body.digest).toEqual([]);
    expect(res.body.templates).toEqual([
      { topic: 'policy', templateId: 'TPL_policy_notice_01' },
      { topic: 'growth', templateId: 'TPL_growth_1' },
    ]);
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

  it('should store the weekly digest choice per topic and keep it when a request leaves it out', async () => {
    const s = await t.user({ roles: ['student'] });
    const set = await t.http().put('/api/subscriptions/topics').set('Authorization', s.auth).send({ topics: [...SUBSCRIBE_TOPICS], digest: ['growth', 'policy'] });
    expect(set.status).toBe(200);
    expect(set.body.digest).toEqual(['policy', 'growth']);
    const kept = await t.http().put('/api/subscriptions/topics').set('Authorization', s.auth).send({ topics: ['policy'] });
    expect(kept.body).toMatchObject({ topics: ['policy'], digest: ['policy', 'growth'] });
    const cleared = await t.http().put('/api/subscriptions/topics').set('Authorization', s.auth).send({ topics: ['policy'], digest: [] });
    expect(cleared.body.digest).toEqual([]);
  });

  it('should leave topics added since a choice was stored on for that student', async () => {
    const s = await t.user({ roles: ['student'] });
    // A choice written before the fair/support/complaint/growth topics existed: only `topics`.
    await t.db.model(TopicChoiceModel).create({ userId: s.doc._id.toHexString(), topics: ['application'] });
    const res = await t.http().get('/api/subscriptions/settings').set('Authorization', s.auth);
    expect(res.body.topics).toEqual(['application', 'fair', 'support', 'complaint', 'growth']);
  });
});
