/// <reference path="./node-media-server.d.ts" />
import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, promises as fs, rmSync } from 'fs';
import NodeMediaServer = require('node-media-server');
import nmsLogger = require('node-media-server/src/core/logger.js');
import BroadcastServer = require('node-media-server/src/server/broadcast_server.js');
import { randomBytes, createHash } from 'crypto';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { DEV_ONLY_MARK } from '../src/core/startup-checks';
import { callbackSignOf, verifyStreamQuery } from '../src/modules/live/live.rules';

/**
 * Local stand-in for Tencent Cloud Live: node-media-server, with every publish and play judged by the
 * Tencent signer (txSecret/txTime) inside the media server's own publish/play hooks, before the session
 * is attached to the stream. The check is local arithmetic, so it is synchronous: node-media-server emits
 * `prePublish`/`prePlay` at the very start of attaching a session, and our listener's verdict is what its
 * built-in gate (`auth.publish`/`auth.play`, an md5 `sign` under a per-process secret nobody outside
 * knows) then enforces — a refused session never becomes the publisher or a subscriber, so not one byte
 * of an intruder's metadata, header or frames reaches viewers, the stream's cache or the recorder, and an
 * unsigned viewer receives no media. node-media-server acknowledges a publish and keeps reading the
 * socket before it judges it (and forwards any session's packets to the stream it named), so a refused
 * publisher is also detached from the stream and its socket destroyed. Exactly one publisher per stream:
 * a second, correctly signed push while the first is connected is refused the same way, and only the
 * accepted publisher's disconnect is reported as the stream's stop. docs/live.md compares this with
 * what Tencent Cloud Live enforces.
 *
 * The API is told afterwards: it checks the session may stream now (scheduled or live) and a push it
 * refuses is closed; stream start/stop reach it as Tencent-shaped callbacks (event_type 1/0, one
 * `sequence` per accepted push) signed with the callback key, so the rest of the system cannot tell them
 * from the real ones (wechat.md §6.5).
 *
 * Recording: every accepted publish is recorded by node-media-server to FLV (its recorder writes the
 * packets it already has, no second connection that could miss the start or need a play signature);
 * when the publisher goes, ffmpeg remuxes the file to MP4 (`-c copy`, moov first so a browser plays and
 * seeks it while downloading), it is served from `/recordings/` on the HTTP-FLV port (Range requests
 * answered with 206), and reported to the API as Tencent's recording callback (event 100). Each publish
 * is one file, as Tencent's MP4 recording makes one per push; the API places them on the stream's time line.
 */
export interface MediaServerOptions {
  rtmpPort: number;
  httpPort: number;
  /** Base of our API, e.g. http://127.0.0.1:7001 */
  apiBase: string;
  callbackKey: string;
  /** Tencent push and playback anti-leech keys (the API's `app.live` settings): the gate signs with them. */
  pushKey: string;
  playKey: string;
  /** Tencent AppName, `live` by default. */
  appName?: string;
  /** Where finished MP4 recordings are kept and served from; a temporary folder (removed on stop) when absent. */
  recordDir?: string;
  /** How clients reach the HTTP port, for recording URLs; `http://127.0.0.1:<httpPort>` by default. */
  publicHttpBase?: string;
  log?: (line: string) => void;
}

export interface MediaServer {
  stop(): Promise<void>;
}

/** Callbacks expire 10 minutes after sending, as Tencent's do. */
const CALLBACK_TTL_SECONDS = 600;

/** URL path under which finished recordings are served. */
export const RECORDINGS_ROUTE = '/recordings';

/** FLV → MP4 without re-encoding; `+faststart` puts the index first so playback and seeking start at once. */
export function remux(input: string, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', input, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    ff.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    ff.once('error', reject);
    ff.once('exit', code => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
  });
}

/** The stream URL's query as sent, without the gate's own `sign`. */
function queryString(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === 'sign') continue;
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, value);
  }
  return params.toString();
}

