import { VersionCache } from '../../../server/src/core/session-version';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => (resolve = r));
  return { promise, resolve };
}

describe('session version cache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('should read the source once per TTL', async () => {
    const cache = new VersionCache(2_000, 100, clock);
    const read = jest.fn(async () => 3);
    expect(await cache.get('u1', read)).toBe(3);
    now += 1_999;
    expect(await cache.get('u1', read)).toBe(3);
    expect(read).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await cache.get('u1', read)).toBe(3);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('should read again at once after an invalidation', async () => {
    const cache = new VersionCache(60_000, 100, clock);
    let version = 0;
    const read = async () => version;
    expect(await cache.get('u1', read)).toBe(0);
    version = 1;
    cache.invalidate('u1');
    expect(await cache.get('u1', read)).toBe(1);
  });

  it('should share one read between concurrent misses', async () => {
    const cache = new VersionCache(60_000, 100, clock);
    const gate = deferred<number>();
    const read = jest.fn(() => gate.promise);
    const both = Promise.all([cache.get('u1', read), cache.get('u1', read)]);
    gate.resolve(5);
    expect(await both).toEqual([5, 5]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('should not keep a value read before an invalidation that came in while reading', async () => {
    const cache = new VersionCache(60_000, 100, clock);
    const slow = deferred<number>();
    const first = cache.get('u1', () => slow.promise);
    cache.invalidate('u1'); // the version changed while the old value was on its way
    slow.resolve(0);
    expect(await first).toBe(0);
    expect(await cache.get('u1', async () => 1)).toBe(1);
  });

  it('should not join a read that an invalidation made stale', async () => {
    const cache = new VersionCache(60_000, 100, clock);
    const slow = deferred<number>();
    void cache.get('u1', () => slow.promise);
    cache.invalidate('u1');
    expect(await cache.get('u1', async () => 1)).toBe(1);
    slow.resolve(0);
  });

  it('should remember that a user does not exist, and forget everything on clear', async () => {
    const cache = new VersionCache(60_000, 100, clock);
    const read = jest.fn(async () => null);
    expect(await cache.get('ghost', read)).toBeNull();
    expect(await cache.get('ghost', read)).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('should stay within its size by dropping the oldest entries', async () => {
    const cache = new VersionCache(60_000, 3, clock);
    for (const id of ['a', 'b', 'c', 'd']) await cache.get(id, async () => 0);
    expect(cache.size).toBe(3);
    const read = jest.fn(async () => 0);
    await cache.get('a', read);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('should answer a cached user in well under a millisecond', async () => {
    const cache = new VersionCache(60_000);
    const ids = Array.from({ length: 1_000 }, (_, i) => `user${i}`);
    for (const id of ids) await cache.get(id, async () => 0);
    const rounds = 100_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i += 1) await cache.get(ids[i % ids.length], async () => 0);
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / rounds;
    expect(perCallMs).toBeLessThan(0.05);
  });
});
