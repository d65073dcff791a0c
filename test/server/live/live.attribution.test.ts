import { Types } from 'mongoose';
import type { Applicant } from '../../../server/src/contract/job';
import type { LiveSessionDetail, LiveStats } from '../../../server/src/contract/live';
import { ApplicationModel } from '../../../server/src/modules/job/application.model';
import { LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { enterprise, publishedJob, studentProfile, type Who } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const profile = studentProfile({ name: '赵敏', graduationYear: 2026 });

describe('applications from a live session (attribution)', () => {
  let t: TestApp;
  let host: Who;
  let jobIds: string[];
  let outsideJob: string;

  async function session(title: string): Promise<string> {
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title, startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds });
    expect(res.status).toBe(200);
    return (res.body as LiveSessionDetail).id;
  }

  const apply = (who: Who, jobId: string, query = '') => t.http().post(`/api/jobs/${jobId}/applications${query}`).set('Authorization', who.auth).send({});
  const applicants = async (jobId: string) =>
    (await t.http().get(`/api/recruiter/jobs/${jobId}/applications`).set('Authorization', host.auth)).body.items as Applicant[];
  const setStatus = (id: string, status: string) => t.db.model(LiveSessionModel).updateOne({ _id: new Types.ObjectId(id) }, { $set: { status } });

  beforeAll(async () => {
    t = await createTestApp();
    host = await t.user({ roles: ['recruiter'] });
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连来源测试有限公司' });
    jobIds = [];
    for (const title of ['前端开发工程师', '产品助理']) jobIds.push((await publishedJob(t, ent, { title })).toHexString());
    outsideJob = (await publishedJob(t, ent, { title: '不在直播里的岗位' })).toHexString();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should refuse a source claim that is malformed, unknown, of another job or not yet a replay, writing nothing', async () => {
    const id = await session('来源校验直播');
    const student = await t.user({ roles: ['student'], profile });
    const noVia = await apply(student, jobIds[0], `?liveSessionId=${id}`);
    expect([noVia.status, noVia.body.code, noVia.body.field]).toEqual([422, 'VALIDATION_FAILED', 'via']);
    const noSession = await apply(student, jobIds[0], '?via=replay');
    expect([noSession.status, noSession.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect((await apply(student, jobIds[0], '?liveSessionId=0123456789abcdef01234567&via=live-job-page')).body.code).toBe('LIVE_SESSION_NOT_FOUND');
    const other = await apply(student, outsideJob, `?liveSessionId=${id}&via=live-job-page`);
    expect([other.status, other.body.code]).toEqual([422, 'LIVE_JOBS_INVALID']);
    const early = await apply(student, jobIds[0], `?liveSessionId=${id}&via=replay`);
    expect([early.status, early.body.code]).toEqual([409, 'LIVE_NO_REPLAY']);
    expect(await t.db.model(ApplicationModel).countDocuments({ studentId: student.doc._id })).toBe(0);
  });

  it('should refuse the room as a source to a removed viewer', async () => {
    const id = await session('移出观众来源直播');
    const removed = await t.user({ roles: ['student'], profile });
    await t.db.model(LiveSessionModel).updateOne({ _id: new Types.ObjectId(id) }, { $addToSet: { removedIds: removed.doc._id } });
    const res = await apply(removed, jobIds[0], `?liveSessionId=${id}&via=live-job-page`);
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('should store the source of an application from a job page opened from the room, and keep the first source on a second apply', async () => {
    const id = await session('春季软件岗位直播');
    const student = await t.user({ roles: ['student'], profile });
    const first = await apply(student, jobIds[0], `?liveSessionId=${id}&via=live-job-page`);
    expect(first.status).toBe(200);
    await setStatus(id, 'replay');
    const again = await apply(student, jobIds[0], `?liveSessionId=${id}&via=replay`);
    expect([again.status, again.body.code]).toEqual([409, 'JOB_ALREADY_APPLIED']);
    const mine = (await applicants(jobIds[0])).filter(a => a.id === first.body.id);
    expect(mine).toEqual([expect.objectContaining({ source: { kind: 'live-job-page', sessionId: id, sessionTitle: '春季软件岗位直播' } })]);
  });

  it('should apply from a replay card, show it to the recruiter, mark the card applied and count each source in the statistics', async () => {
    const id = await session('回放来源统计直播');
    await setStatus(id, 'live');
    const fromPage = await t.user({ roles: ['student'], profile });
    expect((await apply(fromPage, jobIds[1], `?liveSessionId=${id}&via=live-job-page`)).status).toBe(200);
    const elsewhere = await t.user({ roles: ['student'], profile });
    expect((await apply(elsewhere, jobIds[1])).status).toBe(200);
    await setStatus(id, 'ended');
    const fromReplay = await t.user({ roles: ['student'], profile });
    const res = await apply(fromReplay, jobIds[1], `?liveSessionId=${id}&via=replay`);
    expect(res.status).toBe(200);

    const list = await applicants(jobIds[1]);
    expect(list.find(a => a.id === res.body.id)?.source).toEqual({ kind: 'replay', sessionId: id, sessionTitle: '回放来源统计直播' });
    // An application made elsewhere carries no source.
    expect(list.find(a => a.profile && !a.source && a.id !== res.body.id)).toBeDefined();

    const detail = (await t.http().get(`/api/live/sessions/${id}`).set('Authorization', fromReplay.auth)).body as LiveSessionDetail;
    expect(detail.applied).toEqual([jobIds[1]]);
    expect(((await t.http().get(`/api/live/sessions/${id}`)).body as LiveSessionDetail).applied).toBeUndefined();

    const stats = (await t.http().get(`/api/live/sessions/${id}/stats`).set('Authorization', host.auth)).body as LiveStats;
    expect(stats.applications).toEqual([
      { jobId: jobIds[0], title: '前端开发工程师', count: 0, bySource: { live: 0, replay: 0, 'live-job-page': 0 } },
      { jobId: jobIds[1], title: '产品助理', count: 2, bySource: { live: 0, replay: 1, 'live-job-page': 1 } },
    ]);
  });
});