export async function startMediaServer(options: MediaServerOptions): Promise<MediaServer> {
  const log = options.log ?? ((line: string) => console.log(`[media] ${line}`));
  const storeDir = mkdtempSync(join(tmpdir(), 'liulian-nms-'));
  const recordDir = options.recordDir ?? join(storeDir, 'recordings');
  mkdirSync(recordDir, { recursive: true });
  const appName = options.appName ?? 'live';
  const gateSecret = randomBytes(32).toString('hex');
  const publicBase = (options.publicHttpBase ?? `http://127.0.0.1:${options.httpPort}`).replace(/\/$/, '');
  const nms = new NodeMediaServer({
    bind: '0.0.0.0',
    rtmp: { port: options.rtmpPort, chunk_size: 60000, gop_cache: true, ping: 30, ping_timeout: 60 },
    http: { port: options.httpPort },
    webadmin: { enable: false },
    // node-media-server's own gate, fed by our verdict in the pre-hooks (see gate below); no REST API (no jwt).
    auth: { publish: true, play: true, secret: gateSecret },
    store: { path: storeDir },
    // Started per publish once our API accepted it (auto would also record refused pushes).
    record: { auto: false, path: join(storeDir, 'record') },
    // express.static: Range requests, and dot-files (unfinished remuxes) are never served.
    static: { router: RECORDINGS_ROUTE, root: recordDir },
  });
  nmsLogger.level = process.env.NMS_LOG_LEVEL ?? 'warn';

  let sequence = 0;
  const announced = new Map<string, string>();
  /** Record session id → the publish's callback sequence. */
  const recordSeq = new Map<string, string>();
  const finishing = new Set<Promise<void>>();

  const signed = (body: Record<string, unknown>) => {
    const t = Math.floor(Date.now() / 1000) + CALLBACK_TTL_SECONDS;
    return { ...body, t, sign: callbackSignOf(options.callbackKey, t) };
  };
  const post = async (path: string, body: Record<string, unknown>): Promise<number> => {
    try {
      const res = await fetch(`${options.apiBase}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signed(body)),
      });
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      log(`${path} unreachable: ${(err as Error).message}`);
      return 0;
    }
  };

  /** Stream path → the accepted publisher's session id, while its connection is open. */
  const publishers = new Map<string, string>();
  /** node-media-server's `sign` (md5 of path, expiry and secret): what its gate admits. */
  const admit = (session: NodeMediaServer.NmsSession) => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const hash = createHash('md5').update(`${session.streamPath}-${exp}-${gateSecret}`).digest('hex');
    session.streamQuery.sign = `${exp}-${hash}`;
  };
  /** Synchronous: the Tencent signature is arithmetic, so the verdict is in before the session is attached. */
  const gate = (kind: 'publish' | 'play', session: NodeMediaServer.NmsSession): boolean => {
    // A client-sent `sign` must not reach node-media-server's gate, whatever our verdict.
    delete session.streamQuery.sign;
    const key = kind === 'publish' ? options.pushKey : options.playKey;
    const signature = session.streamApp === appName
      ? verifyStreamQuery(key, session.streamName, queryString(session.streamQuery), new Date())
      : 'invalid';
    const holder = kind === 'publish' ? publishers.get(session.streamPath) : undefined;
    if (signature !== 'ok' || holder !== undefined) {
      log(`${kind} ${session.streamPath} refused (${signature === 'ok' ? 'already published' : signature})`);
      return false;
    }
    admit(session);
    return true;
  };

  nms.on('prePublish', session => {
    if (gate('publish', session)) {
      publishers.set(session.streamPath, session.id);
      session.socket?.once('close', () => reportStop(session));
      return;
    }
    // node-media-server has already answered Publish.Start and keeps parsing this connection, handing its
    // packets to whatever stream the session names: point it at a detached stream and cut it off.
    session.broadcast = new BroadcastServer('');
    session.socket?.destroy();
  });
  nms.on('prePlay', session => {
    gate('play', session);
  });

  /** The API decides whether the session may stream now (scheduled or live); its refusal closes the push. */
  const sessionOpen = async (session: NodeMediaServer.NmsSession): Promise<boolean> => {
    const status = await post('/api/live/media/check', {
      kind: 'publish',
      appname: session.streamApp,
      stream_id: session.streamName,
      stream_param: queryString(session.streamQuery),
    });
    if (status !== 200) {
      log(`publish ${session.streamPath} refused by the API (${status})`);
      session.close();
    }
    return status === 200;
  };

  nms.on('postPublish', session => {
    // Only admitted publishers get here: node-media-server's gate turned the others away.
    void sessionOpen(session).then(async ok => {
      if (!ok || publishers.get(session.streamPath) !== session.id) return;
      sequence += 1;
      const seq = `${Date.now()}-${sequence}`;
      announced.set(session.id, seq);
      const record = nms.recordServer.startRecord(session.streamPath);
      if (record.ok && record.recordId) recordSeq.set(record.recordId, seq);
      else log(`recording ${session.streamPath} not started: ${record.error ?? 'unknown'}`);
      const status = await post('/api/live/callbacks/tencent', {
        event_type: 1,
        appname: session.streamApp,
        stream_id: session.streamName,
        channel_id: session.streamName,
        sequence: seq,
        event_time: Math.floor(Date.now() / 1000),
      });
      log(`publish ${session.streamPath} started (callback ${status})`);
    });
  });
  /**
   * node-media-server holds a dropped publish open for 30 s before its own donePublish; we report the
   * stop when the publisher's socket closes, so our configured grace period decides (Tencent does the same).
   */
  const reportStop = (session: NodeMediaServer.NmsSession) => {
    if (publishers.get(session.streamPath) === session.id) publishers.delete(session.streamPath);
    const seq = announced.get(session.id);
    if (!seq) return;
    announced.delete(session.id);
    // Only this publisher's recording: a second, refused publisher of the same stream must not end it.
    if (nms.recordServer.getActiveRecord(session.streamPath)?.publisherId === session.id) nms.recordServer.stopRecord(session.streamPath);
    void post('/api/live/callbacks/tencent', {
      event_type: 0,
      appname: session.streamApp,
      stream_id: session.streamName,
      channel_id: session.streamName,
      sequence: seq,
      event_time: Math.floor(Date.now() / 1000),
    }).then(status => log(`publish ${session.streamPath} stopped (callback ${status})`));
  };
  nms.on('donePublish', reportStop);
  const finishRecording = async (record: NodeMediaServer.NmsRecordSession, seq: string): Promise<void> => {
    // The recorder's stop closes its file stream without waiting for the last writes.
    if (!record.fileStream.closed) await new Promise<void>(resolve => record.fileStream.once('close', () => resolve()));
    const raw = record.filePath;
    const name = `${basename(raw, '.flv')}.mp4`;
    const folder = join(recordDir, record.streamApp, record.streamName);
    const partial = join(folder, `.${name}.part`);
    try {
      await fs.mkdir(folder, { recursive: true });
      await remux(raw, partial);
      await fs.rename(partial, join(folder, name));
    } catch (err) {
      log(`recording ${record.streamPath} not kept: ${(err as Error).message}`);
      await fs.rm(partial, { force: true });
      return;
    } finally {
      await fs.rm(raw, { force: true });
    }
    const size = (await fs.stat(join(folder, name))).size;
    const endTime = record.endTime || Date.now();
    const status = await post('/api/live/callbacks/tencent', {
      event_type: 100,
      appname: record.streamApp,
      stream_id: record.streamName,
      channel_id: record.streamName,
      sequence: seq,
      file_id: `${record.streamName}-${basename(raw, '.flv')}`,
      file_format: 'MP4',
      start_time: Math.floor(record.createTime / 1000),
      end_time: Math.floor(endTime / 1000),
      duration: Math.max(0, Math.round((endTime - record.createTime) / 1000)),
      file_size: size,
      video_url: `${publicBase}${RECORDINGS_ROUTE}/${encodeURIComponent(record.streamApp)}/${encodeURIComponent(record.streamName)}/${name}`,
    });
    log(`recording ${record.streamPath} kept as ${name} (callback ${status})`);
  };
  nms.on('doneRecord', record => {
    const seq = recordSeq.get(record.id);
    recordSeq.delete(record.id);
    if (!seq) return;
    const work = finishRecording(record, seq).catch((err: Error) => log(`recording ${record.streamPath} failed: ${err.message}`));
    finishing.add(work);
    void work.finally(() => finishing.delete(work));
  });

  await nms.run();
  log(`RTMP rtmp://127.0.0.1:${options.rtmpPort}/live, HTTP-FLV http://127.0.0.1:${options.httpPort}/live/<stream>.flv`);
  return {
    async stop() {
      // Stopping finalises open recordings; let their remux and report finish before removing the store.
      await nms.stop();
      await Promise.all([...finishing]);
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

if (require.main === module) {
  const env = process.env;
  startMediaServer({
    rtmpPort: Number(env.LIVE_RTMP_PORT ?? 1935),
    httpPort: Number(env.LIVE_HTTP_PORT ?? 8000),
    apiBase: env.LIVE_API_BASE ?? `http://127.0.0.1:${env.PORT ?? 7001}`,
    callbackKey: env.LIVE_CALLBACK_KEY || `${DEV_ONLY_MARK}-live-callback-key`,
    pushKey: env.LIVE_PUSH_KEY || `${DEV_ONLY_MARK}-live-push-key`,
    playKey: env.LIVE_PLAY_KEY || `${DEV_ONLY_MARK}-live-play-key`,
    appName: env.LIVE_APP_NAME || 'live',
    recordDir: env.LIVE_RECORD_DIR || join(process.cwd(), '.data', 'live-recordings'),
    publicHttpBase: env.LIVE_PLAY_HTTP_BASE,
  }).catch((err: Error) => {
    console.error(`[media] failed: ${err.message}`);
    process.exit(1);
  });
}

/** Whether `port` can be bound now; node-media-server exits the process on EADDRINUSE, so look first. */
export function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}
