import { Types } from 'mongoose';
import { FairModel, FairRegistrationModel } from '../../../server/src/modules/fair/fair.model';
import { signTicket } from '../../../server/src/modules/fair/fair.rules';
import { enterpriseInput, inHours, jobInput, nextSeq, postedJob, realNamed, registeredEnterprise, uscc } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const fairInput = (patch: Record<string, unknown> = {}) => ({
  kind: 'comprehensive',
  title: '大连市高校毕业生综合招聘会',
  description: '每月一场，现场招聘。',
  startAt: inHours(1),
  endAt: inHours(8),
  venue: '大连星海会展中心',
  district: '210204',
  boothCapacity: 2,
  ...patch,
});

describe('fair routes', () => {
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  async function recruiterWithJob() {
    const n = nextSeq();
    const r = await t.user({ roles: ['recruiter'] });
    const company = enterpriseInput(uscc(`912103${String(n).padStart(2, '0')}MA0QC1234`), `大连招聘会测试${n}号有限公司`, { chainTags: [], category: undefined });
    await registeredEnterprise(t, r, bureau, company);
    const job = jobInput({ title: '招聘会岗位', description: '招聘会现场面试的岗位，五险一金。', salaryMin: 6000, salaryMax: 9000, majors: [], headcount: 2, address: '高新区', tags: [] });
    await realNamed(t, r);
    return { ...r, jobId: await postedJob(t, r, job) };
  }

  async function createFair(patch: Record<string, unknown> = {}) {
    const res = await t.http().post('/api/fairs').set('Authorization', bureau.auth).send(fairInput(patch));
    expect(res.status).toBe(200);
    return res.body as { id: string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 to anonymous callers and 403 to the wrong roles', async () => {
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().post('/api/fairs').send(fairInput())).status).toBe(401);
    expect((await t.http().post(`/api/fairs/${id}/registrations`)).status).toBe(401);
    expect((await t.http().get('/api/me/fairs')).status).toBe(401);
    const s = await t.user({ roles: ['student'] });
    const r = await t.user({ roles: ['recruiter'] });
    expect((await t.http().post('/api/fairs').set('Authorization', s.auth).send(fairInput())).status).toBe(403);
    expect((await t.http().post(`/api/fairs/${id}/booths`).set('Authorization', s.auth).send({ jobIds: [id] })).status).toBe(403);
    expect((await t.http().post(`/api/fairs/${id}/check-ins`).set('Authorization', r.auth).send({ token: 'x' })).status).toBe(403);
    expect((await t.http().post(`/api/fairs/${id}/registrations`).set('Authorization', r.auth)).status).toBe(403);
  });

  it('should refuse a fair that ends before it starts', async () => {
    const res = await t.http().post('/api/fairs').set('Authorization', bureau.auth).send(fairInput({ startAt: inHours(5), endAt: inHours(2) }));
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('endAt');
  });

  it('should list upcoming fairs soonest first and page them', async () => {
    await createFair({ title: '软件产业专场招聘会', kind: 'special', startAt: inHours(48), endAt: inHours(52) });
    await createFair({ title: '大连理工大学进校园招聘会', kind: 'campus', startAt: inHours(2), endAt: inHours(6) });
    const first = await t.http().get('/api/fairs?limit=1');
    expect(first.status).toBe(200);
    const seen = [first.body.items[0].startAt as string];
    let cursor = first.body.nextCursor as string | undefined;
    while (cursor) {
      const next = await t.http().get(`/api/fairs?limit=1&cursor=${encodeURIComponent(cursor)}`);
      seen.push(next.body.items[0].startAt);
      cursor = next.body.nextCursor;
    }
    expect([...seen].sort()).toEqual(seen);
    const bad = await t.http().get(`/api/fairs?cursor=${encodeURIComponent(`${first.body.nextCursor}x`)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CURSOR_INVALID');
  });

  it('should enforce booth capacity when enterprises book at once', async () => {
    const fair = await createFair({ boothCapacity: 2 });
    const recruiters = [await recruiterWithJob(), await recruiterWithJob(), await recruiterWithJob(), await recruiterWithJob()];
    const results = await Promise.all(
      recruiters.map(r => t.http().post(`/api/fairs/${fair.id}/booths`).set('Authorization', r.auth).send({ jobIds: [r.jobId] })),
    );
    expect(results.filter(res => res.status === 200)).toHaveLength(2);
    expect(results.filter(res => res.status === 409).every(res => res.body.code === 'FAIR_FULL')).toBe(true);
    const stored = await t.db.model(FairModel).findById(fair.id).lean();
    expect(stored?.boothCount).toBe(2);
    const booths = await t.http().get(`/api/fairs/${fair.id}/booths`);
    expect(booths.body).toHaveLength(2);
  });

  it('should refuse a booth carrying another enterprise\'s job', async () => {
    const fair = await createFair({ boothCapacity: 5 });
    const a = await recruiterWithJob();
    const b = await recruiterWithJob();
    const res = await t.http().post(`/api/fairs/${fair.id}/booths`).set('Authorization', a.auth).send({ jobIds: [b.jobId] });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('jobIds');
    expect((await t.db.model(FairModel).findById(fair.id).lean())?.boothCount).toBe(0);
  });

  it("should show a student their own registration on the fair's page, and nobody else's", async () => {
    const fair = await createFair({ title: '报名状态测试招聘会' });
    const s = await t.user({ roles: ['student'] });
    const classmate = await t.user({ roles: ['student'] });
    const before = await t.http().get(`/api/fairs/${fair.id}`).set('Authorization', s.auth);
    expect(before.status).toBe(200);
    expect(before.body).not.toHaveProperty('myRegistration');

    const registered = await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth);
    const again = await t.http().get(`/api/fairs/${fair.id}`).set('Authorization', s.auth);
    expect(again.body.myRegistration).toEqual({ registeredAt: registered.body.registeredAt });
    expect(again.body.registrationCount).toBe(1);

    const twice = await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'CONFLICT', message: '您已报名该招聘会' });

    expect((await t.http().get(`/api/fairs/${fair.id}`).set('Authorization', classmate.auth)).body).not.toHaveProperty('myRegistration');
    expect((await t.http().get(`/api/fairs/${fair.id}`)).body).not.toHaveProperty('myRegistration');
    expect((await t.http().get(`/api/fairs/${fair.id}`).set('Authorization', bureau.auth)).body).not.toHaveProperty('myRegistration');
  });

  it('should check a registered student in once with a signed ticket, and refuse reuse, forgery and other fairs', async () => {
    const fair = await createFair();
    const other = await createFair({ title: '另一场综合招聘会' });
    const s = await t.user({ roles: ['student'] });
    const notRegistered = await t.http().post(`/api/fairs/${fair.id}/ticket`).set('Authorization', s.auth);
    expect(notRegistered.status).toBe(409);
    expect(notRegistered.body.code).toBe('FAIR_NOT_REGISTERED');

    expect((await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth)).status).toBe(200);
    const twice = await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth);
    expect(twice.status).toBe(409);
    // The registration is confirmed in the student's inbox, once.
    const inbox = await t.http().get('/api/inbox').set('Authorization', s.auth);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ source: 'fair', title: '招聘会报名成功：大连市高校毕业生综合招聘会', page: 'packages/job/pages/my-fairs/index' }),
    ]);
    expect(inbox.body.items[0].summary).toMatch(/^你已报名「大连市高校毕业生综合招聘会」，\d+月\d+日 \d\d:\d\d在大连星海会展中心举行，入场时出示电子票$/);
    expect((await t.db.model(FairRegistrationModel).findOne({ fairId: new Types.ObjectId(fair.id) }).lean())?.pendingNotices).toEqual([]);

    const old = await t.http().post(`/api/fairs/${fair.id}/ticket`).set('Authorization', s.auth);
    const ticket = await t.http().post(`/api/fairs/${fair.id}/ticket`).set('Authorization', s.auth);
    expect(ticket.body.token).not.toBe(old.body.token);

    const stale = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', bureau.auth).send({ token: old.body.token });
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe('TICKET_INVALID');
    const wrongFair = await t.http().post(`/api/fairs/${other.id}/check-ins`).set('Authorization', bureau.auth).send({ token: ticket.body.token });
    expect(wrongFair.body.code).toBe('TICKET_INVALID');
    const forged = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', bureau.auth).send({ token: `${ticket.body.token.slice(0, -2)}xx` });
    expect(forged.body.code).toBe('TICKET_INVALID');

    const ok = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', bureau.auth).send({ token: ticket.body.token });
    expect(ok.status).toBe(200);
    expect(ok.body.checkedInAt).toBeDefined();
    const reuse = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', bureau.auth).send({ token: ticket.body.token });
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('TICKET_USED');

    const mine = await t.http().get('/api/me/fairs').set('Authorization', s.auth);
    expect(mine.body.items[0]).toMatchObject({ fair: { id: fair.id, registrationCount: 1 } });
    expect(mine.body.items[0].checkedInAt).toBeDefined();
  });

  it('should refuse an expired ticket', async () => {
    const fair = await createFair();
    const s = await t.user({ roles: ['student'] });
    await t.http().post(`/api/fairs/${fair.id}/registrations`).set('Authorization', s.auth);
    await t.http().post(`/api/fairs/${fair.id}/ticket`).set('Authorization', s.auth);
    const reg = await t.db.model(FairRegistrationModel).findOne({ fairId: new Types.ObjectId(fair.id) }).lean();
    const token = signTicket(
      { fairId: fair.id, registrationId: reg!._id.toHexString(), nonce: reg!.ticketNonce!, exp: Date.now() - 1000 },
      t.settings.auth.tokenSecret,
    );
    const res = await t.http().post(`/api/fairs/${fair.id}/check-ins`).set('Authorization', bureau.auth).send({ token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('TICKET_EXPIRED');
  });
});
