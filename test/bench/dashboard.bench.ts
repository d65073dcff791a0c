/**
 * Dashboard benchmark (issue 7). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/dashboard.bench.ts
 * Seeds 60,000 graduates, 100,000 jobs and 20,000 applications into a fresh embedded database
 * (bulk inserts through the driver, with progress), starts the service on it and times the full
 * dashboard (StatisticsService, each module counting its own records) for the city,
 * one college and one district, the graduates aggregation through the driver alone (the
 * database's share), and prints a Markdown table for docs/benchmarks.md.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { COLLEGES, DISTRICTS, PROVINCES } from '../../server/src/contract/reference';
import { DESTINATION_KINDS } from '../../server/src/contract/registry';
import { JOB_KINDS } from '../../server/src/contract/job';
import { startDatabase } from '../../server/scripts/embedded-mongo';
import { close, createApp } from '@midwayjs/mock';
import type { Framework } from '@midwayjs/koa';
import { join } from 'path';
import { graduatesPipeline } from '../../server/src/modules/registry/registry.stay.rules';
import { StatisticsService, type ResolvedScope } from '../../server/src/modules/statistics/statistics.service';
import { PLAN_2022 } from '../../server/src/modules/statistics/statistics.seed';

const GRADUATES = Number(process.env.BENCH_GRADUATES ?? 60_000);
const JOBS = Number(process.env.BENCH_JOBS ?? 100_000);
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BATCH = 5_000;
const YEAR = 2026;
const log = (line: string): void => console.log(`[dashboard.bench] ${line}`);
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

async function insertInBatches(name: string, total: number, make: (i: number) => Record<string, unknown>, db: ReturnType<MongoClient['db']>): Promise<void> {
  const started = Date.now();
  for (let start = 0; start < total; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, total - start) }, (_, k) => make(start + k));
    await db.collection(name).insertMany(docs, { ordered: false });
    log(`${name}: ${Math.min(start + BATCH, total)}/${total}`);
  }
  log(`${name}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function time<T>(runs: number, fn: () => Promise<T>): Promise<{ median: number; min: number; max: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], last: last as T };
}

async function main(): Promise<void> {
  const database = await startDatabase({ backend: 'memory', dbName: 'dashboard_bench', log: line => log(`db: ${line}`) });
  const client = await MongoClient.connect(database.uri);
  try {
    const db = client.db();
    const kinds = DESTINATION_KINDS;
    await insertInBatches(
      'graduates',
      GRADUATES,
      i => {
        const elsewhere = i % 5 === 0;
        const college = pick(COLLEGES, Math.floor(i / 5));
        const kind = pick(kinds, i * 7);
        const inDalian = i % 3 !== 0;
        return {
          name: `毕业生${i}`,
          idNumberEnc: 'v1.bench',
          idNumberHash: `bench-${i}`,
          idNumberMasked: '2102**********0000',
          ...(elsewhere ? {} : { collegeId: college.id }),
          schoolName: elsewhere ? '外地高校' : college.name,
          doubleFirstClass: elsewhere ? i % 10 === 0 : college.doubleFirstClass,
          degree: 'bachelor',
          major: '软件工程',
          graduationYear: i % 4 === 0 ? YEAR - 1 : YEAR,
          originProvince: i % 2 ? '辽宁省' : pick(PROVINCES, i),
          originCity: '示例市',
          originInProvince: i % 2 === 1,
          hardship: [],
          intention: '',
          destination:
            i % 6 === 0
              ? undefined
              : { kind, employer: '示例单位', ...(inDalian ? { districtCode: pick(DISTRICTS, i).code } : {}), date: new Date(Date.UTC(YEAR, i % 10, 1 + (i % 27))), source: 'import' },
          createdAt: new Date(),
          updatedAt: new Date(),
        };
      },
      db,
    );
    await db.collection('graduates').createIndex({ idNumberHash: 1, graduationYear: 1 }, { unique: true });
    await db.collection('graduates').createIndex({ collegeId: 1, graduationYear: 1, updatedAt: -1, _id: -1 });
    await db.collection('graduates').createIndex({ graduationYear: 1, 'destination.districtCode': 1 });
    await insertInBatches(
      'jobs',
      JOBS,
      i => ({ kind: pick(JOB_KINDS, i), status: i % 10 === 0 ? 'closed' : 'published', district: pick(DISTRICTS, i).code, headcount: 1 + (i % 5), title: `岗位${i}` }),
      db,
    );
    await db.collection('jobs').createIndex({ status: 1, kind: 1, district: 1 });
    await insertInBatches('job_applications', APPLICATIONS, i => ({ jobId: new ObjectId(), studentId: new ObjectId(), status: i % 7 ? 'submitted' : 'hired' }), db);
    await insertInBatches('contents', 500, i => ({ status: i % 4 ? 'published' : 'draft' }), db);
    await insertInBatches('subsidy_applications', 3000, i => ({ applicantId: new ObjectId(), programId: new ObjectId(), period: String(YEAR), status: pick(['reviewing', 'approved', 'paid'], i), collegeId: pick(COLLEGES, i).id, employmentDistrict: pick(DISTRICTS, i).code }), db);

    const now = new Date(Date.UTC(YEAR, 10, 28));
    const scopes: Array<[string, ResolvedScope]> = [
      ['city (bureau)', { kind: 'city' }],
      ['one college (dlut)', { kind: 'college', collegeId: 'dlut' }],
      ['one district (甘井子区)', { kind: 'district', districtCode: '210211' }],
    ];
    log('starting the service on the seeded database…');
    // The development settings (no production secrets needed); the bench measures queries, not sign-in.
    process.env.MIDWAY_SERVER_ENV ??= 'local';
    process.env.LOG_LEVEL ??= 'warn';
    const app = await createApp<Framework>(join(__dirname, '../../server'), { globalConfig: { mongoose: { dataSource: { default: { uri: database.uri } } } } });
    const statistics = await app.getApplicationContext().getAsync(StatisticsService);
    const rows: string[] = [];
    for (const [label, scope] of scopes) {
      const full = await time(RUNS, () => statistics.compute(YEAR, scope, now, { ...PLAN_2022, year: YEAR, version: 1, updatedAt: now.toISOString() }));
      const driver = await time(RUNS, () => db.collection('graduates').aggregate(graduatesPipeline(YEAR, scope, now)).toArray());
      const stayed = full.last.targets.find(t => t.key === 'stayed')?.actual;
      log(`${label}: full dashboard median ${full.median.toFixed(0)} ms (min ${full.min.toFixed(0)}, max ${full.max.toFixed(0)}); graduates aggregation alone ${driver.median.toFixed(0)} ms; stayed=${stayed}`);
      rows.push(`| ${label} | ${full.median.toFixed(0)} ms (${full.min.toFixed(0)}–${full.max.toFixed(0)}) | ${driver.median.toFixed(0)} ms | ${stayed} |`);
    }
    await close(app);
    console.log(['', `Dashboard over ${GRADUATES} graduates, ${JOBS} jobs, ${APPLICATIONS} applications (${RUNS} runs, uncached):`, '', '| scope | full dashboard, median (min–max) | graduates $facet aggregation alone | stayed |', '|---|---|---|---|', ...rows].join('\n'));
  } finally {
    await client.close();
    await database.stop();
  }
}

main().catch(err => {
  console.error(err);
  process.exitCode = 1;
});
