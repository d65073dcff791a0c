/// <reference path="./node-media-server.d.ts" />
import { mkdtempSync, rmSync } from 'fs';
import NodeMediaServer = require('node-media-server');
import nmsLogger = require('node-media-server/src/core/logger.js');
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { DEV_ONLY_MARK } from '../src/core/startup-checks';
import { callbackSignOf } from '../src/modules/live/live.rules';

/**
 * Local stand-in for Tencent Cloud Live: node-media-server with its own auth off. Every publish and
 * play is checked by our API with the Tencent signer (txSecret/txTime); a refused one is closed.
 * Stream start/stop reach the API as Tencent-shaped callbacks (event_type 1/0) signed with the
 * callback key, so the rest of the system cannot tell them from the real ones (wechat.md §6.5).
 */
export interface MediaServerOptions {
  rtmpPort: number;
  httpPort: number;
  /** Base of our API, e.g. http://127.0.0.1:7001 */
  apiBase: string;
  callbackKey: string;
  log?: (line: string) => void;
}

export interface MediaServer {
  stop(): Promise<void>;
}

/** Callbacks expire 10 minutes after sending, as Tencent's do. */
const CALLBACK_TTL_SECONDS = 600;

function queryString(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, value);
  }
  return params.toString();
}

export async function startMediaServer(options: MediaServerOptions): Promise<MediaServer> {
  const log = options.log ?? ((line: string) => console.log(`[media] ${line}`));
  const storeDir = mkdtempSync(join(tmpdir(), 'liulian-nms-'));
  const nms = new NodeMediaServer({
    bind: '0.0.0.0',
    rtmp: { port: options.rtmpPort, chunk_size: 60000, gop_cache: true, ping: 30, ping_timeout: 60 },
    http: { port: options.httpPort },
    webadmin: { enable: false },
    store: { path: storeDir },
    record: { auto: false, path: join(storeDir, 'record') },
  });
  nmsLogger.level = process.env.NMS_LOG_LEVEL ?? 'warn';

  let sequence = 0;
  const checks = new Map<string, Promise<boolean>>();
  const announced = new Map<string, string>();

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

  const check = (kind: 'publish' | 'play', session: NodeMediaServer.NmsSession): Promise<boolean> =>
    post('/api/live/media/check', {
      kind,
      appname: session.streamApp,
      stream_id: session.streamName,
      stream_param: queryString(session.streamQuery),
    }).then(status => {
      if (status !== 200) {
        log(`${kind} ${session.streamPath} refused`);
        session.close();
      }
      return status === 200;
    });

  nms.on('prePublish', session => {
    checks.set(session.id, check('publish', session));
  });
  nms.on('postPublish', session => {
    const verdict = checks.get(session.id) ?? Promise.resolve(false);
    void verdict.then(async ok => {
      if (!ok) return;
      sequence += 1;
      const seq = `${Date.now()}-${sequence}`;
      announced.set(session.id, seq);
      session.socket?.once('close', () => reportStop(session));
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
    checks.delete(session.id);
    const seq = announced.get(session.id);
    if (!seq) return;
    announced.delete(session.id);
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
  nms.on('prePlay', session => {
    void check('play', session);
  });

  await nms.run();
  log(`RTMP rtmp://127.0.0.1:${options.rtmpPort}/live, HTTP-FLV http://127.0.0.1:${options.httpPort}/live/<stream>.flv`);
  return {
    async stop() {
      await nms.stop();
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
