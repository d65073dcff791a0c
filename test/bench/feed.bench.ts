/**
 * Job feed benchmark (issue 4). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/feed.bench.ts
 * Seeds 100,000 jobs / 3,000 enterprises / 60,000 students into a fresh embedded database
 * (bulk inserts through the driver), starts the compiled server, and measures with autocannon
 * at 50 connections: the feed's first and a deep page for "all", a filtered query and
 * "recommended for me" (one student, and 1,000 students in turn), a bare Koa endpoint (the
 * ceiling), the same queries through the driver alone, and the server's peak RSS. Then a second
 * server process on the same database, and how long a job change takes to reach a student's
 * recommendations there: a job published and closed through the API, and a job closed by a write
 * that announces nothing. Figures go to stdout and into docs/benchmarks.md.
 */
import { execSync, spawn } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { MongoClient, ObjectId, type Document, type Filter } from 'mongodb';
import { DEGREES, DISTRICTS } from '../../server/src/contract/reference';
import { JOB_KINDS } from '../../server/src/contract/job';
import { encodeCursor } from '../../server/src/core/pagination';
import { signAccessToken } from '../../server/src/core/tokens';
import { degreesUpTo, matchScore, searchKeysOf } from '../../server/src/modules/job/job.rules';
import { startDatabase } from '../../server/scripts/embedded-mongo';
import { stopServer, waitForHealthy } from './support/server';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
interface CannonRequest {
  headers?: Record<string, string>;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: Array<{ setupRequest: (req: CannonRequest) => CannonRequest }>;
}) => Promise<CannonResult>;
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = require('autocannon') as Cannon;

const ROOT = join(__dirname, '../..');
const JOBS = Number(process.env.BENCH_JOBS ?? 100_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 3_000);
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 60_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const SECRET = 'bench-feed-token-secret-0123456789abcdef';
const PORT = 7391;
const BATCH = 5_000;

const MAJORS = ['软件工程', '计算机科学与技术', '机械工程', '船舶与海洋工程', '食品科学与工程', '会计学', '市场营销', '土木工程', '电子信息工程', '海洋科学', '英语', '法学'];
const TITLES = ['开发工程师', '测试工程师', '机械设计师', '质量检验员', '会计', '销售代表', '施工员', '研发助理', '翻译', '法务专员', '社区工作者', '见习生'];
const INDUSTRIES = ['软件和信息技术服务业', '高端装备制造', '海洋食品加工', '金融业', '建筑业', '商贸服务'];
const log = (line: string): void => console.log(`[feed.bench] ${line}`);
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

/** Students whose tokens the "1,000 students in turn" row rotates through. */
const ROTATED_STUDENTS = 1_000;

