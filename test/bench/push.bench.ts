/**
 * Policy push benchmark (issue 3). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/push.bench.ts
 * Compiles the server into .data/push-bench-dist (a private folder, so it does not race other
 * builds), seeds 60,000 students, each holding one one-time credit for the policy template (in our
 * ledger and in the fake WeChat server, which answers every call after 20 ms), starts the API
 * (worker off) and one push-worker process, publishes one policy to all over HTTP and waits until
 * the fake has every notice. Reports seconds to full delivery, sends per second, the worker's peak
 * RSS, duplicates and missing notices (both counted by the fake, per touser and page). Then the
 * same again on a fresh database with the worker SIGKILLed at about half way and restarted, and a
 * third time with two worker processes side by side (BENCH_SIDE_BY_SIDE=0 skips that one).
 * Figures go to stdout and into docs/benchmarks.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { MongoClient, ObjectId } from 'mongodb';
import { signAccessToken } from '../../server/src/core/tokens';
import { startDatabase, type RunningDatabase } from '../../server/scripts/embedded-mongo';
import { FakeWeChatServer } from '../server/support/fake-wechat';
import { waitForHealthy } from './support/server';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, '.data/push-bench-dist');
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 60_000);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const TEMPLATE = 'tpl_policy_notice_bench';
const SECRET = 'bench-push-token-secret-0123456789abcdef';
const PORT = 7396;
const log = (line: string): void => console.log(`[push.bench] ${line}`);

interface RunResult {
  label: string;
  expandSeconds: number;
  deliverSeconds: number;
  sendsPerSecond: number;
  workerRssMb: number;
  workerCpuSeconds: number;
  duplicates: number;
  missing: number;
  dbSent: number;
  resent: number;
  confirmedByCredit: number;
  fakeCalls: number;
  restarts: number;
}

/** user + system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15, clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function rssPeakMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function compile(): void {
  log('compiling the server into .data/push-bench-dist …');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'server/tsconfig.json', '--outDir', DIST], { cwd: ROOT, encoding: 'utf8' });
  // Type errors in other modules' work in progress do not stop emit; a missing output does.
  if (r.status !== 0) log(`tsc reported problems (output still emitted): ${(r.stdout || '').split('\n').filter(l => l.includes('error')).length} errors`);
  readFileSync(join(DIST, 'scripts/push-worker.js'));
}

async function run(db: RunningDatabase, label: string, mode: 'plain' | 'kill' | 'two'): Promise<RunResult> {
  const killAtHalf = mode === 'kill';
  const dbName = `bench_push_${mode}`;
  const uri = db.uri.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const wx = new FakeWeChatServer({ appid: 'wx_bench_push', secret: 'bench_push_secret', latencyMs: LATENCY_MS });
  const apiBase = await wx.start();
  wx.defineTemplate(TEMPLATE, ['thing1', 'thing2', 'date3', 'thing4']);
  const client = await MongoClient.connect(uri);
  const mdb = client.db();
  const children: ChildProcess[] = [];
  try {
    const now = new Date();
    const bureauId = new ObjectId();
    await mdb.collection('users').insertOne({ _id: bureauId, nickname: '市人社局', roles: ['bureau'], scope: {}, profile: {}, createdAt: now, updatedAt: now });
    for (let from = 0; from < STUDENTS; from += 5_000) {
      const users = Array.from({ length: Math.min(5_000, STUDENTS - from) }, (_, k) => {
        const i = from + k;
        return { _id: new ObjectId(), openid: `o_bench_${i}`, nickname: `毕业生${i}`, roles: ['student'], scope: {}, profile: { graduationYear: 2026, degree: 'bachelor' }, createdAt: now, updatedAt: now };
      });
      await mdb.collection('users').insertMany(users, { ordered: false });
      await mdb.collection('subscriptions').insertMany(
        users.map(u => ({ userId: u._id.toHexString(), templateId: TEMPLATE, credits: 1, longTerm: false, lastResult: 'accept', updatedAt: now })),
        { ordered: false },
      );
      for (const u of users) wx.grantSubscribeCredit(u.openid, TEMPLATE, 1);
    }
    log(`${label}: seeded ${STUDENTS} students with one credit each`);

    const env = {
      ...process.env,
      MIDWAY_SERVER_ENV: 'local',
      MONGODB_URI: uri,
      AUTH_TOKEN_SECRET: SECRET,
      WECHAT_APPID: wx.appid,
      WECHAT_SECRET: wx.secret,
      WECHAT_API_BASE: apiBase,
      WECHAT_TEMPLATE_POLICY_NOTICE: TEMPLATE,
      LOG_LEVEL: 'warn',
    };
    const api = spawn(process.execPath, [join(DIST, 'bootstrap.js')], { cwd: ROOT, env: { ...env, PORT: String(PORT), PUSH_WORKER_IN_PROCESS: 'false', H5_DIR: '' }, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(api);
    const startWorker = (id = 'bench-worker-1'): ChildProcess => {
      // BENCH_WORKER_PROF=<dir> writes a CPU profile of the worker (on a graceful stop only).
      const prof = process.env.BENCH_WORKER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`] : [];
      const w = spawn(process.execPath, [...prof, join(DIST, 'scripts/push-worker.js')], {
        cwd: ROOT,
        env: { ...env, PUSH_WORKER_ID: id, PUSH_RATE_PER_SECOND: String(RATE), PUSH_CONCURRENCY: '256', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(w);
      return w;
    };
    let worker = startWorker();
    // Side by side: a second worker process on the same deliveries; claims keep them apart.
    const second = mode === 'two' ? startWorker('bench-worker-2') : null;
    await waitForHealthy(`http://127.0.0.1:${PORT}/api/health`, 120_000, 300);
    await new Promise(r => setTimeout(r, 3_000)); // worker boot (no port to poll)
    log(`${label}: API and worker up`);

    const token = signAccessToken({ sub: bureauId.toHexString(), sid: new ObjectId().toHexString(), roles: ['bureau'], scope: {} }, SECRET, 3600, Math.floor(Date.now() / 1000));
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const base = `http://127.0.0.1:${PORT}/api/staff/contents`;
    const created = (await (await fetch(base, { method: 'POST', headers, body: JSON.stringify({ kind: 'policy', title: '关于做好2026届高校毕业生来连留连就业住房补贴申领工作的通知', summary: '全体2026届毕业生可申请。', issuer: '大连市人力资源和社会保障局', audience: { graduationYears: [2026] } }) })).json()) as { id: string; version: number };
    const submitted = (await (await fetch(`${base}/${created.id}/transition`, { method: 'POST', headers, body: JSON.stringify({ action: 'submit', version: created.version }) })).json()) as { version: number };
    const started = performance.now();
    const published = await fetch(`${base}/${created.id}/transition`, { method: 'POST', headers, body: JSON.stringify({ action: 'publish', version: submitted.version }) });
    if (!published.ok) throw new Error(`publish failed: ${published.status}`);
    log(`${label}: published (HTTP answered in ${((performance.now() - started) / 1000).toFixed(2)} s)`);

    let expandSeconds = 0;
    let firstSendAt = 0;
    let lastProgress = 0;
    let restarts = 0;
    let peakRss = 0;
    let cpuOfKilled = 0;
    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      const delivered = wx.distinctDeliveries();
      if (!firstSendAt && delivered > 0) firstSendAt = performance.now();
      peakRss = Math.max(peakRss, rssPeakMb(worker.pid), rssPeakMb(second?.pid));
      if (!expandSeconds) {
        const push = await mdb.collection('pushes').findOne({ contentId: new ObjectId(created.id) }, { projection: { expandState: 1 } });
        if (push?.expandState === 'done') expandSeconds = (performance.now() - started) / 1000;
      }
      if (killAtHalf && restarts === 0 && delivered >= STUDENTS / 2) {
        cpuOfKilled = cpuSeconds(worker.pid);
        worker.kill('SIGKILL');
        await new Promise(r => worker.once('exit', r));
        log(`${label}: worker SIGKILLed at ${delivered} delivered; restarting`);
        worker = startWorker();
        restarts += 1;
      }
      if (delivered >= STUDENTS) break;
      if (Date.now() > deadline) throw new Error(`${label}: only ${delivered} of ${STUDENTS} delivered after 30 minutes`);
      if (performance.now() - lastProgress > 2_000) {
        lastProgress = performance.now();
        log(`${label}: ${delivered} delivered, ${wx.counters().send} send calls, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      await new Promise(r => setTimeout(r, 50));
    }
    const deliverSeconds = (performance.now() - started) / 1000;
    const sendsPerSecond = STUDENTS / ((performance.now() - firstSendAt) / 1000);
    peakRss = Math.max(peakRss, rssPeakMb(worker.pid));
    const workerCpuSeconds = cpuOfKilled + cpuSeconds(worker.pid) + cpuSeconds(second?.pid);
    // Let the worker record its last outcomes, then compare the database with the fake.
    const push = await mdb.collection('pushes').findOne({ contentId: new ObjectId(created.id) });
    let dbSent = 0;
    for (let i = 0; i < 60; i++) {
      dbSent = await mdb.collection('deliveries').countDocuments({ pushId: push?._id, status: 'sent' });
      if (dbSent >= STUDENTS) break;
      await new Promise(r => setTimeout(r, 500));
    }
    const resent = await mdb.collection('deliveries').countDocuments({ pushId: push?._id, status: 'sent', ambiguous: true });
    const confirmedByCredit = await mdb.collection('deliveries').countDocuments({ pushId: push?._id, status: 'sent', errcode: 43101 });
    const result: RunResult = {
      label,
      expandSeconds,
      deliverSeconds,
      sendsPerSecond,
      workerRssMb: peakRss,
      workerCpuSeconds,
      duplicates: wx.duplicateSends(),
      missing: STUDENTS - wx.distinctDeliveries(),
      dbSent,
      resent,
      confirmedByCredit,
      fakeCalls: wx.counters().send,
      restarts,
    };
    log(`${label}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGTERM');
        await new Promise(r => c.once('exit', r));
      }
    }
    await client.close();
    await wx.stop();
  }
}

async function main(): Promise<void> {
  const startedAll = Date.now();
  compile();
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_push', log });
  const results: RunResult[] = [];
  try {
    results.push(await run(db, 'one worker', 'plain'));
    results.push(await run(db, 'worker SIGKILLed at half, restarted', 'kill'));
    if (process.env.BENCH_SIDE_BY_SIDE !== '0') results.push(await run(db, 'two workers side by side (CPU and RSS: sum / larger)', 'two'));
  } finally {
    await db.stop();
  }
  const rows = [
    '| Run | recipients written | all delivered | sends/s | worker CPU | worker peak RSS | duplicates | missing | marked sent in DB | sent again (outcome unknown) | … of which WeChat answered 43101 | send calls |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      r =>
        `| ${r.label} | ${r.expandSeconds.toFixed(1)} s | ${r.deliverSeconds.toFixed(1)} s | ${r.sendsPerSecond.toFixed(0)} | ${r.workerCpuSeconds.toFixed(1)} s (${((r.workerCpuSeconds * 1000) / STUDENTS).toFixed(2)} ms/notice) | ${r.workerRssMb.toFixed(0)} MB | ${r.duplicates} | ${r.missing} | ${r.dbSent} | ${r.resent} | ${r.confirmedByCredit} | ${r.fakeCalls} |`,
    ),
    '',
    `${STUDENTS.toLocaleString('en')} students, one policy to all; fake WeChat answers after ${LATENCY_MS} ms; one worker process (two in the side-by-side row), rate limit ${RATE}/s per worker (the only limit set; 256 in flight allowed); ` +
      `times from the publish request. Both processes, the fake and the embedded database share the machine's 2 cores with other work; total run ${((Date.now() - startedAll) / 1000).toFixed(0)} s.`,
  ];
  console.log(rows.join('\n'));
  const doc = join(ROOT, 'docs/benchmarks.md');
  const marker = '<!-- push.bench.ts -->';
  const text = readFileSync(doc, 'utf8');
  const at = text.indexOf(marker);
  if (at >= 0) {
    const next = text.indexOf('\n## ', at);
    writeFileSync(doc, `${text.slice(0, at)}${marker}\n\n${rows.join('\n')}\n${next >= 0 ? `\n${text.slice(next + 1)}` : ''}`);
  }
  if (results.some(r => r.duplicates !== 0 || r.missing !== 0)) process.exitCode = 1;
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
