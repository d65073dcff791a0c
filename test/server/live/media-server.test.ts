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

/** ffmpeg test pattern (wechat.md §6.5 publisher) pushed as FLV over RTMP; intruders push another size. */
function push(url: string, size = '320x240'): ChildProcess {
  return spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=15`, '-f', 'lavfi', '-i', 'sine',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15', '-c:a', 'aac', '-f', 'flv', url],
    { stdio: 'ignore' },
  );
}

function stopped(p: ChildProcess): Promise<void> {
  return new Promise(resolve => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));
}

/**
 * A viewer decoding the HTTP-FLV stream as a player does: ffmpeg's showinfo prints every decoded frame
 * with its size; `frames` counts them, `sizes` collects the sizes seen, `errors` the decoder's complaints.
 */
interface Viewer {
  frames: number;
  sizes: Set<string>;
  errors: string[];
  process: ChildProcess;
}

function watch(url: string): Viewer {
  const p = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'info', '-i', url, '-map', '0:v', '-vf', 'showinfo', '-f', 'null', '-'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const viewer: Viewer = { frames: 0, sizes: new Set(), errors: [], process: p };
  let pending = '';
  p.stderr.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const frame = /Parsed_showinfo.* n:\s*\d+ .* s:(\d+x\d+)/.exec(line);
      if (frame) {
        viewer.frames += 1;
        viewer.sizes.add(frame[1]);
      } else if (/error|invalid|corrupt/i.test(line)) viewer.errors.push(line);
    }
  });
  return viewer;
}

/** Resolves once `ok()` holds, checking every 100 ms; fails with `what` after `ms`. */
async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The first video stream's size (and frame count when `count`) as ffprobe reads it. */
function probe(url: string, count = false): Promise<{ code: number | null; out: string }> {
  return new Promise(resolve => {
    const args = ['-v', 'error', '-rw_timeout', '5000000', '-select_streams', 'v:0', ...(count ? ['-count_frames'] : []),
      '-show_entries', `stream=width,height${count ? ',nb_read_frames' : ''}`, '-of', 'csv=p=0', url];
    const p = spawn('ffprobe', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    p.once('exit', code => resolve({ code, out: out.trim() }));
  });
}

/** Every byte of an HTTP response until the server ends it (or `ms` passes). */
function allBytes(url: string, ms: number): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = get(url, res => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.setTimeout(ms, () => req.destroy(new Error(`still open after ${ms} ms`)));
  });
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
      rtmpPort, httpPort, apiBase: `http://127.0.0.1:${apiPort}`, callbackKey: t.settings.live.callbackKey,
      pushKey: t.settings.live.pushKey, playKey: t.settings.live.playKey, recordDir, log: () => undefined,
    });
    await sleep(300);

    recruiter = await t.user({ roles: ['recruiter'] });
    const ent = await enterprise(t, { recruiters: [recruiter], district: 'hitech', name: '大连推流测试有限公司' });
    jobId = (await publishedJob(t, ent, { title: '推流测试岗位', salaryMin: 6000, salaryMax: 9000 })).toHexString();
  });

  const viewers: Viewer[] = [];

  afterAll(async () => {
    for (const v of viewers) v.process.kill('SIGKILL');
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

  it('should keep viewers on the real stream while an intruder and a second device push to it, and keep the recording whole', async () => {
    const { id, stream } = await scheduled();
    const info = (await t.http().get(`/api/live/sessions/${id}/push`).set('Authorization', recruiter.auth)).body as LivePushInfo;
    const real = push(info.pushUrl);
    publishers.push(real);
    const live = await waitFor(id, 'live', 20_000);
    expect(live.status).toBe('live');
    const viewer = watch(live.play!.flv);
    viewers.push(viewer);
    await until('the viewer to decode frames', () => viewer.frames >= 10, 20_000);

    // An intruder knows the stream name (it is in every play URL) but not the push key; then a second
    // device pushes with the host's own signed URL. Each is refused at once (ffmpeg exits) and the
    // viewer keeps decoding the real stream at its size.
    const base = `rtmp://127.0.0.1:${rtmpPort}/live/${stream}`;
    const forged = signStream('not-the-push-key', stream, new Date(Date.now() + 3_600_000));
    for (const url of [base, `${base}?txSecret=${forged.txSecret}&txTime=${forged.txTime}`, info.pushUrl]) {
      const intruder = push(url, '640x360');
      publishers.push(intruder);
      await Promise.race([stopped(intruder), sleep(10_000)]);
      expect(intruder.exitCode).not.toBe(0);
      expect(intruder.exitCode ?? intruder.signalCode).not.toBeNull();
      const seen = viewer.frames;
      // Longer than the API's grace period (1 s): a stop taken as the stream's would end the session.
      await until('the viewer to keep decoding', () => viewer.frames >= seen + 30, 20_000);
      expect([...viewer.sizes]).toEqual(['320x240']);
      expect(viewer.process.exitCode).toBeNull();
      expect((await status(id)).status).toBe('live');
    }
    expect(viewer.errors).toEqual([]);

    // A viewer joining now gets the real stream's cached header, not an intruder's.
    expect((await probe(live.play!.flv)).out).toBe('320,240');

    const seconds = viewer.frames / 15;
    real.kill('SIGINT');
    await stopped(real);
    const replay = await waitFor(id, 'replay', 30_000);
    expect(replay.status).toBe('replay');
    const page = (await t.http().get(`/api/live/sessions/${id}/replay`)).body as LiveReplayPage;
    expect(page.recordings).toHaveLength(1);
    // The whole recording decodes at the real stream's size, about as long as the viewer watched.
    const recorded = await probe(page.recordings![0].url, true);
    expect(recorded.code).toBe(0);
    const [width, height, frames] = recorded.out.split(',').map(Number);
    expect([width, height]).toEqual([320, 240]);
    expect(frames / 15).toBeGreaterThanOrEqual(seconds - 1);
  }, 120_000);

  it('should send no media to an unsigned or tampered play URL', async () => {
    const { id } = await scheduled();
    const info = (await t.http().get(`/api/live/sessions/${id}/push`).set('Authorization', recruiter.auth)).body as LivePushInfo;
    const real = push(info.pushUrl);
    publishers.push(real);
    const live = await waitFor(id, 'live', 20_000);
    const signed = live.play!.flv;
    // The stream is flowing: a signed viewer gets FLV at once.
    expect((await firstBytes(signed, 3)).toString('latin1')).toBe('FLV');

    const unsigned = signed.replace(/\?.*$/, '');
    const tampered = signed.replace(/txSecret=(.)/, (_m, c: string) => `txSecret=${c === 'a' ? 'b' : 'a'}`);
    const expired = signStream(t.settings.live.playKey, `ll_${id}`, new Date(Date.now() - 1000));
    const stale = `${unsigned}?txSecret=${expired.txSecret}&txTime=${expired.txTime}`;
    const pushKeyed = `${unsigned}?${info.pushUrl.split('?')[1]}`;
    // node-media-server's own `sign` parameter is not a way in either.
    const nmsSigned = `${unsigned}?sign=${Math.floor(Date.now() / 1000) + 60}-00000000000000000000000000000000`;
    for (const url of [unsigned, tampered, stale, pushKeyed, nmsSigned]) {
      expect(await allBytes(url, 5_000)).toEqual({ status: 200, bytes: 0 });
    }
    // RTMP play of the same stream unsigned: nothing to decode.
    expect((await probe(`rtmp://127.0.0.1:${rtmpPort}/live/ll_${id}`)).out).toBe('');
    real.kill('SIGINT');
    await stopped(real);
    expect((await waitFor(id, 'replay', 30_000)).status).toBe('replay');
  }, 60_000);
});