async function seed(uri: string): Promise<{ studentId: string; studentIds: string[]; recruiterId: string }> {
  const client = await MongoClient.connect(uri);
  const db = client.db();
  const now = Date.now();
  const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => ({
    _id: new ObjectId(),
    name: `大连示例企业${i}号有限公司`,
    uscc: `BENCH${String(i).padStart(13, '0')}`,
    district: pick(DISTRICTS, i).code,
    industry: pick(INDUSTRIES, i),
    size: '100-499人',
    ownership: '民营企业',
    chainTags: [],
    status: 'verified',
    recruiterIds: [] as ObjectId[],
    createdAt: new Date(now),
    updatedAt: new Date(now),
  }));
  // A recruiter of the first enterprise, who publishes and closes a job in the propagation step.
  const recruiterId = new ObjectId();
  enterprises[0].recruiterIds = [recruiterId];
  await db.collection('users').insertOne({ _id: recruiterId, nickname: '招聘者', roles: ['recruiter'], scope: {}, profile: {}, createdAt: new Date(now), updatedAt: new Date(now) });
  // Publishing needs a current real-name check (issue 17); only its dates are read when publishing.
  await db.collection('recruiter_real_names').insertOne({
    userId: recruiterId,
    nameEnc: 'v1.bench',
    idNumberEnc: 'v1.bench',
    idNumberHash: 'bench-recruiter',
    phoneHash: 'bench-recruiter-phone',
    verifiedAt: new Date(now),
    expiresAt: new Date(now + 150 * 86_400_000),
  });
  await db.collection('enterprises').insertMany(enterprises);
  log(`enterprises: ${ENTERPRISES}`);
  for (let start = 0; start < JOBS; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, JOBS - start) }, (_, k) => {
      const i = start + k;
      const ent = enterprises[i % ENTERPRISES];
      const title = `${pick(MAJORS, i * 7).slice(0, 2)}${pick(TITLES, i)}`;
      const majors = [pick(MAJORS, i), pick(MAJORS, i + 3)];
      const tags = ['五险一金'];
      return {
        kind: pick(JOB_KINDS, i),
        title,
        description: '示例岗位，仅用于性能测试。',
        enterpriseId: ent._id,
        enterpriseName: ent.name,
        industry: ent.industry,
        salaryMin: 3000 + (i % 10) * 500,
        salaryMax: 6000 + (i % 10) * 800,
        education: pick(DEGREES, i),
        majors,
        headcount: 1 + (i % 5),
        district: pick(DISTRICTS, i * 3).code,
        address: '大连市',
        deadline: new Date(now + (10 + (i % 60)) * 86_400_000),
        contactPolicy: '通过平台投递简历',
        tags,
        searchKeys: searchKeysOf([title, ent.name, ...tags, ...majors]),
        reportCount: 0,
        applicationCount: 0,
        hiredCount: 0,
        status: 'published',
        publishedAt: new Date(now - i * 60_000),
        createdAt: new Date(now - i * 60_000),
        updatedAt: new Date(now - i * 60_000),
      };
    });
    await db.collection('jobs').insertMany(docs, { ordered: false });
    log(`jobs: ${start + docs.length} / ${JOBS}`);
  }
  let studentId = '';
  const studentIds: string[] = [];
  for (let start = 0; start < STUDENTS; start += BATCH * 2) {
    const docs = Array.from({ length: Math.min(BATCH * 2, STUDENTS - start) }, (_, k) => {
      const i = start + k;
      return {
        _id: new ObjectId(),
        nickname: `学生${i}`,
        roles: ['student'],
        scope: {},
        profile: {
          name: `学生${i}`,
          schoolName: '大连理工大学',
          degree: pick(DEGREES, i),
          major: pick(MAJORS, i),
          graduationYear: 2026,
          originProvince: '辽宁省',
          originCity: '大连市',
          intentionDistricts: [pick(DISTRICTS, i).code],
          intentionText: pick(TITLES, i),
        },
        createdAt: new Date(now),
        updatedAt: new Date(now),
      };
    });
    if (!studentId) studentId = docs[0]._id.toHexString();
    for (const d of docs) if (studentIds.length < ROTATED_STUDENTS) studentIds.push(d._id.toHexString());
    await db.collection('users').insertMany(docs, { ordered: false });
    log(`students: ${start + docs.length} / ${STUDENTS}`);
  }
  await client.close();
  return { studentId, studentIds, recruiterId: recruiterId.toHexString() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function driverTimes(run: () => Promise<unknown>, times = 30): Promise<{ p50: number; p99: number }> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** One request at a time through the server: no queueing, so it is the server's work plus the database's. */
async function sequentialTimes(
  url: string,
  headers: Record<string, string> | undefined,
  times = 50,
): Promise<{ client: { p50: number; p99: number }; server: { p50: number; p99: number } }> {
  const server: number[] = [];
  const client = await driverTimes(async () => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    // The server's own time from its Server-Timing header, without the client and the loopback.
    const app = /app;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (app) server.push(Number(app[1]));
  }, times);
  server.splice(0, server.length - times); // drop the warm-up request driverTimes makes first
  server.sort((a, b) => a - b);
  return { client, server: { p50: percentile(server, 50), p99: percentile(server, 99) } };
}

