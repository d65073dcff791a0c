import type { Page } from '../../../server/src/contract/common';
import type { JobSummary } from '../../../server/src/contract/job';
import { enterprise, publishedJob } from '../support/factories';
import { startApiPairOnRedis, type ApiPair } from '../support/processes';
import { createTestApp, type TestApp } from '../support/test-app';

/** The bound the deployment guide states for a change to reach every process's cache. */
const CHANGE_BOUND_MS = 1_000;

async function feed(baseUrl: string, query: string): Promise<{ ids: string[]; cache: string | null }> {
  const res = await fetch(`${baseUrl}/api/jobs?${query}`);
  expect(res.status).toBe(200);
  const page = (await res.json()) as Page<JobSummary>;
  return { ids: page.items.map(j => j.id), cache: res.headers.get('x-feed-cache') };
}

/**
 * Two API processes on one database and Redis. The first page is cached for 10 s in each process;
 * a take-down on one must reach the other's cache (and its edge answer) over Redis well before that.
 */
describe('caches across two server processes with Redis', () => {
  let t: TestApp;
  let pair: ApiPair;
  let a: string;
  let b: string;

  beforeAll(async () => {
    const dbName = `t_feed_redis_${Date.now()}`;
    t = await createTestApp({}, { dbName });
    pair = await startApiPairOnRedis(dbName);
    ({ a, b } = pair);
  }, 150_000);

  afterAll(async () => {
    pair?.close();
    await t.close();
  });

  it('should drop a job taken down through one process from the other\'s cached first page within a second', async () => {
    const ent = await enterprise(t, { district: '210212' });
    const kept = (await publishedJob(t, ent, { district: '210212' })).toHexString();
    const gone = (await publishedJob(t, ent, { district: '210212' })).toHexString();
    const query = 'district=210212&limit=10';
    // Fill b's cache and its edge answer: the second read is served from the cached bytes.
    expect((await feed(b, query)).ids).toEqual(expect.arrayContaining([kept, gone]));
    const cached = await feed(b, query);
    expect(cached.cache).toBe('hit');
    expect(cached.ids).toContain(gone);

    const bureau = await t.user({ roles: ['bureau'] });
    const down = await fetch(`${a}/api/staff/jobs/${gone}/take-down`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bureau.auth },
      body: JSON.stringify({ reason: '虚假招聘信息' }),
    });
    expect(down.status).toBe(200);
    const started = Date.now();
    let after = await feed(b, query);
    while (after.ids.includes(gone) && Date.now() - started < 5_000) {
      await new Promise(r => setTimeout(r, 20));
      after = await feed(b, query);
    }
    expect(Date.now() - started).toBeLessThan(CHANGE_BOUND_MS);
    expect(after.ids).toEqual([kept]);
  });

  it('should show a reference item retired through one process as gone on the other within a second', async () => {
    const lists = async (baseUrl: string): Promise<string[]> => {
      const res = await fetch(`${baseUrl}/api/reference`);
      return ((await res.json()) as { industry: Array<{ value: string }> }).industry.map(i => i.value);
    };
    const bureau = await t.user({ roles: ['bureau'] });
    const staff = await fetch(`${a}/api/staff/reference`, { headers: { authorization: bureau.auth } });
    const items = (await staff.json()) as Array<{ id: string; kind: string; value: string; active: boolean }>;
    const item = items.find(i => i.kind === 'industry' && i.active)!;
    expect(await lists(b)).toContain(item.value);

    const retired = await fetch(`${a}/api/staff/reference/${item.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: bureau.auth },
      body: JSON.stringify({ active: false }),
    });
    expect(retired.status).toBe(200);
    const started = Date.now();
    while ((await lists(b)).includes(item.value) && Date.now() - started < 5_000) await new Promise(r => setTimeout(r, 20));
    expect(Date.now() - started).toBeLessThan(CHANGE_BOUND_MS);
  });
});
