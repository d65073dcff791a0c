import { UserModel } from '../../../server/src/modules/user/user.model';
import { StartupTimings } from '../../../server/src/core/startup-timings';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Index builds are a deploy step (`npm run db:indexes`), not part of every start: a start lists each
 * collection's indexes, builds only the missing ones outside production, and in production
 * (DB_INDEXES=check) refuses to start while one is missing.
 */
describe('database indexes at start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should find every declared index after the start on a fresh database, and build none again', async () => {
    const report = await t.db.ready('check');
    expect(report.collections).toBeGreaterThan(40);
    expect(report.missing).toEqual([]);
    expect((await t.db.ready('missing')).built).toEqual([]);
  });

  it('should refuse a start with a missing index under check, naming it and the deploy step, and build only that collection under missing', async () => {
    const users = t.db.model(UserModel);
    const declared = users.schema.indexes().length;
    // A collection without its indexes, as after a release that declares new ones. (The stand-in
    // database's dropIndex drops a same-named index in every collection, so the collection goes.)
    await users.collection.drop();

    await expect(t.db.ready('check')).rejects.toThrow(new RegExp(`^${declared} database indexes missing \\(User \\{openid: 1\\}; .*\\): run \`npm run db:indexes\``));
    const report = await t.db.ready('missing');
    expect(report.missing).toEqual(expect.arrayContaining(['User {idNumberHash: 1}', 'User {roles: 1, createdAt: -1}']));
    expect(report.missing).toHaveLength(declared);
    expect(report.built).toEqual(['User']);
    expect((await t.db.ready('check')).missing).toEqual([]);
    // The unique index is back: a second account with the same openid is refused.
    await users.create({ nickname: '甲', roles: ['student'], scope: {}, openid: 'o-same' });
    await expect(users.create({ nickname: '乙', roles: ['student'], scope: {}, openid: 'o-same' })).rejects.toThrow(/duplicate key/);
  });
});

describe('startup timings', () => {
  it('should give each phase the time since the previous one, and the total', () => {
    const clock = [1200, 1500, 1550, 1560, 1900, 1950, 1960];
    const timings = new StartupTimings(() => clock.shift() ?? 0);
    for (const phase of ['load', 'components', 'validation', 'database', 'indexes', 'services', 'listen']) timings.phase(phase);
    expect(timings.line('indexes of 54 collections checked, 0 missing')).toBe(
      'started in 2.0 s: load 1.20 s, components 0.30 s, validation 0.05 s, database 0.01 s, indexes 0.34 s, services 0.05 s, listen 0.01 s; indexes of 54 collections checked, 0 missing',
    );
  });
});
