/**
 * Rolling restart under steady load (issue 18). Run from the repository root after
 * `npm run build:server && npm run build:h5`:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/rolling-restart.bench.ts
 * Starts the cluster of test/e2e/cluster.e2e.ts (nginx with deploy/nginx/liulian.conf, two API
 * processes, a push worker, Redis, the embedded database) and keeps a steady load on it through
 * nginx: feed readers, logins, an open live room whose host chats twice a second, and a subsidy
 * submission burst (draft → PDF → submit) spread over the restarts. Then restarts API process 1
 * (SIGTERM, wait for its exit, start it, wait until ready), waits for nginx to take it back, and
 * does the same with process 2. Clients behave as the mini-program: 503 SERVER_BUSY is retried
 * after Retry-After with jittered backoff (server/src/contract/retry.ts); anything else that is not
 * an answer from the application (a 502/504 from nginx, a cut connection) is a failure the user
 * sees. Live viewers rejoin as the client does (src/packages/live/connection.ts: after 1012 within
 * 0.1–0.5 s, else 1 s doubling) with `since` = the last message seen.
 * Reports failed requests, lost and duplicated submissions, chat messages a viewer never got, and
 * the viewers' reconnect times; figures go into docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Types } from 'mongoose';
import WebSocket from 'ws';
import type { LiveServerEvent } from '../../server/src/contract/live';
import { BUSY_RETRY_ATTEMPTS, busyDelayMs } from '../../server/src/contract/retry';
import { CONSENT_TEXTS } from '../../server/src/contract/privacy';
import { signAccessToken } from '../../server/src/core/tokens';
import { ConsentModel } from '../../server/src/modules/privacy/consent.model';
import { SubsidyApplicationModel, SubsidyProgramModel } from '../../server/src/modules/subsidy/subsidy.model';
import { UserModel } from '../../server/src/modules/user/user.model';
import { startCluster } from '../e2e/support/cluster';
import { bankCard, enterprise, pdf, publishedJob, residentId, year } from '../server/support/factories';
import { createTestApp } from '../server/support/test-app';

const SECRET = 'bench-rolling-token-secret-0123456789abcdef';
const GRADUATES = Number(process.env.BENCH_GRADUATES ?? 300);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 20);
const FEED_READERS = Number(process.env.BENCH_FEED_READERS ?? 4);
const PDF = pdf('rolling restart diploma');
const log = (line: string): void => console.log(`[rolling.bench] ${new Date().toISOString().slice(11, 19)} ${line}`);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
/** The client's rejoin policy (src/packages/live/room.ts, outside the tests' compile scope). */
const RESTART_CLOSE = 1012;
const restartReconnectDelay = (random: number): number => 100 + Math.round(random * 400);
const reconnectDelay = (attempt: number): number => Math.min(15_000, 1000 * 2 ** Math.max(0, attempt - 1));

type Kind = 'feed' | 'login' | 'draft' | 'upload' | 'submit';
const answered: Record<Kind, number> = { feed: 0, login: 0, draft: 0, upload: 0, submit: 0 };
const retriedBusy: Record<Kind, number> = { feed: 0, login: 0, draft: 0, upload: 0, submit: 0 };
const failed: Record<Kind, string[]> = { feed: [], login: [], draft: [], upload: [], submit: [] };

function token(id: string, roles: string[]): string {
  return signAccessToken({ sub: id, sid: new Types.ObjectId().toHexString(), roles: roles as never, scope: {} }, SECRET, 3600, Math.floor(Date.now() / 1000));
}

/** One call as src/services/transport.ts makes it. Returns the body of a 2xx, or undefined (counted as failed). */
async function call(kind: Kind, run: () => Promise<Response>): Promise<Record<string, unknown> | undefined> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await run();
    } catch (err) {
      failed[kind].push(`network: ${(err as Error).message}`);
      return undefined;
    }
    const text = await res.text();
    const body = (text ? JSON.parse(text.startsWith('{') || text.startsWith('[') ? text : '{}') : {}) as Record<string, unknown>;
    if (res.status === 503 && body.code === 'SERVER_BUSY' && attempt < BUSY_RETRY_ATTEMPTS) {
      retriedBusy[kind] += 1;
      await sleep(busyDelayMs(attempt, res.headers.get('retry-after'), Math.random()));
      continue;
    }
    if (res.ok) {
      answered[kind] += 1;
      return body;
    }
    failed[kind].push(`${res.status} ${String(body.code ?? text.slice(0, 60))}`);
    return undefined;
  }
}

