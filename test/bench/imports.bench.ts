/**
 * Staff imports at scale (issue 16 §5). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/imports.bench.ts
 * Starts a fresh embedded database and the compiled server (built first unless BENCH_SKIP_BUILD=1),
 * then over HTTP, as the staff page uploads them:
 *   registry (毕业生名单, 10,000 rows each): into an empty registry, with 10,000 held, a re-import of the
 *   same file and one where every row changed with 20,000 held, and a file with 1,000 bad rows (refused:
 *   every bad row named);
 *   social-insurance records (社保, 10,000 rows each): empty, 10,000 held, a re-import with new months, a bad file.
 * Prints progress, then a summary (wall time per upload, the server's own figure, rows reported) and the
 * database's share: the same key lookups and writes through the driver alone. BENCH_ROWS scales it.
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
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SECRET = 'bench-imports-token-secret-0123456789abcdef';
const PORT = 7397;
const log = (line: string): void => console.log(`[imports.bench] ${line}`);

interface Step {
  name: string;
  held: number;
  status: number;
  wallMs: number;
  serverMs: number;
  created: number;
  updated: number;
  badRows: number;
  errors: number;
}

async function upload(url: string, auth: string, data: Buffer, name: string): Promise<{ status: number; wallMs: number; body: Record<string, number> }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { Authorization: auth }, body: form });
  const body = (await res.json()) as Record<string, number> & { errors?: unknown[] };
  return { status: res.status, wallMs: performance.now() - started, body: { ...body, errors: Array.isArray(body.errors) ? body.errors.length : 0 } };
}

async function main(): Promise<void> {
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_imports', log });
  const uploads = mkdtempSync(join(tmpdir(), 'imports-bench-'));
  let server: ReturnType<typeof spawn> | undefined;
  const steps: Step[] = [];
  try {
    const client = await MongoClient.connect(db.uri);
    const mdb = client.db();
    const now = new Date();
    const college = { _id: new ObjectId(), nickname: '高校就业处', roles: ['college'], scope: { collegeId: 'dlut' }, profile: {}, createdAt: now, updatedAt: now };
    const bureau = { _id: new ObjectId(), nickname: '市人社局', roles: ['bureau'], scope: {}, profile: {}, createdAt: now, updatedAt: now };
    await mdb.collection('users').insertMany([college, bureau]);

    log(`writing the workbooks (${ROWS} rows each)…`);
    const registryA = await workbook(Array.from({ length: ROWS }, (_, i) => graduateRow(i)));
    const registryB = await workbook(Array.from({ length: ROWS }, (_, i) => graduateRow(ROWS + i)));
    const registryChanged = await workbook(Array.from({ length: ROWS }, (_, i) => graduateRow(i, { 专业: '数据科学与大数据技术', 去向日期: '2026-08-01' })));
    const registryBad = await workbook(Array.from({ length: ROWS }, (_, i) => graduateRow(2 * ROWS + i, i % 10 === 0 ? { 身份证号: `坏号${i}` } : {})));
    const insuranceA = await insuranceWorkbook(Array.from({ length: ROWS }, (_, i) => insuranceRow(i)));
    const insuranceB = await insuranceWorkbook(Array.from({ length: ROWS }, (_, i) => insuranceRow(ROWS + i)));
    const insuranceAgain = await insuranceWorkbook(Array.from({ length: ROWS }, (_, i) => insuranceRow(i, { 累计缴费月数: 4 })));
    const insuranceBad = await insuranceWorkbook(Array.from({ length: ROWS }, (_, i) => insuranceRow(2 * ROWS + i, i % 10 === 0 ? { 参保起始年月: '七月' } : {})));

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
    log('server ready');

    const collegeAuth = `Bearer ${benchToken(SECRET, college._id, ['college'], { collegeId: 'dlut' })}`;
    const bureauAuth = `Bearer ${benchToken(SECRET, bureau._id, ['bureau'], {})}`;
    const run = async (name: string, collection: string, url: string, auth: string, data: Buffer, file: string): Promise<void> => {
      const held = await mdb.collection(collection).countDocuments();
      log(`${name}: uploading (${held} held)…`);
      const r = await upload(url, auth, data, file);
      const step = {
        name,
        held,
        status: r.status,
        wallMs: r.wallMs,
        serverMs: r.body.elapsedMs ?? 0,
        created: r.body.created ?? 0,
        updated: r.body.updated ?? 0,
        badRows: r.body.badRows ?? 0,
        errors: r.body.errors ?? 0,
      };
      steps.push(step);
      log(`${name}: ${r.status} in ${(r.wallMs / 1000).toFixed(2)} s (server ${(step.serverMs / 1000).toFixed(2)} s), created ${step.created}, updated ${step.updated}, bad rows ${step.badRows}`);
    };
    const registryUrl = `${base}/api/staff/registry/import`;
    await run('registry, empty', 'graduates', registryUrl, collegeAuth, registryA, 'a.xlsx');
    await run('registry, 10,000 held', 'graduates', registryUrl, collegeAuth, registryB, 'b.xlsx');
    await run('registry re-import, 20,000 held', 'graduates', registryUrl, collegeAuth, registryA, 'a.xlsx');
    await run('registry re-import, every row changed, 20,000 held', 'graduates', registryUrl, collegeAuth, registryChanged, 'changed.xlsx');
    await run('registry bad file, 20,000 held', 'graduates', registryUrl, collegeAuth, registryBad, 'bad.xlsx');
    const insuranceUrl = `${base}/api/staff/insurance/import`;
    await run('insurance, empty', 'insurance_records', insuranceUrl, bureauAuth, insuranceA, 'a.xlsx');
    await run('insurance, 10,000 held', 'insurance_records', insuranceUrl, bureauAuth, insuranceB, 'b.xlsx');
    await run('insurance re-import, 20,000 held', 'insurance_records', insuranceUrl, bureauAuth, insuranceAgain, 'again.xlsx');
    await run('insurance bad file, 20,000 held', 'insurance_records', insuranceUrl, bureauAuth, insuranceBad, 'bad.xlsx');

    // The database's share: the registry's key lookups (10 × $in of 1,000) and 10,000 inserts, driver only.
    log('database share: key lookups and inserts through the driver alone…');
    const graduates = mdb.collection('graduates');
    const keys = (await graduates.find({}, { projection: { recordKey: 1 } }).limit(ROWS).toArray()).map(d => String(d.recordKey));
    let started = performance.now();
    for (let i = 0; i < keys.length; i += 1000) await graduates.find({ recordKey: { $in: keys.slice(i, i + 1000) } }, { projection: { recordKey: 1, collegeId: 1, userId: 1 } }).toArray();
    const lookupMs = performance.now() - started;
    const sample = await graduates.findOne({}, { projection: { _id: 0 } });
    const copies = Array.from({ length: ROWS }, (_, i) => ({ ...sample, idNumberHash: `bench-${i}`, recordKey: `bench-${i}:2026` }));
    started = performance.now();
    for (let i = 0; i < copies.length; i += 1000) await graduates.bulkWrite(copies.slice(i, i + 1000).map(document => ({ insertOne: { document } })), { ordered: false });
    const insertMs = performance.now() - started;
    await client.close();

    console.log('\n[imports.bench] summary');
    console.log('| step | held before | status | wall s | server s | created | updated | bad rows named |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of steps) {
      console.log(`| ${s.name} | ${s.held} | ${s.status} | ${(s.wallMs / 1000).toFixed(2)} | ${(s.serverMs / 1000).toFixed(2)} | ${s.created} | ${s.updated} | ${s.badRows} |`);
    }
    console.log(`database alone (20,000 held): ${keys.length} key lookups in ${(lookupMs / 1000).toFixed(2)} s, ${ROWS} inserts in ${(insertMs / 1000).toFixed(2)} s`);
    const slow = steps.filter(s => (s.status === 200 ? s.wallMs > 10_000 : s.wallMs > 2_000));
    const missing = steps.filter(s => s.status === 422 && s.badRows !== ROWS / 10);
    if (slow.length || missing.length) process.exitCode = 1;
    log(`done: ${steps.length} uploads, ${slow.length} over target (10 s per import, 2 s per refusal), ${missing.length} refusals with rows missing`);
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
