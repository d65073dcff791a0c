/**
 * Changes through nginx while the API processes restart (issue 18): the case the rolling-restart
 * bench's mixed load hardly hits. Run from the repository root after `npm run build:server`:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/restart-posts.bench.ts
 * Starts the cluster of test/e2e/cluster.e2e.ts, keeps 24 clients posting jobs back to back (each post a
 * job of its own title: one change the recruiter makes once), restarts the two API processes alternately
 * 6 times (SIGTERM, wait for the exit, start, wait for readiness, 2.5 s), then counts what the clients saw
 * and what the database holds: every post answered once stored exactly once, and none lost.
 *
 * Each client sends as the mini-program does (src/services/transport.ts): every change carries an
 * Idempotency-Key and is sent again with it when its answer never came (no connection, nginx's 502/504,
 * 409 IDEMPOTENCY_IN_PROGRESS), and a 503 SERVER_BUSY is sent again. nginx never resends a POST it
 * has sent, so a reset connection is a 502 the client sees. KEYS=0 sends without keys and without
 * resending (the earlier client, for comparison). Environment for the API processes passes through
 * (e.g. DRAIN_GRACE_MS=0). ORCHESTRATE=1 first takes the process out of nginx (marked `down`, nginx
 * reloaded, old workers finished) and puts it back after it is ready (docs/deploy.md).
 */
import { readFileSync } from 'fs';
import { Types } from 'mongoose';
import { BUSY_RETRY_ATTEMPTS, LOST_ANSWER_RETRY_ATTEMPTS, answerWasLost, busyDelayMs, lostAnswerDelayMs } from '../../server/src/contract/retry';
import { signAccessToken } from '../../server/src/core/tokens';
import { JobModel } from '../../server/src/modules/job/job.model';
import { startCluster } from '../e2e/support/cluster';
import { enterprise, jobInput, realNamed } from '../server/support/factories';
import { createTestApp } from '../server/support/test-app';

const SECRET = 'bench-restart-posts-token-secret-0123456789abcdef';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 24);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 6);
const KEYS = process.env.KEYS !== '0';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (line: string): void => console.log(`[restart-posts.bench] ${new Date().toISOString().slice(11, 19)} ${line}`);

interface Tally {
  posts: number;
  /** Answered 2xx on the first try. */
  first: number;
  /** Answered 2xx after one or more resends. */
  afterResend: number;
  /** Of those, answers the server gave back from the first attempt (Idempotent-Replayed). */
  replayed: number;
  resends: Record<string, number>;
  /** Posts the client gave up on, by the last answer. */
  failed: Record<string, number>;
}

const tally: Tally = { posts: 0, first: 0, afterResend: 0, replayed: 0, resends: {}, failed: {} };
const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1;
};