interface RoomViewer {
  seen: Set<number>;
  reconnects: number[];
  closedAt?: number;
  stop(): void;
}

/** A viewer that rejoins like the mini-program and keeps every chat seq it has seen. */
function viewer(base: string, sessionId: string, tokenOf: () => string): RoomViewer {
  const state: RoomViewer = { seen: new Set(), reconnects: [], stop: () => undefined };
  let stopped = false;
  let attempt = 0;
  let current: WebSocket | undefined;
  const open = (): void => {
    const since = state.seen.size ? Math.max(...state.seen) : 0;
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(tokenOf())}&since=${since}`);
    current = socket;
    socket.on('message', data => {
      const event = JSON.parse(data.toString()) as LiveServerEvent;
      if (event.type === 'welcome') {
        attempt = 0;
        if (state.closedAt !== undefined) state.reconnects.push(performance.now() - state.closedAt);
        state.closedAt = undefined;
        for (const m of event.history) state.seen.add(m.seq);
      }
      if (event.type === 'message') state.seen.add(event.message.seq);
    });
    socket.on('error', () => undefined);
    socket.on('close', code => {
      if (stopped) return;
      state.closedAt ??= performance.now();
      attempt += 1;
      setTimeout(open, code === RESTART_CLOSE ? restartReconnectDelay(Math.random()) : reconnectDelay(attempt));
    });
  };
  open();
  state.stop = () => {
    stopped = true;
    current?.close(1000);
  };
  return state;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const uploads = mkdtempSync(join(tmpdir(), 'rolling-bench-'));
  const big = '1000000/60';
  const cluster = await startCluster({
    dbName: 'bench_rolling',
    env: {
      AUTH_TOKEN_SECRET: SECRET,
      UPLOAD_DIR: uploads,
      // Every simulated client comes from 127.0.0.1: per-address limits would measure themselves.
      // As in production: the access log and each start's phase line (`started in …`) are info.
      LOG_LEVEL: 'info',
      RATE_LIMIT_UPLOAD_IP: big, RATE_LIMIT_DEMO_LOGIN_IP: big, RATE_LIMIT_DEMO_LOGIN_USER: big, RATE_LIMIT_CHAT_USER: big, RATE_LIMIT_CHAT_IP: big,
    },
  });
  log(`cluster up: nginx ${cluster.base}, API ${cluster.apis.map(a => a.port).join(' + ')}`);
  process.env.TEST_MONGODB_URI = cluster.db.uri;
  // The seeding app in this process (test/server/support/test-app.ts) runs as in development.
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  const stopLoad: Array<() => void> = [];
  let t: Awaited<ReturnType<typeof createTestApp>> | undefined;
  try {
    const app = await createTestApp({ push: { inProcess: false } }, { dbName: 'bench_rolling', keepDatabase: true });
    t = app;
    // Seed: jobs for the feed, demo accounts for logins, a program and graduates, a live room.
    const host = await t.user({ roles: ['recruiter'] });
    const ent = await enterprise(t, { recruiters: [host], name: '大连滚动重启测试有限公司' });
    const jobs: string[] = [];
    for (let i = 0; i < 60; i += 1) jobs.push((await publishedJob(t, ent, { title: `滚动重启岗位${i}` })).toHexString());
    const logins = await t.db.model(UserModel).insertMany(Array.from({ length: 200 }, (_x, i) => ({ devAccount: `rolling-${i}`, nickname: `登录者${i}`, roles: ['student'], scope: {} })));
    const program = await t.db.model(SubsidyProgramModel).create({
      name: '高校毕业生住房补贴（滚动重启）', legalBasis: '留连来连行动六', applicantKind: 'graduate', period: `${year}`,
      opensAt: `${year}-01-01`, closesAt: `${year}-12-31`, requiredDocuments: ['diploma'],
      conditions: [{ field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] }],
      amount: { kind: 'table', rows: [{ when: { degree: 'bachelor' }, amount: 1000, label: '本科标准（示例金额）' }] },
      workflow: ['bureau'], note: '示例金额', active: true,
    });
    const graduates = await t.db.model(UserModel).insertMany(Array.from({ length: GRADUATES }, (_x, i) => ({
      nickname: `毕业生${i}`, roles: ['student'], scope: {},
      profile: { name: `毕业生${i}`, schoolName: '大连示例大学', degree: 'bachelor', major: '软件工程', graduationYear: year, originProvince: '辽宁省', originCity: '大连市', intentionDistricts: [], intentionText: '' },
    })));
    // Each has agreed to the subsidy consent on the consent sheet: a draft holding an ID needs it.
    await t.db.model(ConsentModel).insertMany(graduates.map(g => ({ userId: g._id, purpose: 'subsidy', status: 'given', version: CONSENT_TEXTS.subsidy.version, scope: [...CONSENT_TEXTS.subsidy.items], givenAt: new Date(), history: [] })));
    const hostToken = token(host.doc._id.toHexString(), ['recruiter']);
    const session = await call('submit', () => fetch(`${cluster.base}/api/live/sessions`, {
      method: 'POST', headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '滚动重启直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [jobs[0]] }),
    }));
    if (!session) throw new Error(`live session not created: ${failed.submit.join('; ')}`);
    failed.submit.length = 0;
    answered.submit = 0;
    const sessionId = session.id as string;
    log(`seeded ${jobs.length} jobs, ${logins.length} demo accounts, ${GRADUATES} graduates, live room ${sessionId}`);

    // Steady load.
    let running = true;
    stopLoad.push(() => (running = false));
    const loops: Array<Promise<void>> = [];
    for (let r = 0; r < FEED_READERS; r += 1) {
      loops.push((async () => {
        while (running) {
          const district = ['', '&district=210211', '&kind=fulltime'][r % 3];
          await call('feed', () => fetch(`${cluster.base}/api/jobs?limit=20${district}`));
          await sleep(20);
        }
      })());
    }
    loops.push((async () => {
      for (let i = 0; running; i += 1) {
        const userId = logins[i % logins.length]._id.toHexString();
        await call('login', () => fetch(`${cluster.base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) }));
        await sleep(100);
      }
    })());
    const viewers = Array.from({ length: VIEWERS }, (_x, i) => {
      const id = new Types.ObjectId().toHexString();
      void app.db.model(UserModel).create({ _id: id, nickname: `观众${i}`, roles: ['student'], scope: {} });
      return viewer(cluster.base, sessionId, () => token(id, ['student']));
    });
    const hostSeen = viewer(cluster.base, sessionId, () => hostToken);
    let hostSocket: WebSocket | undefined;
    const sent: number[] = [];
    loops.push((async () => {
      // The host's chat goes over its own socket, reopened like a viewer's.
      for (let i = 0; running; i += 1) {
        if (!hostSocket || hostSocket.readyState !== WebSocket.OPEN) {
          hostSocket = new WebSocket(`${cluster.base.replace('http', 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(hostToken)}`);
          hostSocket.on('error', () => undefined);
          await new Promise(r => hostSocket?.once('open', r) ?? r(null)).catch(() => undefined);
          await sleep(200);
          continue;
        }
        hostSocket.send(JSON.stringify({ type: 'chat', text: `第${i}条主持人消息` }));
        sent.push(i);
        await sleep(500);
      }
    })());
    const acknowledged = new Set<string>();
    const burst = (async () => {
      await sleep(3_000);
      const gap = 40_000 / GRADUATES;
      const all: Array<Promise<void>> = [];
      for (let i = 0; i < GRADUATES; i += 1) {
        const g = graduates[i];
        const auth = { authorization: `Bearer ${token(g._id.toHexString(), ['student'])}`, 'content-type': 'application/json' };
        const form = {
          idNumber: residentId(`199${i % 10}-0${1 + (i % 9)}-1${i % 10}`, String(i % 1000)),
          graduationDate: `${year - 1}-06-30`, employmentDistrict: '210283', socialInsuranceMonths: 6,
          bankName: '中国工商银行大连分行', bankAccount: bankCard(`6222021${String(i).padStart(11, '0')}`),
        };
        all.push((async () => {
          const draft = await call('draft', () => fetch(`${cluster.base}/api/subsidy/applications`, { method: 'POST', headers: auth, body: JSON.stringify({ programId: program._id.toHexString(), form, submit: false }) }));
          if (!draft?.id) return;
          const fd = new FormData();
          fd.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'diploma.pdf');
          const up = await call('upload', () => fetch(`${cluster.base}/api/subsidy/applications/${String(draft.id)}/documents?kind=diploma`, { method: 'POST', headers: { authorization: auth.authorization }, body: fd }));
          if (!up) return;
          const done = await call('submit', () => fetch(`${cluster.base}/api/subsidy/applications`, { method: 'POST', headers: auth, body: JSON.stringify({ programId: program._id.toHexString(), form: {}, submit: true, consent: true }) }));
          if (done) acknowledged.add(g._id.toHexString());
        })());
        await sleep(gap);
      }
      await Promise.all(all);
    })();

    const progress = setInterval(() => {
      log(`feed ${answered.feed} ok / ${failed.feed.length} failed, logins ${answered.login} / ${failed.login.length}, submitted ${acknowledged.size}/${GRADUATES}, chat sent ${sent.length}, busy retries ${Object.values(retriedBusy).reduce((a, b) => a + b, 0)}`);
    }, 2_000);
    await sleep(5_000);

    const restarts: Array<{ api: number; drainMs: number; downMs: number; exit: number | null; start: string }> = [];
    for (const i of [0, 1]) {
      log(`restarting API process ${i + 1} (SIGTERM)`);
      const stopAt = performance.now();
      const exit = await cluster.stopApi(i, 'SIGTERM');
      const drainMs = performance.now() - stopAt;
      await cluster.startApi(i);
      const downMs = performance.now() - stopAt;
      const start = /started in [^;]*/.exec(cluster.apis[i].output())?.[0] ?? '(no start line)';
      restarts.push({ api: i + 1, drainMs, downMs, exit, start });
      log(`API process ${i + 1}: exited ${exit} after ${drainMs.toFixed(0)} ms, ready again after ${downMs.toFixed(0)} ms; ${start}`);
      // nginx takes a process back after fail_timeout (2 s in deploy/nginx/liulian.conf).
      await sleep(5_000);
    }
    await burst;
    await sleep(3_000);
    running = false;
    clearInterval(progress);
    await Promise.all(loops);
    await sleep(1_500);
    for (const v of [...viewers, hostSeen]) v.stop();
    hostSocket?.close(1000);

    const stored = await t.db.model(SubsidyApplicationModel).aggregate<{ _id: string; n: number; submitted: number }>([
      { $match: { programId: program._id } },
      { $group: { _id: '$applicantId', n: { $sum: 1 }, submitted: { $sum: { $cond: [{ $ne: ['$status', 'draft'] }, 1, 0] } } } },
    ]);
    const submittedStored = new Set(stored.filter(s => s.submitted > 0).map(s => String(s._id)));
    const lost = [...acknowledged].filter(id => !submittedStored.has(id)).length;
    const duplicates = stored.filter(s => s.n > 1).length;
    const hostSeqs = hostSeen.seen;
    const missed = viewers.map(v => [...hostSeqs].filter(seq => !v.seen.has(seq)).length);
    const reconnects = viewers.flatMap(v => v.reconnects);
    const totalFailed = Object.values(failed).reduce((a, f) => a + f.length, 0);

    console.log('\n## Rolling restart under load (summary)\n');
    console.log('| What | Figure |');
    console.log('|---|---|');
    for (const r of restarts) console.log(`| API process ${r.api}: SIGTERM → exit (grace + drain), → ready again | ${(r.drainMs / 1000).toFixed(1)} s (exit code ${r.exit}), ${(r.downMs / 1000).toFixed(1)} s (${r.start}) |`);
    for (const k of Object.keys(answered) as Kind[]) console.log(`| ${k}: answered / failed as the client sees it / 503 retried | ${answered[k]} / ${failed[k].length} / ${retriedBusy[k]} |`);
    console.log(`| subsidy burst: acknowledged submissions / stored / lost / duplicated | ${acknowledged.size} of ${GRADUATES} / ${submittedStored.size} / ${lost} / ${duplicates} |`);
    console.log(`| live room: viewers, reconnects, reconnect time p50 / max | ${VIEWERS}, ${reconnects.length}, ${(percentile(reconnects, 50) / 1000).toFixed(2)} s / ${(Math.max(0, ...reconnects) / 1000).toFixed(2)} s |`);
    console.log(`| live room: host messages stored / missed by any viewer | ${hostSeqs.size} / ${missed.reduce((a, b) => a + b, 0)} |`);
    console.log(`| failed requests in total | ${totalFailed} |`);
    console.log(`| total run | ${((Date.now() - started) / 1000).toFixed(0)} s |`);
    if (totalFailed) console.log(`\nfailures: ${JSON.stringify(Object.fromEntries(Object.entries(failed).map(([k, f]) => [k, f.slice(0, 5)])))}`);
    const edge = cluster.edgeLog();
    console.log(`nginx: ${edge.length} requests logged, ${edge.filter(l => l.status >= 500).length} answered 5xx (${[...new Set(edge.filter(l => l.status >= 500).map(l => l.status))].join(', ') || 'none'}), ${edge.filter(l => l.upstreams.length > 1).length} passed to the second process`);
  } finally {
    stopLoad.forEach(stop => stop());
    await t?.close();
    await cluster.close();
    rmSync(uploads, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), err => {
  console.error(`[rolling.bench] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
