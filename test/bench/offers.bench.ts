/**
 * 免申即享 match at scale (issue 16 §6). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/offers.bench.ts
 * Starts a fresh embedded database and the compiled server (built first unless BENCH_SKIP_BUILD=1), imports
 * BENCH_ROWS (default 60,000) registry graduates and as many social-insurance rows over HTTP as the staff pages
 * do (files of 20,000), creates a 免申即享 program (employed in Dalian, 3 months of insurance; every tenth person
 * has only one month), then runs the match twice over HTTP — each start is answered at once with the run, which is
 * polled every second (its figures so far) until done.
 * Targets: the first run under 30 s, the second creates 0 offers. Then the database's share: the same page
 * reads (registry and insurance, one pass each) and inserts through the driver alone.
 */
import { execSync, spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MongoClient, ObjectId } from 'mongodb';
import { startDatabase } from '../../server/scripts/embedded-mongo';
import { insuranceRow, insuranceWorkbook } from '../server/insurance/fixtures';
import { graduateRow, workbook } from '../server/registry/fixtures';
import { benchToken, stopServer, waitForHealthy } from './support/server';

const ROOT = join(__dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 60_000);
const FILE_ROWS = 20_000;
const SECRET = 'bench-offers-token-secret-0123456789abcdef';
const PORT = 7398;
const log = (line: string): void => console.log(`[offers.bench] ${line}`);

