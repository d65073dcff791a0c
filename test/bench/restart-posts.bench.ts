/**
 * POSTs through nginx while the API processes restart (issue 18): the case the rolling-restart
 * bench's mixed load hardly hits. Run from the repository root after `npm run build:server`:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/restart-posts.bench.ts
 * Starts the cluster of test/e2e/cluster.e2e.ts, keeps 24 clients sending POST /api/auth/dev-login
 * back to back (an unknown account: a 404 from the application, no state changed), restarts the two
 * API processes alternately 6 times (SIGTERM, wait for the exit, start, wait for readiness, 2.5 s),
 * and counts the answers as the client sees them and nginx's upstream errors. nginx never resends
 * a POST it has sent, so a reset connection is a 502 the client sees. Environment for the API
 * processes passes through (e.g. DRAIN_GRACE_MS=0 for comparison). ORCHESTRATE=1 first takes
 * the process out of nginx (marked `down`, nginx reloaded, old workers finished) and puts it back
 * after it is ready (tried: the failures move to the clients' keep-alive connections, docs/deploy.md).
 */
import { readFileSync } from 'fs';
import { startCluster } from '../e2e/support/cluster';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const log = (line: string): void => console.log(`[restart-posts.bench] ${new Date().toISOString().slice(11, 19)} ${line}`);

async function main(): Promise<void> {
  const cluster = await startCluster({ dbName: 'bench_restart_posts', env: { RATE_LIMIT_DEMO_LOGIN_IP: '1000000/60', RATE_LIMIT_DEMO_LOGIN_USER: '1000000/60' } });
  try {
    const answers: Record<string, number> = {};
    let running = true;
    const clients = Array.from({ length: 24 }, async () => {
      while (running) {
        const status = await fetch(`${cluster.base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: '0123456789abcdef01234567' }) })
          .then(r => r.text().then(() => String(r.status)), () => 'network error');
        answers[status] = (answers[status] ?? 0) + 1;
      }
    });
    await sleep(2_000);
    for (let round = 0; round < 6; round += 1) {
      const i = round % 2;
      const at = performance.now();
      if (process.env.ORCHESTRATE) await cluster.upstreamDown(i);
      await cluster.stopApi(i, 'SIGTERM');
      await cluster.startApi(i);
      if (process.env.ORCHESTRATE) await cluster.upstreamDown(undefined);
      log(`restart ${round + 1}: API process ${i + 1} back after ${((performance.now() - at) / 1000).toFixed(1)} s; answers so far ${JSON.stringify(answers)}`);
      await sleep(2_500);
    }
    running = false;
    await Promise.all(clients);
    const errorLog = readFileSync(cluster.nginxErrorLog, 'utf8').split('\n');
    const upstreamErrors: Record<string, number> = {};
    for (const line of errorLog) {
      const m = /\*\d+ (.*?) while .*upstream/.exec(line);
      if (m) upstreamErrors[m[1].replace(/\(\d+: /, '(')] = (upstreamErrors[m[1].replace(/\(\d+: /, '(')] ?? 0) + 1;
    }
    const total = Object.values(answers).reduce((a, b) => a + b, 0);
    const failed = Object.entries(answers).filter(([s]) => !/^[1-4]\d\d$/.test(s)).reduce((a, [, n]) => a + n, 0);
    console.log('\n## POSTs through 6 restarts (summary)\n');
    console.log(`| ${process.env.ORCHESTRATE ? 'taken out of nginx first, ' : ''}DRAIN_GRACE_MS | POSTs | answered by the application | 503 SERVER_BUSY (client retries) | failed (502 / network) |`);
    console.log(`|---|---|---|---|---|`);
    console.log(`| ${process.env.DRAIN_GRACE_MS ?? '5000 (default)'} | ${total} | ${total - failed - (answers['503'] ?? 0)} | ${answers['503'] ?? 0} | ${failed} |`);
    console.log(`\nnginx upstream errors: ${JSON.stringify(upstreamErrors)}`);
  } finally {
    await cluster.close();
  }
}

main().then(() => process.exit(0), err => {
  console.error(`[restart-posts.bench] failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
