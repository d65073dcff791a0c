import { Idempotency } from '../../../server/src/core/idempotency';
import { recordId } from '../../../server/src/core/idempotency.rules';
import { jobInput, recruiterWithEnterprise, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const KEY = 'job-post-0000000000000001';

describe('a change sent with an Idempotency-Key is done once', () => {
  let t: TestApp;
  let recruiter: Who;
  let seq = 0;
  const key = () => `${KEY}-${++seq}`;

  const post = (who: Pick<Who, 'auth'>, body: object, idempotencyKey?: string) => {
    const req = t.http().post('/api/recruiter/jobs').set('Authorization', who.auth);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return req.send(body);
  };
  const jobTitles = async (who: Pick<Who, 'auth'>): Promise<string[]> => {
    const res = await t.http().get('/api/recruiter/jobs').set('Authorization', who.auth);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ title: string }>).map(j => j.title);
  };

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await recruiterWithEnterprise(t, await t.user({ roles: ['bureau'] }));
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give a resend the first answer, marked as replayed, and post the job once', async () => {
    const k = key();
    const body = jobInput({ title: '重发测试岗位一' });
    const first = await post(recruiter, body, k);
    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(recruiter, body, k);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await jobTitles(recruiter)).filter(title => title === '重发测试岗位一')).toHaveLength(1);
  });

  it('should do the change once when the resends arrive together, telling the others to wait', async () => {
    const k = key();
    const body = jobInput({ title: '并发重发岗位' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(recruiter, body, k)));
    const statuses = answers.map(a => a.status);
    expect(statuses.every(s => s === 200 || s === 409)).toBe(true);
    for (const busy of answers.filter(a => a.status === 409)) {
      expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(busy.headers['retry-after']).toBe('1');
    }
    const made = answers.filter(a => a.status === 200 && a.headers['idempotent-replayed'] === undefined);
    expect(made).toHaveLength(1);
    // Whoever waited gets the same outcome on the next resend.
    const later = await post(recruiter, body, k);
    expect(later.body).toEqual(made[0].body);
    expect((await jobTitles(recruiter)).filter(title => title === '并发重发岗位')).toHaveLength(1);
  });

  it('should refuse a key reused for a different request, changing nothing', async () => {
    const k = key();
    expect((await post(recruiter, jobInput({ title: '编号复用岗位甲' }), k)).status).toBe(200);
    const reused = await post(recruiter, jobInput({ title: '编号复用岗位乙' }), k);
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(await jobTitles(recruiter)).not.toContain('编号复用岗位乙');
  });

  it('should refuse a malformed key with 400 before doing anything', async () => {
    const res = await post(recruiter, jobInput({ title: '坏编号岗位' }), 'bad key!');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', field: 'Idempotency-Key' });
    expect(await jobTitles(recruiter)).not.toContain('坏编号岗位');
  });

  it('should keep each user\'s keys their own', async () => {
    const k = key();
    const other = await recruiterWithEnterprise(t, await t.user({ roles: ['bureau'] }));
    expect((await post(recruiter, jobInput({ title: '同编号岗位' }), k)).status).toBe(200);
    const theirs = await post(other, jobInput({ title: '同编号岗位' }), k);
    expect(theirs.status).toBe(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await jobTitles(other)).toContain('同编号岗位');
  });

  it('should leave changes without a key as they were: each one done', async () => {
    const body = jobInput({ title: '无编号岗位' });
    expect((await post(recruiter, body)).status).toBe(200);
    expect((await post(recruiter, body)).status).toBe(200);
    expect((await jobTitles(recruiter)).filter(title => title === '无编号岗位')).toHaveLength(2);
  });

  it('should process a refused change afresh on a resend (a refusal changed nothing), and what was not an outcome', async () => {
    const k = key();
    const invalid = jobInput({ title: '' });
    const first = await post(recruiter, invalid, k);
    expect(first.status).toBe(422);
    const again = await post(recruiter, invalid, k);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe(first.body.code);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    // Put right under the same key, it is done.
    const fixed = await post(recruiter, jobInput({ title: '改正后岗位' }), k);
    expect(fixed.status).toBe(200);
    expect(await jobTitles(recruiter)).toContain('改正后岗位');

    // A request that reached no one signed in (an expired token) is not an outcome: the renewed resend runs.
    const k2 = key();
    const stale = await t.http().post('/api/recruiter/jobs').set('Authorization', 'Bearer expired.token.here').set('Idempotency-Key', k2).send(jobInput({ title: '续期后岗位' }));
    expect(stale.status).toBe(401);
    expect((await post(recruiter, jobInput({ title: '续期后岗位' }), k2)).status).toBe(200);
  });

  it('should seal the stored answer, let a dead attempt\'s key be taken over, and forget a user\'s records with the account', async () => {
    const idempotency = await t.app.getApplicationContext().getAsync(Idempotency);
    const records = t.db.connection.collection('idempotency_records');
    const k = key();
    const res = await post(recruiter, jobInput({ title: '加密留存岗位' }), k);
    const id = recordId({ userId: recruiter.doc._id.toHexString(), address: '' }, k);
    const stored = await records.findOne({ _id: id as never });
    expect(stored).toMatchObject({ status: 200, userId: recruiter.doc._id.toHexString() });
    expect(String(stored?.answer)).toMatch(/^v1\./);
    expect(String(stored?.answer)).not.toContain(res.body.id);

    // An attempt whose process stopped without answering holds the key only for its lease.
    const now = new Date();
    const first = await idempotency.start('dead-attempt', 'fp', undefined, now);
    expect(first.kind).toBe('process');
    expect((await idempotency.start('dead-attempt', 'fp', undefined, new Date(now.getTime() + 1_000))).kind).toBe('in-progress');
    const later = await idempotency.start('dead-attempt', 'fp', undefined, new Date(now.getTime() + 61_000));
    expect(later.kind).toBe('process');
    // The dead attempt can no longer store over the one that took its place.
    if (first.kind !== 'process' || later.kind !== 'process') throw new Error('expected attempts');
    await idempotency.finish('dead-attempt', first.attempt, 201, { from: 'dead' });
    await idempotency.finish('dead-attempt', later.attempt, 200, { from: 'later' });
    expect(await idempotency.start('dead-attempt', 'fp', undefined)).toEqual({ kind: 'replay', status: 200, body: { from: 'later' } });

    await idempotency.eraseUser(recruiter.doc._id.toHexString());
    expect(await records.countDocuments({ userId: recruiter.doc._id.toHexString() })).toBe(0);
  });
});
