import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { CourseModel, StoryModel } from '../../../server/src/modules/growth/growth.model';
import { LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { createTestApp, type TestApp } from '../support/test-app';
import type { Who } from '../support/factories';

/** Keys that only ever describe the caller (their registration, booking, application, like, sign-up). */
const PERSONAL_KEYS = ['myRegistration', 'booked', 'applied', 'mine', 'likedByMe', 'liked', 'removed', 'muted'];

/** Every personal key that carries something, anywhere in a body. */
function personal(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personal(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${at}.${k}`;
    const own = PERSONAL_KEYS.includes(k) && v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0) ? [here] : [];
    return [...own, ...personal(v, here)];
  });
}

describe('a guest reads what is public, and nothing of anyone', () => {
  let t: TestApp;
  let student: Who;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await (await t.app.getApplicationContext().getAsync(DemoSeeder)).seed();
    student = await t.user({ roles: ['student'], profile: { name: '游客对照' } });
    ids.course = (await t.db.model(CourseModel).findOne({ kind: 'career', status: 'open' }).lean())?._id.toHexString() ?? '';
    const bureau = await t.user({ roles: ['bureau'] });
    const fair = await t.http().post('/api/fairs').set('Authorization', bureau.auth).send({
      kind: 'comprehensive', title: '大连市高校毕业生综合招聘会', description: '每月一场，现场招聘。',
      startAt: new Date(Date.now() + 3600_000).toISOString(), endAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
      venue: '大连星海会展中心', district: '210204', boothCapacity: 2,
    });
    ids.fair = fair.body.id as string;
    ids.live = (await t.db.model(LiveSessionModel).findOne({}).lean())?._id.toHexString() ?? '';
    ids.story = (await t.db.model(StoryModel).findOne({ status: 'approved' }).lean())?._id.toHexString() ?? '';
    const as = (path: string) => t.http().post(path).set('Authorization', student.auth).send({});
    // The student's own state, which a guest must never see (nor be served from a cache).
    await as(`/api/growth/courses/${ids.course}/signup`);
    await as(`/api/fairs/${ids.fair}/registrations`);
    await as(`/api/growth/stories/${ids.story}/like`);
    await as(`/api/live/sessions/${ids.live}/booking`);
  });

  afterAll(async () => t.close());

  const get = (path: string, who?: Who) => (who ? t.http().get(path).set('Authorization', who.auth) : t.http().get(path));

  it.each([
    ['policies', '/api/contents?kind=policy'],
    ['services', '/api/contents?kind=service'],
    ['institutions', '/api/contents?kind=institution'],
    ['the job feed', '/api/jobs'],
    ['fairs', '/api/fairs'],
    ['the live schedule', '/api/live/sessions?tab=upcoming'],
    ['live replays', '/api/live/sessions?tab=past'],
    ['stories', '/api/growth/stories'],
    ['career courses', '/api/growth/courses?kind=career'],
    ['training courses', '/api/growth/courses?kind=training'],
  ])('should show %s to a guest with no personal field', async (_what, path) => {
    await get(path, student);
    const res = await get(path);
    expect(res.status).toBe(200);
    const items = Array.isArray(res.body) ? res.body : (res.body.items as unknown[]);
    expect(items.length).toBeGreaterThan(0);
    expect(personal(res.body)).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(student.doc._id.toHexString());
  });

  it('should show one of each detail to a guest with no personal field, while the student sees theirs', async () => {
    const job = (await get('/api/jobs')).body.items[0] as { id: string };
    const content = (await get('/api/contents?kind=policy')).body.items[0] as { id: string };
    const details = [
      `/api/contents/${content.id}`,
      `/api/jobs/${job.id}`,
      `/api/fairs/${ids.fair}`,
      `/api/fairs/${ids.fair}/booths`,
      `/api/live/sessions/${ids.live}`,
      `/api/growth/courses/${ids.course}`,
    ];
    for (const path of details) {
      await get(path, student);
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, personal(res.body)]).toEqual([path, []]);
      expect(JSON.stringify(res.body)).not.toContain(student.doc._id.toHexString());
    }
    // The same answers carry the student's own state when they ask: the check above is not vacuous.
    expect(personal((await get(`/api/growth/courses/${ids.course}`, student)).body)).toEqual(['.mine']);
    expect(personal((await get(`/api/fairs/${ids.fair}`, student)).body)).toEqual(['.myRegistration']);
  });

  it('should ask a guest to log in (401) for acting: apply, register, book, sign up, like, complain', async () => {
    const job = (await get('/api/jobs')).body.items[0] as { id: string };
    for (const path of [`/api/jobs/${job.id}/applications`, `/api/fairs/${ids.fair}/registrations`, `/api/live/sessions/${ids.live}/booking`, `/api/growth/courses/${ids.course}/signup`, `/api/growth/stories/${ids.story}/like`, '/api/complaints']) {
      const res = await t.http().post(path).send({});
      expect([path, res.status, res.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
    }
  });
});
