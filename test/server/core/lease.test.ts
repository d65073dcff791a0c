import { Leases } from '../../../server/src/core/lease';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Leases', () => {
  let t: TestApp;
  let leases: Leases;

  beforeAll(async () => {
    t = await createTestApp();
    leases = await t.app.getApplicationContext().getAsync(Leases);
  });

  afterAll(async () => {
    await t.close();
  });

  const pause = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

  it('should let one holder at a time do its work, in whatever order they arrive', async () => {
    let inside = 0;
    let most = 0;
    const work = async (n: number) => {
      inside += 1;
      most = Math.max(most, inside);
      await pause(15);
      inside -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map(n => leases.hold('test.one-at-a-time', () => work(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(1);
  });

  it('should let go when the work throws, so the next holder is not kept waiting', async () => {
    await expect(leases.hold('test.throws', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const started = Date.now();
    expect(await leases.hold('test.throws', async () => 'next', { waitMs: 200 })).toBe('next');
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('should give up with CONFLICT when the lease stays held past the wait', async () => {
    let release: () => void = () => undefined;
    const held = leases.hold('test.busy', () => new Promise<void>(resolve => (release = resolve)));
    await pause(30);
    await expect(leases.hold('test.busy', async () => 'late', { waitMs: 100 })).rejects.toMatchObject({ code: 'CONFLICT' });
    release();
    await held;
  });

  it('should take over a lease whose holder died without letting go, once it expires', async () => {
    await t.db.connection.collection('leases').insertOne({ _id: 'test.crashed', owner: 'gone', until: new Date(Date.now() + 150) } as never);
    const started = Date.now();
    expect(await leases.hold('test.crashed', async () => 'taken', { waitMs: 2_000 })).toBe('taken');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(await t.db.connection.collection('leases').countDocuments({ _id: 'test.crashed' } as never)).toBe(0);
  });
});
