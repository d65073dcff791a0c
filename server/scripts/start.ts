import { Bootstrap } from '@midwayjs/bootstrap';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { DemoSeeder } from '../src/modules/demo/demo.service';
import { startDatabase } from './embedded-mongo';

/**
 * `npm start`: the demo on one port — embedded database (kept under .data/),
 * API, the h5 build, and demo data drawn from the plan.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const log = (line: string) => console.log(`[start] ${line}`);
  process.env.MIDWAY_SERVER_ENV ??= 'local';
  process.env.H5_DIR ??= join(root, 'dist-h5');
  if (!existsSync(join(process.env.H5_DIR, 'index.html'))) {
    log(`no h5 build in ${process.env.H5_DIR}: run "npm run build:h5" to serve the mini-program in the browser`);
  }

  const started = Date.now();
  const db = await startDatabase({ backend: 'file', dataDir: join(root, '.data/db'), log });
  process.env.MONGODB_URI = db.uri;
  log(`database (${db.kind}) at ${db.uri}`);

  const container = await Bootstrap.configure({ baseDir: join(__dirname, '../src') }).run();
  const seeder = await container.getAsync(DemoSeeder);
  const summary = await seeder.seed(log);
  const inserted = Object.entries(summary.inserted).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing new';
  log(`demo data: inserted ${inserted}`);

  const port = process.env.PORT ?? '7001';
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`open http://127.0.0.1:${port}/ (h5), API docs http://127.0.0.1:${port}/api/docs/index.html`);
}

main().catch(err => {
  console.error(`[start] failed: ${(err as Error).message}`);
  process.exit(1);
});
