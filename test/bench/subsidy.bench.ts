/**
 * Subsidy deadline-surge benchmark (issue 6). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/subsidy.bench.ts
 * Seeds 5,000 graduates and one program into a fresh embedded database, starts the compiled
 * server, then (1) 5,000 graduates each save a draft, upload a PDF and submit, arrivals spread
 * evenly over 60 s (open loop: a slow server makes requests pile up, as at a real deadline); every
 * tenth graduate submits from "two phones" at once; (2) 20 reviewers approve all 5,000 from a
 * shared queue. Reports requests per second, p50/p99 per step, lost submissions, duplicate
 * applications, the server's peak RSS, and the database's own share (the same writes through the
 * driver alone). Figures go to stdout and into docs/benchmarks.md.
 */
import { execSync, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MongoClient, ObjectId } from 'mongodb';
import { CONSENT_TEXTS } from '../../server/src/contract/privacy';
import { BUSY_RETRY_ATTEMPTS, busyDelayMs } from '../../server/src/contract/retry';
import { startDatabase } from '../../server/scripts/embedded-mongo';
import { bankCard, pdf, residentId } from '../server/support/factories';
import { benchToken, stopServer, waitForHealthy } from './support/server';

const ROOT = join(__dirname, '../..');
const GRADUATES = Number(process.env.BENCH_GRADUATES ?? 5_000);
const SURGE_SECONDS = Number(process.env.BENCH_SURGE_SECONDS ?? 60);
const REVIEWERS = 20;
const SECRET = 'bench-subsidy-token-secret-0123456789abcdef';
const PORT = 7395;
// A real PDF (uploads are parsed), about 48 KB with an uncompressed stream of spaces.
const PDF = pdf('bench diploma', { extra: [`<< /Length ${47 * 1024} >>\nstream\n${' '.repeat(47 * 1024)}\nendstream`] });
const log = (line: string): void => console.log(`[subsidy.bench] ${line}`);

type Step = 'draft' | 'upload' | 'submit' | 'approve';
const latencies: Record<Step, number[]> = { draft: [], upload: [], submit: [], approve: [] };
/** The server's own time per answered request, from its Server-Timing header. */
const serverTimes: Record<Step, number[]> = { draft: [], upload: [], submit: [], approve: [] };
const failures: Record<Step, Map<string, number>> = { draft: new Map(), upload: new Map(), submit: new Map(), approve: new Map() };
/** Requests the admission gate turned away (503 SERVER_BUSY), per step. */
const turnedAway: Record<Step, number> = { draft: 0, upload: 0, submit: 0, approve: 0 };
/** A graduate taps again after a failed step, as people do at a deadline, up to this often. */
const TAPS = Number(process.env.BENCH_TAPS ?? 5);
const TAP_PAUSE_MS = 10_000;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

interface Outcome {
  ok: boolean;
  /** Worth another tap: no answer, or still busy after the client's own retries. */
  retryable: boolean;
  body: { id?: string; code?: string };
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** One call as the mini-program makes it (src/services/transport.ts): SERVER_BUSY is retried per contract/retry.ts. */
async function timed(step: Step, run: () => Promise<Response>): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    let res: Response;
    try {
      res = await run();
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      count(failures[step], `network: ${cause ?? (err as Error).message}`);
      return { ok: false, retryable: true, body: {} };
    }
    const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string };
    latencies[step].push(performance.now() - started);
    const app = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (app) serverTimes[step].push(Number(app[1]));
    if (res.status === 503 && body.code === 'SERVER_BUSY') {
      turnedAway[step]++;
      if (attempt < BUSY_RETRY_ATTEMPTS) {
        await sleep(busyDelayMs(attempt, res.headers.get('retry-after'), Math.random()));
        continue;
      }
      return { ok: false, retryable: true, body };
    }
    if (!res.ok) count(failures[step], `${res.status} ${body.code ?? ''}`);
    return { ok: res.ok, retryable: false, body };
  }
}

/** The graduate taps again after an error the app showed them, a few times, then gives up. */
async function persist(step: Step, run: () => Promise<Response>): Promise<Outcome> {
  let outcome = await timed(step, run);
  for (let tap = 1; tap < TAPS && !outcome.ok && outcome.retryable; tap++) {
    await sleep(TAP_PAUSE_MS * (0.5 + Math.random()));
    outcome = await timed(step, run);
  }
  return outcome;
}

function rssPeakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_subsidy', log });
  const uploads = mkdtempSync(join(tmpdir(), 'subsidy-bench-'));
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const client = await MongoClient.connect(db.uri);
    const mdb = client.db();
    const now = new Date();
    const year = now.getUTCFullYear();
    const programId = new ObjectId();
    await mdb.collection('subsidy_programs').insertOne({
      _id: programId,
      name: '高校毕业生住房补贴（压测）',
      legalBasis: '留连来连行动六',
      applicantKind: 'graduate',
      period: `${year}`,
      opensAt: `${year}-01-01`,
      closesAt: `${year}-12-31`,
      requiredDocuments: ['diploma'],
      conditions: [
        { field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] },
        { field: 'graduationDate', op: 'withinYears', value: 2 },
        { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
      ],
      amount: { kind: 'table', rows: [{ when: { degree: 'bachelor' }, amount: 1000, label: '本科标准（示例金额）' }] },
      workflow: ['bureau'],
      note: '示例金额',
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    const students = Array.from({ length: GRADUATES }, (_, i) => ({
      _id: new ObjectId(),
      nickname: `毕业生${i}`,
      roles: ['student'],
      scope: {},
      profile: { name: `毕业生${i}`, schoolName: '大连示例大学', degree: 'bachelor', major: '软件工程', graduationYear: year, originProvince: '辽宁省', originCity: '大连市', intentionDistricts: [], intentionText: '' },
      createdAt: now,
      updatedAt: now,
    }));
    await mdb.collection('users').insertMany(students);
    // Each has agreed to the subsidy consent on the consent sheet: a draft holding an ID needs it.
    await mdb.collection('consents').insertMany(students.map(s => ({ userId: s._id, purpose: 'subsidy', status: 'given', version: CONSENT_TEXTS.subsidy.version, scope: [...CONSENT_TEXTS.subsidy.items], givenAt: now, history: [] })));
    const reviewers = Array.from({ length: REVIEWERS }, (_, i) => ({ _id: new ObjectId(), nickname: `审核员${i}`, roles: ['bureau'], scope: {}, profile: {}, createdAt: now, updatedAt: now }));
    await mdb.collection('users').insertMany(reviewers);
    log(`seeded ${GRADUATES} graduates, ${REVIEWERS} reviewers`);

    log('building the server…');
    execSync('npm run build:server', { cwd: ROOT, stdio: 'inherit' });
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server (flags NODE_OPTIONS refuses).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    server = spawn(process.execPath, [...profile, join(ROOT, 'server/dist/bootstrap.js')], {
      cwd: ROOT,
      // Every simulated graduate uploads from 127.0.0.1: the per-address upload limit would measure itself.
      env: { ...process.env, MONGODB_URI: db.uri, PORT: String(PORT), MIDWAY_SERVER_ENV: 'local', AUTH_TOKEN_SECRET: SECRET, UPLOAD_DIR: uploads, LOG_LEVEL: 'warn', RATE_LIMIT_UPLOAD_IP: '1000000/60' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealthy(`${base}/api/health`);
    log('server ready');

    // Phase 1: the deadline surge.
    const graduationDate = `${year - 1}-06-30`;
    const submittedOk = new Set<string>();
    /** Arrival to acknowledged submission, per graduate who got there. */
    const journeys: number[] = [];
    const surgeStarted = performance.now();
    const gap = (SURGE_SECONDS * 1000) / GRADUATES;
    const graduate = async (i: number): Promise<void> => {
      const s = students[i];
      const auth = { Authorization: `Bearer ${benchToken(SECRET, s._id.toHexString(), ['student'])}`, 'Content-Type': 'application/json' };
      const birth = `199${i % 10}-0${1 + (i % 9)}-1${i % 10}`;
      const form = {
        idNumber: residentId(birth, String(i % 1000)),
        graduationDate,
        employmentDistrict: '210283',
        socialInsuranceMonths: 6,
        bankName: '中国工商银行大连分行',
        bankAccount: bankCard(`6222021${String(i).padStart(11, '0')}`),
      };
      const arrived = performance.now();
      const draft = await persist('draft', () => fetch(`${base}/api/subsidy/applications`, { method: 'POST', headers: auth, body: JSON.stringify({ programId: programId.toHexString(), form, submit: false }) }));
      if (!draft.ok || !draft.body.id) return;
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'diploma.pdf');
      const up = await persist('upload', () =>
        fetch(`${base}/api/subsidy/applications/${draft.body.id}/documents?kind=diploma`, { method: 'POST', headers: { Authorization: auth.Authorization }, body: fd }),
      );
      if (!up.ok) return;
      const submit = () => persist('submit', () => fetch(`${base}/api/subsidy/applications`, { method: 'POST', headers: auth, body: JSON.stringify({ programId: programId.toHexString(), form: {}, submit: true, consent: true }) }));
      const results = i % 10 === 0 ? await Promise.all([submit(), submit()]) : [await submit()];
      if (results.some(r => r.ok)) {
        submittedOk.add(s._id.toHexString());
        journeys.push(performance.now() - arrived);
      }
    };
    const running: Array<Promise<void>> = [];
    for (let i = 0; i < GRADUATES; i++) {
      const due = surgeStarted + i * gap;
      const wait = due - performance.now();
      if (wait > 1) await new Promise(r => setTimeout(r, wait));
      running.push(graduate(i));
    }
    await Promise.all(running);
    const surgeSeconds = (performance.now() - surgeStarted) / 1000;
    const surgeRequests = latencies.draft.length + latencies.upload.length + latencies.submit.length;
    const surgeTurnedAway = turnedAway.draft + turnedAway.upload + turnedAway.submit;
    journeys.sort((a, b) => a - b);
    const apps = mdb.collection('subsidy_applications');
    const stored = await apps.countDocuments({ programId, status: 'reviewing' });
    const distinct = (await apps.distinct('applicantId', { programId })).length;
    const total = await apps.countDocuments({ programId });
    const lost = submittedOk.size - stored;
    log(`surge: ${surgeRequests} requests in ${surgeSeconds.toFixed(1)} s; ${submittedOk.size} submissions acknowledged, ${stored} stored, ${total - distinct} duplicates`);

    // Phase 2: 20 reviewers approve everything from a shared queue.
    const queue = (await apps.find({ programId, status: 'reviewing' }, { projection: { _id: 1 } }).toArray()).map(d => d._id.toHexString());
    const approveStarted = performance.now();
    await Promise.all(
      reviewers.map(async r => {
        const auth = { Authorization: `Bearer ${benchToken(SECRET, r._id.toHexString(), ['bureau'])}`, 'Content-Type': 'application/json' };
        for (let id = queue.pop(); id; id = queue.pop()) {
          const target = id;
          await timed('approve', () => fetch(`${base}/api/staff/subsidy/applications/${target}/decision`, { method: 'POST', headers: auth, body: JSON.stringify({ decision: 'approve' }) }));
        }
      }),
    );
    const approveSeconds = (performance.now() - approveStarted) / 1000;
    const approved = await apps.countDocuments({ programId, status: 'approved' });
    const audits = await mdb.collection('audit_log').countDocuments({ action: 'subsidy.approve' });
    const rssMb = server.pid ? rssPeakMb(server.pid) : 0;

    // The database's own share: the same writes through the driver alone.
    const scratch = mdb.collection<{ _id: ObjectId; applicantId: ObjectId; programId: ObjectId; period: string; status: string; timeline: Array<{ at: Date }>; documents: string[] }>('bench_scratch');
    await scratch.createIndex({ applicantId: 1, programId: 1, period: 1 }, { unique: true });
    const insertTimes: number[] = [];
    const updateTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const doc = { _id: new ObjectId(), applicantId: new ObjectId(), programId, period: `${year}`, status: 'draft', timeline: [], documents: [] };
      let t0 = performance.now();
      await scratch.insertOne(doc);
      insertTimes.push(performance.now() - t0);
      t0 = performance.now();
      await scratch.findOneAndUpdate({ _id: doc._id, status: 'draft' }, { $set: { status: 'reviewing' }, $push: { timeline: { at: new Date() } } }, { returnDocument: 'after' });
      updateTimes.push(performance.now() - t0);
    }
    insertTimes.sort((a, b) => a - b);
    updateTimes.sort((a, b) => a - b);
    await client.close();

    const rows: string[] = [
      '| Step | answered requests | rps | p50 ms | p99 ms | server\'s own time p50 / p99 ms (Server-Timing) | 503 SERVER_BUSY (retried) | other failures |',
      '|---|---|---|---|---|---|---|---|',
    ];
    const stepRow = (step: Step, label: string, seconds: number) => {
      const sorted = [...latencies[step]].sort((a, b) => a - b);
      const server = [...serverTimes[step]].sort((a, b) => a - b);
      const bad = [...failures[step].entries()].map(([k, v]) => `${v}× ${k}`).join(', ') || '0';
      rows.push(
        `| ${label} | ${sorted.length} | ${(sorted.length / seconds).toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 99).toFixed(0)} | ${percentile(server, 50).toFixed(0)} / ${percentile(server, 99).toFixed(0)} | ${turnedAway[step]} | ${bad} |`,
      );
    };
    stepRow('draft', `surge: save draft (${GRADUATES} graduates over ${SURGE_SECONDS} s)`, surgeSeconds);
    stepRow('upload', 'surge: upload a 48 KB PDF', surgeSeconds);
    stepRow('submit', 'surge: submit (every 10th twice at once)', surgeSeconds);
    stepRow('approve', `approvals, ${REVIEWERS} concurrent reviewers`, approveSeconds);
    rows.push(
      '',
      `| Outcome | Figure |`,
      `|---|---|`,
      `| surge: answered requests / wall time | ${surgeRequests} in ${surgeSeconds.toFixed(1)} s = ${(surgeRequests / surgeSeconds).toFixed(0)} rps (${surgeTurnedAway} of them 503 SERVER_BUSY) |`,
      `| graduates submitted / arrived | ${submittedOk.size} / ${GRADUATES} (${GRADUATES - submittedOk.size} gave up after ${TAPS} taps) |`,
      `| arrival → submission acknowledged, p50 / p99 | ${(percentile(journeys, 50) / 1000).toFixed(1)} s / ${(percentile(journeys, 99) / 1000).toFixed(1)} s |`,
      `| submissions acknowledged / stored | ${submittedOk.size} / ${stored} |`,
      `| lost submissions | ${lost} |`,
      `| duplicate applications | ${total - distinct} |`,
      `| approvals: wall time, approved, audit records | ${approveSeconds.toFixed(1)} s, ${approved}, ${audits} |`,
      `| server peak RSS | ${rssMb.toFixed(0)} MB |`,
      `| database alone: insert p50/p99, conditional update p50/p99 | ${percentile(insertTimes, 50).toFixed(1)}/${percentile(insertTimes, 99).toFixed(1)} ms, ${percentile(updateTimes, 50).toFixed(1)}/${percentile(updateTimes, 99).toFixed(1)} ms |`,
      '',
      `Open-loop arrivals (one graduate every ${gap.toFixed(0)} ms, each doing draft → upload → submit), Node fetch clients in the bench process behaving as the mini-program (SERVER_BUSY retried ${BUSY_RETRY_ATTEMPTS}× with jittered backoff; after an error shown, the graduate taps again ~10 s later, up to ${TAPS} times); admission gate at its defaults; embedded memory backend; total run ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    console.log(rows.join('\n'));

    const doc = join(ROOT, 'docs/benchmarks.md');
    const marker = '<!-- subsidy.bench.ts -->';
    const text = readFileSync(doc, 'utf8');
    const at = text.indexOf(marker);
    if (at >= 0) {
      const next = text.indexOf('\n## ', at);
      writeFileSync(doc, `${text.slice(0, at)}${marker}\n\n${rows.join('\n')}\n${next >= 0 ? `\n${text.slice(next + 1)}` : ''}`);
    }
    if (lost !== 0 || total !== distinct) process.exitCode = 1;
    log(`done: ${submittedOk.size}/${GRADUATES} graduates submitted, ${lost} lost, ${total - distinct} duplicates, ${surgeTurnedAway} requests turned away and retried`);
  } finally {
    await stopServer(server);
    await db.stop();
    rmSync(uploads, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