async function upload(url: string, auth: string, data: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'file.xlsx');
  const res = await fetch(url, { method: 'POST', headers: { Authorization: auth }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface MatchReport {
  scanned: number;
  matched: number;
  created: number;
  notified: number;
  elapsedMs: number;
}

async function main(): Promise<void> {
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_offers', log });
  const uploads = mkdtempSync(join(tmpdir(), 'offers-bench-'));
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const client = await MongoClient.connect(db.uri);
    const mdb = client.db();
    const now = new Date();
    const bureau = { _id: new ObjectId(), nickname: '市人社局', roles: ['bureau'], scope: {}, profile: {}, createdAt: now, updatedAt: now };
    await mdb.collection('users').insertOne(bureau);
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      log('building the server…');
      execSync('npm run build:server', { cwd: ROOT, stdio: 'inherit' });
    }
    server = spawn(process.execPath, [join(ROOT, 'server/dist/bootstrap.js')], {
      cwd: ROOT,
      env: { ...process.env, MONGODB_URI: db.uri, PORT: String(PORT), MIDWAY_SERVER_ENV: 'local', AUTH_TOKEN_SECRET: SECRET, UPLOAD_DIR: uploads, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealthy(`${base}/api/health`);
    const auth = `Bearer ${benchToken(SECRET, bureau._id, ['bureau'], {})}`;
    log('server ready');

    for (let from = 0; from < ROWS; from += FILE_ROWS) {
      const n = Math.min(FILE_ROWS, ROWS - from);
      const reg = await upload(`${base}/api/staff/registry/import?collegeId=dlut`, auth, await workbook(Array.from({ length: n }, (_, i) => graduateRow(from + i))));
      const ins = await upload(
        `${base}/api/staff/insurance/import`,
        auth,
        await insuranceWorkbook(Array.from({ length: n }, (_, i) => insuranceRow(from + i, (from + i) % 10 === 9 ? { 累计缴费月数: 1, 参保起始年月: '2026-11' } : {}))),
      );
      if (reg.status !== 200 || ins.status !== 200) throw new Error(`import refused: ${JSON.stringify([reg.body.message, ins.body.message])}`);
      log(`imported ${from + n} / ${ROWS} registry graduates and insurance rows`);
    }

    const year = now.getUTCFullYear();
    const program = await fetch(`${base}/api/staff/subsidy/programs`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: '免申即享就业补贴（基准测试）',
        legalBasis: '基准测试项目',
        applicantKind: 'graduate',
        period: `${year}`,
        opensAt: `${year}-01-01`,
        closesAt: `${year + 1}-12-31`,
        requiredDocuments: [],
        conditions: [
          { field: 'graduationDate', op: 'withinYears', value: 2 },
          { field: 'employedInDalian', op: 'eq', value: true },
          { field: 'socialInsuranceMonths', op: 'gte', value: 3 },
        ],
        amount: { kind: 'table', rows: [{ when: { districtClass: 'twoCitiesOneCounty' }, amount: 15000, label: '两市一县' }, { when: {}, amount: 8000, label: '其他地区' }] },
        workflow: ['bureau'],
        offerMode: 'auto',
        note: '基准测试',
        active: true,
      }),
    });
    const programId = ((await program.json()) as { id: string }).id;

    const offers = mdb.collection('subsidy_offers');
    // The match runs outside the request: the start answers at once (202, the run), then the run is polled as the
    // staff page does until it is done.
    const match = async (name: string): Promise<{ report: MatchReport; wallMs: number; answerMs: number }> => {
      log(`${name}: starting…`);
      const started = performance.now();
      const res = await fetch(`${base}/api/staff/subsidy/programs/${programId}/match`, { method: 'POST', headers: { Authorization: auth } });
      const answerMs = performance.now() - started;
      let run = (await res.json()) as MatchReport & { id: string; status: string; total: number };
      if (res.status !== 202) throw new Error(`match refused: ${JSON.stringify(run)}`);
      log(`${name}: answered ${res.status} in ${answerMs.toFixed(0)} ms with run ${run.id}`);
      while (run.status === 'running') {
        await new Promise(r => setTimeout(r, 1000));
        run = (await (await fetch(`${base}/api/staff/subsidy/match-runs/${run.id}`, { headers: { Authorization: auth } })).json()) as typeof run;
        log(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s, read ${run.scanned} / ${run.total}, matched ${run.matched}, created ${run.created}, ${await offers.estimatedDocumentCount()} offers held`);
      }
      if (run.status !== 'done') throw new Error(`match ${run.status}: ${JSON.stringify(run)}`);
      const wallMs = performance.now() - started;
      log(`${name}: ${(wallMs / 1000).toFixed(2)} s (server ${(run.elapsedMs / 1000).toFixed(2)} s), scanned ${run.scanned}, matched ${run.matched}, created ${run.created}`);
      return { report: run, wallMs, answerMs };
    };
    const first = await match('first run');
    const second = await match('second run');

    // The database's share: the same reads (both collections in one pass) and the same inserts (offers of the
    // same shape into a collection with the offers' indexes) through the driver alone.
    log('database share: reads and inserts through the driver alone…');
    let started = performance.now();
    let spells = 0;
    for await (const _doc of mdb.collection('insurance_records').find({}, { projection: { idNumberHash: 1, employerUscc: 1, startMonth: 1, monthsPaid: 1 }, batchSize: 2000 })) spells += 1;
    const offerShapes: Array<Record<string, unknown>> = [];
    for await (const doc of mdb.collection('graduates').find({}, { projection: { idNumberHash: 1, degree: 1, graduationYear: 1, destination: 1, hardship: 1, schoolName: 1 }, batchSize: 2000 })) {
      offerShapes.push({ offerKey: `scratch:${String(doc.idNumberHash)}`, idNumberHash: doc.idNumberHash, registryId: doc._id });
    }
    const readMs = performance.now() - started;
    const sample = await offers.findOne({}, { projection: { _id: 0, offerKey: 0, idNumberHash: 0, registryId: 0 } });
    const scratch = mdb.collection('bench_offers_scratch');
    await scratch.createIndex({ offerKey: 1 }, { unique: true });
    await scratch.createIndex({ userId: 1 }, { sparse: true });
    await scratch.createIndex({ idNumberHash: 1 });
    await scratch.createIndex({ programId: 1, status: 1, expiresAt: 1 });
    const toInsert = offerShapes.slice(0, first.report.created).map(o => ({ ...sample, ...o }));
    started = performance.now();
    for (let i = 0; i < toInsert.length; i += 2000) await scratch.insertMany(toInsert.slice(i, i + 2000), { ordered: false });
    const writeMs = performance.now() - started;
    await client.close();

    console.log('\n[offers.bench] summary');
    console.log(`registry graduates ${ROWS}, insurance rows ${ROWS}`);
    console.log('| run | start answered ms | wall s (polled to done) | server s | scanned | matched | created |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [name, r] of [['first', first], ['second', second]] as const) {
      console.log(`| ${name} | ${r.answerMs.toFixed(0)} | ${(r.wallMs / 1000).toFixed(2)} | ${(r.report.elapsedMs / 1000).toFixed(2)} | ${r.report.scanned} | ${r.report.matched} | ${r.report.created} |`);
    }
    console.log(`database alone: reading ${offerShapes.length} registry records and ${spells} insurance rows ${(readMs / 1000).toFixed(2)} s, inserting ${toInsert.length} offers ${(writeMs / 1000).toFixed(2)} s`);
    const ok = first.wallMs < 30_000 && second.report.created === 0;
    if (!ok) process.exitCode = 1;
    log(`done: first run ${first.wallMs < 30_000 ? 'under' : 'OVER'} 30 s, second run created ${second.report.created}`);
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
