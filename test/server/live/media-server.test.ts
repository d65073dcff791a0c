import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { createServer as createHttpServer, get, type Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { LivePushInfo, LiveReplayPage, LiveSessionDetail } from '../../../server/src/contract/live';
import { signStream } from '../../../server/src/modules/live/live.rules';
import { startMediaServer, type MediaServer } from '../../../server/scripts/media-server';
import { enterprise, publishedJob } from '../support/factories';
import { freePort } from '../support/processes';
import { createTestApp, type TestApp } from '../support/test-app';

type Who = Awaited<ReturnType<TestApp['user']>>;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** ffmpeg test pattern (wechat.md §6.5 publisher) pushed as FLV over RTMP. */
function push(url: string): ChildProcess {
  return spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15', '-c:a', 'aac', '-f', 'flv', url],
    { stdio: 'ignore' },
  );
}

function stopped(p: ChildProcess): Promise<void> {
  return new Promise(resolve => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));
}

/** First bytes of an HTTP-FLV response. */
function firstBytes(url: string, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = get(url, res => {
      let buf = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length >= n) {
          req.destroy();
          resolve(buf.subarray(0, n));
        }
      });
      res.on('end', () => resolve(buf));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
  });
}

describe('local media server (node-media-server + Tencent signing)', () => {
  let t: TestApp;
  let api: Server;
  let media: MediaServer;
  let recruiter: Who;
  let jobId: string;
  let rtmpPort: number;
  let recordDir: string;
  const publishers: ChildProcess[] = [];

  async function scheduled(): Promise<{ id: string; stream: string }> {
    const res = await t.http().post('/api/live/sessions').set('Authorization', recruiter.auth)
      .send({ title: '媒体服务器测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [jobId] });
    expect(res.status).toBe(200);
    return { id: res.body.id as string, stream: `ll_${res.body.id as string}` };
  }

  const status = async (id: string) => ((await t.http().get(`/api/live/sessions/${id}`)).body as LiveSessionDetail);

  async function waitFor(id: string, want: string, ms: number): Promise<LiveSessionDetail> {
    const until = Date.now() + ms;
    let last = await status(id);
    while (last.status !== want && Date.now() < until) {
      await sleep(250);
      last = await status(id);
    }
    return last;
  }

  beforeAll(async () => {
    rtmpPort = await freePort();
    const httpPort = await freePort();
    t = await createTestApp({
      live: { pushDomain: `127.0.0.1:${rtmpPort}`, playDomain: `127.0.0.1:${httpPort}`, playHttpBase: `http://127.0.0.1:${httpPort}`, graceSeconds: 1 },
    });
    api = createHttpServer(t.app.callback());
    await new Promise<void>(resolve => api.listen(0, '127.0.0.1', resolve));
    const apiPort = (api.address() as AddressInfo).port;
    recordDir = mkdtempSync(join(tmpdir(), 'liulian-recordings-'));
    media = await startMediaServer({
      rtmpPort, httpPort, apiBase: `http://127.0.0.1:${apiPort}`, callbackKey: t.settings.live.callbackKey, recordDir, log: () => undefined,
    });
    await sleep(300);

    recruiter = await t.user({ roles: ['recruiter'] });
    const ent = await enterprise(t, { recruiters: [recruiter], district: 'hitech', name: '大连推流测试有限公司' });
    jobId = (await publishedJob(t, ent, { title: '推流测试岗位', salaryMin: 6000, salaryMax: 9000 })).toHexString();
  });

  afterAll(async () => {
    for (const p of publishers) p.kill('SIGKILL');
    await media.stop();
    await new Promise<void>(resolve => api.close(() => resolve()));
    await t.close();
    rmSync(recordDir, { recursive: true, force: true });
  });

  it('should refuse unsigned, expired and tampered pushes and leave the session scheduled', async () => {
    const { id, stream } = await scheduled();
    const base = `rtmp://127.0.0.1:${rtmpPort}/live/${stream}`;
    const expired = signStream(t.settings.live.pushKey, stream, new Date(Date.now() - 1000));
    const good = signStream(t.settings.live.pushKey, stream, new Date(Date.now() + 3_600_000));
    const urls = [
      base,
      `${base}?txSecret=${expired.txSecret}&txTime=${expired.txTime}`,
      `${base}?txSecret=${good.txSecret.replace(/^./, c => (c === 'a' ? 'b' : 'a'))}&txTime=${good.txTime}`,
      `${base}?txSecret=${good.txSecret}&txTime=${(parseInt(good.txTime, 16) + 60).toString(16).toUpperCase()}`,
    ];
    for (const url of urls) {
      const p = push(url);
      publishers.push(p);
      await Promise.race([stopped(p), sleep(4000)]);
      p.kill('SIGKILL');
      await stopped(p);
      expect((await status(id)).status).toBe('scheduled');
    }
    // A refused push is not recorded either.
    expect(existsSync(join(recordDir, 'live', stream))).toBe(false);
  }, 60_000);

  it('should go live on a signed push, serve HTTP-FLV, and end when the publisher stops', async () => {
    const { id } = await scheduled();
    const info = (await t.http().get(`/api/live/sessions/${id}/push`).set('Authorization', recruiter.auth)).body as LivePushInfo;
    const p = push(info.pushUrl);
    publishers.push(p);

    const live = await waitFor(id, 'live', 20_000);
    expect(live.status).toBe('live');
    expect(live.startedAt).toBeDefined();
    const head = await firstBytes(live.play!.flv, 3);
    expect(head.toString('latin1')).toBe('FLV');

    await sleep(2000);
    p.kill('SIGINT');
    await stopped(p);
    // Ended after the grace period; with the recording reported, the replay is available.
    const replay = await waitFor(id, 'replay', 30_000);
    expect(replay.status).toBe('replay');
    expect(replay.endedAt).toBeDefined();

    const page = (await t.http().get(`/api/live/sessions/${id}/replay`)).body as LiveReplayPage;
    expect(page.recordings).toHaveLength(1);
    const [recording] = page.recordings!;
    expect(page.recordingUrl).toBe(recording.url);
    expect(recording.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/recordings/live/ll_${id}/\\d+\\.mp4$`));
    expect(recording.offsetMs).toBeLessThan(2000);
    expect(recording.durationMs).toBeGreaterThanOrEqual(1000);

    const whole = await fetch(recording.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    // Moved to the front by +faststart: the index comes before the media data.
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));

    const part = await fetch(recording.url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  }, 90_000);
});
