import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';
import { Database } from '../src/core/database';

/**
 * Builds every declared database index (`npm run db:indexes`, after `npm run build:server`; the
 * environment as for the API processes). A deploy step, run before the first start and before
 * starting a release that declares new indexes: API processes in production only check that the
 * indexes exist (DB_INDEXES=check) and refuse to start while one is missing, so no process start
 * builds an index on a large collection (docs/deploy.md). On a replica set MongoDB builds them
 * without blocking reads and writes; run it when the load is low all the same.
 */
async function main(): Promise<void> {
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  const started = Date.now();
  const container = await Bootstrap.configure({
    baseDir: join(__dirname, '../src'),
    globalConfig: { koa: { port: null }, app: { push: { inProcess: false }, dbIndexes: 'build' } },
  }).run();
  const db = await container.getAsync(Database);
  const check = await db.ready('check');
  console.log(`[db:indexes] indexes of ${check.collections} collections built and present (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await Bootstrap.stop();
  process.exit(0);
}

main().catch(err => {
  console.error(`[db:indexes] failed: ${(err as Error).message}`);
  process.exit(1);
});