/** One post as src/services/transport.ts sends a change; true when it was answered 2xx. */
async function post(base: string, auth: string, title: string): Promise<boolean> {
  tally.posts += 1;
  const key = `${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 12)}${Math.random().toString(16).slice(2, 12)}`;
  const headers: Record<string, string> = { authorization: auth, 'content-type': 'application/json', ...(KEYS ? { 'idempotency-key': key } : {}) };
  const body = JSON.stringify(jobInput({ title }));
  let busy = 0;
  let lost = 0;
  for (;;) {
    let status = 0;
    let code = '';
    let retryAfter: string | null = null;
    let replayed = false;
    try {
      const res = await fetch(`${base}/api/recruiter/jobs`, { method: 'POST', headers, body });
      const text = await res.text();
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      replayed = res.headers.get('idempotent-replayed') === 'true';
      code = text.startsWith('{') ? String((JSON.parse(text) as { code?: string }).code ?? '') : '';
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) {
      if (busy + lost === 0) tally.first += 1;
      else tally.afterResend += 1;
      if (replayed) tally.replayed += 1;
      return true;
    }
    const label = status === 0 ? 'network error' : `${status}${code ? ` ${code}` : ''}`;
    if (status === 503 && code === 'SERVER_BUSY' && busy < BUSY_RETRY_ATTEMPTS) {
      bump(tally.resends, label);
      await sleep(busyDelayMs(busy++, retryAfter, Math.random()));
      continue;
    }
    if (KEYS && answerWasLost(status, code || undefined) && lost < LOST_ANSWER_RETRY_ATTEMPTS) {
      bump(tally.resends, label);
      await sleep(lostAnswerDelayMs(lost++, retryAfter, Math.random()));
      continue;
    }
    bump(tally.failed, label);
    return false;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const big = '1000000/60';
  const cluster = await startCluster({ dbName: 'bench_restart_posts', env: { AUTH_TOKEN_SECRET: SECRET, RATE_LIMIT_DEMO_LOGIN_IP: big, RATE_LIMIT_DEMO_LOGIN_USER: big } });
  process.env.TEST_MONGODB_URI = cluster.db.uri;
  // The seeding app in this process (test/server/support/test-app.ts) runs as in development.
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  const t = await createTestApp({}, { dbName: 'bench_restart_posts', keepDatabase: true });
  try {
    const recruiter = await t.user({ roles: ['recruiter'] });
    await realNamed(t, recruiter);
    const ent = await enterprise(t, { recruiters: [recruiter], name: '大连重启提交测试有限公司' });
    const auth = `Bearer ${signAccessToken({ sub: recruiter.doc._id.toHexString(), sid: new Types.ObjectId().toHexString(), roles: ['recruiter'], scope: {} }, SECRET, 3600, Math.floor(Date.now() / 1000))}`;
    log(`cluster up: nginx ${cluster.base}, API ${cluster.apis.map(a => a.port).join(' + ')}; ${CLIENTS} clients posting jobs ${KEYS ? 'with Idempotency-Key and resends' : 'without keys or resends'}`);

    const answered: string[] = [];
    const unanswered: string[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, async (_x, c) => {
      for (let i = 0; running; i += 1) {
        const title = `重启提交岗位 ${c}-${i}`;
        (await post(cluster.base, auth, title) ? answered : unanswered).push(title);
      }
    });
    await sleep(2_000);
    for (let round = 0; round < RESTARTS; round += 1) {
      const i = round % 2;
      const at = performance.now();
      if (process.env.ORCHESTRATE) await cluster.upstreamDown(i);
      await cluster.stopApi(i, 'SIGTERM');
      await cluster.startApi(i);
      if (process.env.ORCHESTRATE) await cluster.upstreamDown(undefined);
      log(`restart ${round + 1}/${RESTARTS}: API process ${i + 1} back after ${((performance.now() - at) / 1000).toFixed(1)} s; ${tally.posts} posts so far, ${tally.afterResend} answered after a resend, ${Object.values(tally.failed).reduce((a, b) => a + b, 0)} failed`);
      await sleep(2_500);
    }
    running = false;
    await Promise.all(clients);

    const stored = new Map<string, number>();
    for (const job of await t.db.model(JobModel).find({ enterpriseId: ent.id }, { title: 1 }).lean()) stored.set(job.title, (stored.get(job.title) ?? 0) + 1);
    const twice = [...stored.values()].filter(n => n > 1).length;
    const answeredMissing = answered.filter(title => !stored.has(title)).length;
    const unansweredStored = unanswered.filter(title => stored.has(title)).length;

    const errorLog = readFileSync(cluster.nginxErrorLog, 'utf8').split('\n');
    const upstreamErrors: Record<string, number> = {};
    for (const line of errorLog) {
      const m = /\*\d+ (.*?) while .*upstream/.exec(line);
      if (m) bump(upstreamErrors, m[1].replace(/\(\d+: /, '('));
    }
    const failed = Object.values(tally.failed).reduce((a, b) => a + b, 0);
    console.log(`\n## Job posts through ${RESTARTS} restarts (summary)\n`);
    console.log('| client | posts | answered first time | answered after resending (replayed) | failed | stored twice | answered but not stored | failed but stored |');
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${KEYS ? 'Idempotency-Key + resend' : 'no key, no resend'}${process.env.DRAIN_GRACE_MS ? `, DRAIN_GRACE_MS=${process.env.DRAIN_GRACE_MS}` : ''}${process.env.ORCHESTRATE ? ', taken out of nginx first' : ''} | ` +
        `${tally.posts} | ${tally.first} | ${tally.afterResend} (${tally.replayed}) | ${failed} | ${twice} | ${answeredMissing} | ${unansweredStored} |`,
    );
    console.log(`\nresends by the answer that caused them: ${JSON.stringify(tally.resends)}`);
    console.log(`failed by the last answer: ${JSON.stringify(tally.failed)}`);
    console.log(`nginx upstream errors: ${JSON.stringify(upstreamErrors)}`);
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await t.close();
    await cluster.close();
  }
}

main().then(() => process.exit(0), err => {
  console.error(`[restart-posts.bench] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
