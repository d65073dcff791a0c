import type { LiveReplayPage, LiveSessionDetail, LiveSessionSummary } from '../../../server/src/contract/live';
import type { FairView } from '../../../server/src/contract/job';
import { beijingClock } from '../../../server/src/contract/time';
import { FAIR_SEEDS } from '../../../server/src/modules/fair/fair.seed';
import { DemoSeeder } from '../../../server/src/modules/demo/demo.service';
import { LiveMessageModel, LiveSessionModel } from '../../../server/src/modules/live/live.model';
import { LIVE_SESSION_SEEDS } from '../../../server/src/modules/live/live.seed';
import { createTestApp, type TestApp } from '../support/test-app';

describe('live demo sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    const first = await seeder.seed();
    expect(first.inserted.liveSessions).toBe(LIVE_SESSION_SEEDS.length);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should list the upcoming demo sessions with their featured demo jobs', async () => {
    const upcoming = (await t.http().get('/api/live/sessions?tab=upcoming')).body as LiveSessionSummary[];
    expect(upcoming.map(s => s.title)).toEqual(LIVE_SESSION_SEEDS.filter(s => s.status === 'scheduled').map(s => s.title));
    const detail = (await t.http().get(`/api/live/sessions/${upcoming[0].id}`)).body as LiveSessionDetail;
    expect(detail.jobs.map(j => j.title)).toEqual(['Java 开发工程师（应届）', expect.any(String), expect.any(String)]);
    expect(detail.hostName).toBe('大连星海软件科技有限公司（示例）');
  });

  it("should start each demo session at its seed's Beijing clock time and the demo fairs on coming days", async () => {
    const sessions = await t.db.model(LiveSessionModel).find({ seedKey: { $exists: true } }).lean();
    for (const seed of LIVE_SESSION_SEEDS) expect(beijingClock(sessions.find(s => s.seedKey === seed.seedKey)!.startAt)).toBe(seed.start.at);
    const fairs = (await t.http().get('/api/fairs')).body as { items: FairView[] };
    expect(fairs.items.map(f => f.title)).toEqual(expect.arrayContaining(FAIR_SEEDS.map(f => f.title)));
    const city = fairs.items.find(f => f.title === FAIR_SEEDS[0].title)!;
    expect([beijingClock(new Date(city.startAt)), beijingClock(new Date(city.endAt)), city.boothCount]).toEqual(['09:00', '15:30', 3]);
  });

  it('should give the past session a replay of its messages in stream order', async () => {
    const past = (await t.http().get('/api/live/sessions?tab=past')).body as LiveSessionSummary[];
    expect(past).toHaveLength(1);
    const replay = (await t.http().get(`/api/live/sessions/${past[0].id}/replay`)).body as LiveReplayPage;
    expect(replay.items.map(m => m.offsetMs)).toEqual([1, 6, 7, 15, 16, 30].map(min => min * 60_000));
    expect(replay.items.filter(m => m.host)).toHaveLength(3);
    expect(replay.recordingUrl).toBeUndefined();
  });

  it('should insert nothing when seeded again', async () => {
    const seeder = await t.app.getApplicationContext().getAsync(DemoSeeder);
    const again = await seeder.seed();
    expect(again.inserted.liveSessions ?? 0).toBe(0);
    expect(again.inserted.fairs ?? 0).toBe(0);
    expect(again.existing.fairs).toBe(FAIR_SEEDS.length);
    expect(await t.db.model(LiveSessionModel).countDocuments({ seedKey: { $exists: true } })).toBe(LIVE_SESSION_SEEDS.length);
    expect(await t.db.model(LiveMessageModel).countDocuments({})).toBe(6);
  });
});