/** A bare Koa app answering every request with the feed's first page, as the server would. */
const BARE_KOA = `
const Koa = require('koa');
const app = new Koa();
const body = process.env.BODY;
app.use(ctx => { ctx.type = 'application/json'; ctx.body = body; });
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

async function waitForHealth(base: string): Promise<void> {
  return waitForHealthy(`${base}/api/health`);
}

/** Waits until requests queued by the last run have finished (a health check with a database ping answers fast). */
async function drain(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    await fetch(`${base}/api/health`).catch(() => undefined);
    if (Date.now() - started < 100) return;
    await new Promise(r => setTimeout(r, 500));
  }
}

function rssPeakKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) : 0;
}

async function main(): Promise<void> {
  const started = Date.now();
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_feed', log });
  const rows: string[] = [];
  let server: ReturnType<typeof spawn> | undefined;
  let second: ReturnType<typeof spawn> | undefined;
  // The ceiling runs in its own process, like the server, so it does not share autocannon's CPU.
  let koa: ReturnType<typeof spawn> | undefined;
  try {
    const { studentId, studentIds, recruiterId } = await seed(db.uri);
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    log('building the server…');
    execSync('npm run build:server', { cwd: ROOT, stdio: 'inherit' });
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server (flags NODE_OPTIONS refuses).
    const cpuProfile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const startServer = (port: number, flags: string[] = []): ReturnType<typeof spawn> =>
      spawn(process.execPath, [...flags, join(ROOT, 'server/dist/bootstrap.js')], {
        cwd: ROOT,
        env: { ...process.env, MONGODB_URI: db.uri, PORT: String(port), MIDWAY_SERVER_ENV: 'local', AUTH_TOKEN_SECRET: SECRET, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    server = startServer(PORT, cpuProfile);
    const base = `http://127.0.0.1:${PORT}`;
    await waitForHealth(base);
    log('server ready (indexes built)');

    const tokenOf = (sub: string, role: 'student' | 'recruiter' = 'student'): string =>
      signAccessToken({ sub, sid: new ObjectId().toHexString(), roles: [role], scope: {} }, SECRET, 3600, Math.floor(Date.now() / 1000));
    const auth = { authorization: `Bearer ${tokenOf(studentId)}` };
    const rotated = studentIds.map(id => `Bearer ${tokenOf(id)}`);
    let turn = 0;
    const inTurn = [{ setupRequest: (req: CannonRequest): CannonRequest => ({ ...req, headers: { ...req.headers, authorization: rotated[turn++ % rotated.length] } }) }];

    const client = await MongoClient.connect(db.uri);
    const jobs = client.db().collection('jobs');
    const now = new Date();
    const open: Filter<Document> = { status: 'published', deadline: { $gte: now } };
    const filtered: Filter<Document> = { ...open, kind: 'fulltime', education: { $in: degreesUpTo('master') } };
    const projection = { searchKeys: 0, description: 0 };
    const boundary = async (filter: Filter<Document>, skip: number): Promise<Document> => {
      const [doc] = await jobs.find(filter).sort({ publishedAt: -1, _id: -1 }).skip(skip).limit(1).toArray();
      return doc;
    };
    const cursorOf = (doc: Document): string => encodeCursor([(doc.publishedAt as Date).getTime(), (doc._id as ObjectId).toHexString()], SECRET);
    const after = (doc: Document): Filter<Document> => ({ $or: [{ publishedAt: { $lt: doc.publishedAt } }, { publishedAt: doc.publishedAt, _id: { $lt: doc._id } }] });
    const allBoundary = await boundary(open, 5_000);
    const filteredBoundary = await boundary(filtered, 1_000);
    const allDeep = cursorOf(allBoundary);
    const filteredDeep = cursorOf(filteredBoundary);
    const firstRec = (await (await fetch(`${base}/api/jobs/recommended?limit=20`, { headers: auth })).json()) as { nextCursor?: string };
    let recCursor = firstRec.nextCursor ?? '';
    for (let i = 0; i < 10 && recCursor; i++) {
      const page = (await (await fetch(`${base}/api/jobs/recommended?limit=20&cursor=${encodeURIComponent(recCursor)}`, { headers: auth })).json()) as { nextCursor?: string };
      if (!page.nextCursor) break;
      recCursor = page.nextCursor;
    }

    const firstPageBody = await (await fetch(`${base}/api/jobs?limit=20`)).text();
    const koaUrl = `http://127.0.0.1:${PORT + 1}/`;
    koa = spawn(process.execPath, ['-e', BARE_KOA], {
      cwd: ROOT,
      env: { ...process.env, BODY: firstPageBody, PORT: String(PORT + 1) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await waitForHealthy(koaUrl);

    const student = await client.db().collection('users').findOne({ _id: new ObjectId(studentId) });
    const profile = (student?.profile ?? {}) as Parameters<typeof matchScore>[0];
    // `cached`: a hot first page is answered without the database, so all of its time is the server's.
    const users = client.db().collection('users');
    // What a recommendation reads per request: the student's profile by _id (the window is in memory).
    const profileRead = (id: string) => () => users.findOne({ _id: new ObjectId(id) }, { projection: { profile: 1 } });
    const scenarios: Array<{
      name: string;
      url: string;
      headers?: Record<string, string>;
      requests?: typeof inTurn;
      cached?: boolean;
      driver: () => Promise<unknown>;
    }> = [
      { name: 'bare Koa (ceiling, same body as the first page)', url: koaUrl, driver: async () => undefined },
      { name: 'all, first page', url: `${base}/api/jobs?limit=20`, cached: true, driver: () => jobs.find(open, { projection }).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray() },
      {
        name: 'all, deep page (after 5,000)',
        url: `${base}/api/jobs?limit=20&cursor=${encodeURIComponent(allDeep)}`,
        driver: () => jobs.find({ ...open, ...after(allBoundary) }, { projection }).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray(),
      },
      { name: 'filtered (全职, ≤硕士), first page', url: `${base}/api/jobs?limit=20&kind=fulltime&education=master`, cached: true, driver: () => jobs.find(filtered, { projection }).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray() },
      {
        name: 'filtered, deep page (after 1,000)',
        url: `${base}/api/jobs?limit=20&kind=fulltime&education=master&cursor=${encodeURIComponent(filteredDeep)}`,
        driver: () => jobs.find({ ...filtered, ...after(filteredBoundary) }, { projection }).sort({ publishedAt: -1, _id: -1 }).limit(21).toArray(),
      },
      { name: 'recommended for me, first page', url: `${base}/api/jobs/recommended?limit=20`, headers: auth, driver: profileRead(studentId) },
      {
        name: 'recommended for me, page 11',
        url: `${base}/api/jobs/recommended?limit=20&cursor=${encodeURIComponent(recCursor)}`,
        headers: auth,
        driver: profileRead(studentId),
      },
      {
        name: `recommended for me, first page, ${ROTATED_STUDENTS.toLocaleString('en')} students in turn`,
        url: `${base}/api/jobs/recommended?limit=20`,
        headers: auth,
        requests: inTurn,
        driver: profileRead(studentIds[studentIds.length - 1]),
      },
    ];

    // Cached rows right after the ceiling: a database-bound row leaves the stand-in busy with the
    // queries still queued when its run ends, which would weigh on whatever row comes next.
    // "Recommended for me" reads no database per request once the profile is cached, so it goes
    // before the database-bound rows too.
    const rank = (s: { url: string; cached?: boolean; name: string }): number =>
      s.url === koaUrl ? 3 : s.cached ? 2 : s.name.startsWith('recommended') ? 1 : 0;
    scenarios.sort((a, b) => rank(b) - rank(a));
    // BENCH_ONLY=<name part>[,…] measures some rows (with the ceiling) for profiling; docs are then left alone.
    const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter(s => s.url === koaUrl || only.some(o => s.name.includes(o))));
    // Driver-only first, on an idle server, so the figures are not inflated by a queued backlog.
    const driverFigures = new Map<string, { p50: number; p99: number }>();
    const ownShare = new Map<string, string>();
    for (const s of scenarios) {
      if (s.url === koaUrl) continue;
      const driver = await driverTimes(s.driver, 10);
      driverFigures.set(s.name, driver);
      // The server's own share: one request at a time (no queue), its Server-Timing time minus the same
      // query through the driver alone; a cached first page touches no database, so all of it.
      const alone = await sequentialTimes(s.url, s.headers);
      // Negative where the server's query is lighter than the driver replay (it reads fewer fields).
      const share = (a: number, d: number): string => (s.cached ? a.toFixed(1) : a - d < 0 ? '≈0' : (a - d).toFixed(1));
      ownShare.set(
        s.name,
        `${alone.client.p50.toFixed(1)} / ${alone.client.p99.toFixed(1)} | ${share(alone.server.p50, driver.p50)} / ${share(alone.server.p99, driver.p99)}`,
      );
      log(`driver-only and one-at-a-time timed: ${s.name}`);
    }
    rows.push(
      '| Query | rps (50 connections) | p50 ms | p99 ms | driver-only p50 / p99 ms | one at a time, client-side p50 / p99 ms | server\'s own share p50 / p99 ms (Server-Timing − driver-only) | non-2xx |',
      '|---|---|---|---|---|---|---|---|',
    );
    let ceiling = 0;
    for (const s of scenarios) {
      // Hot data and warm code: a short unrecorded run first (fills the feed cache where there is
      // one, and lets V8 optimise the path), for the ceiling as for the server.
      await fetch(s.url, { headers: s.headers });
      await autocannon({ url: s.url, connections: 10, duration: 2, headers: s.headers, requests: s.requests });
      await drain(base);
      const result = await autocannon({ url: s.url, connections: CONNECTIONS, duration: DURATION, headers: s.headers, requests: s.requests });
      const driver = driverFigures.get(s.name) ?? { p50: 0, p99: 0 };
      if (s.url === koaUrl) ceiling = result.requests.average;
      const share = ceiling ? ` (${((result.requests.average / ceiling) * 100).toFixed(0)}% of ceiling)` : '';
      const line = `| ${s.name} | ${result.requests.average.toFixed(0)}${s.url === koaUrl ? '' : share} | ${result.latency.p50} | ${result.latency.p99} | ${s.url === koaUrl ? '–' : `${driver.p50.toFixed(1)} / ${driver.p99.toFixed(1)}`} | ${ownShare.get(s.name) ?? '– | –'} | ${result.non2xx + result.errors} |`;
      rows.push(line);
      log(line);
      await drain(base);
    }
    const rssMb = server.pid ? (rssPeakKb(server.pid) / 1024).toFixed(0) : '?';

    // What a rebuild reads (one process at a time, after a change or every RECOMMEND_REBUILD_SECONDS).
    const rebuildQuery = await driverTimes(() => jobs.find(open, { projection }).sort({ publishedAt: -1, _id: -1 }).limit(1500).toArray(), 5);
    log(`rebuild query (newest 1,500 open jobs) through the driver: p50 ${rebuildQuery.p50.toFixed(0)} ms`);

    // Propagation: a second server process on the same database; changes are made through the first.
    log('starting a second server process for the propagation step…');
    second = startServer(PORT + 2);
    const other = `http://127.0.0.1:${PORT + 2}`;
    await waitForHealth(other);
    const recruiterHeaders = { authorization: `Bearer ${tokenOf(recruiterId, 'recruiter')}`, 'content-type': 'application/json' };
    const firstPageIds = async (at: string): Promise<string[]> => {
      const res = await fetch(`${at}/api/jobs/recommended?limit=20`, { headers: auth });
      return ((await res.json()) as { items: Array<{ id: string }> }).items.map(j => j.id);
    };
    const seenWithin = async (at: string, since: number, test: (ids: string[]) => boolean): Promise<number> => {
      while (Date.now() - since < 180_000) {
        if (test(await firstPageIds(at))) return Date.now() - since;
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error(`${at}: the change was not seen within 180 s`);
    };
    const both = async (since: number, test: (ids: string[]) => boolean): Promise<[number, number]> =>
      Promise.all([seenWithin(base, since, test), seenWithin(other, since, test)]);
    await firstPageIds(other);
    await new Promise(r => setTimeout(r, 2_000));
    const p = profile as { major: string; degree: string; intentionDistricts: string[]; intentionText: string };
    let since = Date.now();
    const published = await fetch(`${base}/api/recruiter/jobs`, {
      method: 'POST',
      headers: recruiterHeaders,
      body: JSON.stringify({
        kind: 'fulltime',
        title: `${p.intentionText}（推荐传播测试）`,
        description: '推荐列表传播时间测试岗位，负责软件开发。',
        duties: '负责政务系统后端开发与维护。',
        requirements: '计算机相关专业本科，熟悉一门后端语言。',
        salaryMin: 6000,
        salaryMax: 9000,
        education: p.degree,
        majors: [p.major],
        headcount: 1,
        district: p.intentionDistricts[0],
        address: '大连市高新区软件园',
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        tags: ['五险一金'],
      }),
    });
    if (!published.ok) throw new Error(`publishing the test job: ${published.status} ${await published.text()}`);
    const newId = ((await published.json()) as { id: string }).id;
    const publishSeen = await both(since, ids => ids[0] === newId);
    log(`published job at the top: this process ${publishSeen[0]} ms, the second ${publishSeen[1]} ms`);
    since = Date.now();
    const closed = await fetch(`${base}/api/recruiter/jobs/${newId}/close`, { method: 'POST', headers: recruiterHeaders });
    if (!closed.ok) throw new Error(`closing the test job: ${closed.status}`);
    const closeSeen = await both(since, ids => !ids.includes(newId));
    log(`closed job gone: this process ${closeSeen[0]} ms, the second ${closeSeen[1]} ms`);
    const [silentId] = await firstPageIds(other);
    since = Date.now();
    await jobs.updateOne({ _id: new ObjectId(silentId) }, { $set: { status: 'closed' } });
    const silentSeen = await both(since, ids => !ids.includes(silentId));
    log(`job closed by an unannounced write gone: this process ${silentSeen[0]} ms, the second ${silentSeen[1]} ms`);
    const secondRss = second.pid ? (rssPeakKb(second.pid) / 1024).toFixed(0) : '?';
    const sec = (ms: number): string => (ms / 1000).toFixed(1);
    rows.push(
      '',
      '| Job change (student\'s first page of 为你推荐, polled every 100 ms) | seen by the process that made it | seen by a second process |',
      '|---|---|---|',
      `| a matching job published through the API (announced) | ${sec(publishSeen[0])} s | ${sec(publishSeen[1])} s |`,
      `| that job closed through the API (announced) | ${sec(closeSeen[0])} s | ${sec(closeSeen[1])} s |`,
      `| the top job closed by a database write that announces nothing (found by the periodic rebuild) | ${sec(silentSeen[0])} s | ${sec(silentSeen[1])} s |`,
      '',
      `A rebuild's query (newest 1,500 open jobs) through the driver: p50 ${rebuildQuery.p50.toFixed(0)} ms, p99 ${rebuildQuery.p99.toFixed(0)} ms on the stand-in. Peak RSS of the second process (idle but for the polling): ${secondRss} MB.`,
    );
    rows.push('', `Peak RSS of the server under load: ${rssMb} MB. Seed: ${JOBS.toLocaleString('en')} jobs, ${ENTERPRISES.toLocaleString('en')} enterprises, ${STUDENTS.toLocaleString('en')} students; autocannon ${CONNECTIONS} connections × ${DURATION} s per row; total run ${((Date.now() - started) / 1000).toFixed(0)} s; machine load average at the end ${loadavg()[0].toFixed(1)} on ${cpus().length} cores.`);
    await client.close();

    const doc = join(ROOT, 'docs/benchmarks.md');
    const marker = '<!-- feed.bench.ts -->';
    const text = readFileSync(doc, 'utf8');
    const startIdx = text.indexOf(marker);
    if (startIdx >= 0 && !only) {
      const after = text.indexOf('\n## ', startIdx);
      const section = `${marker}\n\n${rows.join('\n')}\n`;
      writeFileSync(doc, text.slice(0, startIdx) + section + (after >= 0 ? `\n${text.slice(after + 1)}` : ''));
    }
    console.log(rows.join('\n'));
  } finally {
    await stopServer(server);
    if (koa && koa.exitCode === null) koa.kill('SIGTERM');
    if (second && second.exitCode === null) {
      second.kill('SIGTERM');
      await new Promise(r => second?.once('exit', r));
    }
    await db.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
