import { Bootstrap } from '@midwayjs/bootstrap';
import { getCurrentApplicationContext } from '@midwayjs/core';
import { join } from 'path';
import { FileStorage } from '../src/core/files/storage';

/**
 * Encrypts the uploads stored before files were encrypted at rest (#13.11), in place, with the
 * deployment's own storage settings (`node server/dist/scripts/seal-stored-files.js`, same
 * environment as the service). Idempotent; the service may keep running meanwhile.
 */
async function main(): Promise<void> {
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  await Bootstrap.configure({
    baseDir: join(__dirname, '../src'),
    globalConfig: { koa: { port: null }, app: { push: { inProcess: false } } },
  }).run();
  const storage = await getCurrentApplicationContext().getAsync(FileStorage);
  const started = Date.now();
  const report = await storage.sealPlaintext((folder, sofar) => {
    console.log(`[seal-files] ${folder}: ${sofar.checked} checked, ${sofar.sealed} encrypted so far`);
  });
  console.log(`[seal-files] done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.checked} files checked, ${report.sealed} encrypted, ${report.checked - report.sealed} already encrypted`);
  await Bootstrap.stop();
}

main().catch(err => {
  console.error(`[seal-files] failed: ${(err as Error).message}`);
  process.exit(1);
});
