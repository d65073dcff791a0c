import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';

/**
 * A policy-push worker on its own: the app without an HTTP listener, with the push worker on
 * (`node server/dist/scripts/push-worker.js`). Run as many as needed side by side; give each a
 * stable PUSH_WORKER_ID so a restarted worker takes back its own claims at once. SIGTERM stops it
 * after the sends in flight are recorded.
 */
async function main(): Promise<void> {
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  await Bootstrap.configure({
    baseDir: join(__dirname, '../src'),
    globalConfig: { koa: { port: null }, app: { push: { inProcess: true } } },
  }).run();
  console.log(`[push-worker] running (pid ${process.pid})`);
}

main().catch(err => {
  console.error(`[push-worker] failed: ${(err as Error).message}`);
  process.exit(1);
});
