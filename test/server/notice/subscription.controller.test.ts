import { SubscriptionModel } from '../../../server/src/modules/notice/subscription.model';
import { createTestApp, type TestApp } from '../support/test-app';

describe('subscription routes', () => {
  let t: TestApp;
  let student: Awaited<ReturnType<TestApp['user']>>;
  let bureau: Awaited<ReturnType<TestApp['user']>>;
  const tpl = 'TPL_policy_notice_01';
  const other = 'TPL_application_02';

  beforeAll(async () => {
    t = await createTestApp();
    student = await t.user({ roles: ['student'] });
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 and 403', async () => {
    expect((await t.http().post('/api/subscriptions').send({ results: { [tpl]: 'accept' } })).status).toBe(401);
    expect((await t.http().get('/api/subscriptions')).status).toBe(401);
    expect((await t.http().post('/api/subscriptions').set('Authorization', bureau.auth).send({ results: { [tpl]: 'accept' } })).status).toBe(403);
    expect((await t.http().get('/api/subscriptions').set('Authorization', bureau.auth)).status).toBe(403);
  });

  it('should reject malformed results with 422', async () => {
    const bad: unknown[] = [
      {},
      { results: {} },
      { results: { [tpl]: 'maybe' } },
      { results: { 'bad id!': 'accept' } },
      { results: { a1234567: 'accept', b1234567: 'accept', c1234567: 'accept', d1234567: 'accept' } },
      { results: 'accept' },
    ];
    for (const body of bad) {
      const res = await t.http().post('/api/subscriptions').set('Authorization', student.auth).send(body as object);
      expect([res.status, res.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    }
    expect(await t.db.model(SubscriptionModel).countDocuments({})).toBe(0);
  });

  it('should add one credit per accept and none for reject', async () => {
    const first = await t.http().post('/api/subscriptions').set('Authorization', student.auth).send({ results: { [tpl]: 'accept', [other]: 'reject' } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      { templateId: other, credits: 0, longTerm: false, lastResult: 'reject' },
      { templateId: tpl, credits: 1, longTerm: false, lastResult: 'accept' },
    ]);
    await Promise.all([1, 2, 3].map(() =>
      t.http().post('/api/subscriptions').set('Authorization', student.auth).send({ results: { [tpl]: 'accept' } })));
    const mine = await t.http().get('/api/subscriptions').set('Authorization', student.auth);
    expect(mine.body.find((s: { templateId: string }) => s.templateId === tpl).credits).toBe(4);
  });

  it('should let a recruiter record a credit (enterprise subsidy decisions are sent to recruiters)', async () => {
    const recruiter = await t.user({ roles: ['recruiter'] });
    const res = await t.http().post('/api/subscriptions').set('Authorization', recruiter.auth).send({ results: { [tpl]: 'accept' } });
    expect(res.status).toBe(200);
    const doc = await t.db.model(SubscriptionModel).findOne({ userId: recruiter.doc._id.toHexString(), templateId: tpl }).lean();
    expect(doc?.credits).toBe(1);
  });
});
