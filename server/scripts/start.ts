import { Bootstrap } from '@midwayjs/bootstrap';
import { MidwayConfigService } from '@midwayjs/core';
import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { DemoSeeder } from '../src/modules/demo/demo.service';
import type { LiveSettings } from '../src/interface';
import { startDatabase } from './embedded-mongo';
import { portFree, startMediaServer } from './media-server';

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

  const rtmpPort = Number(process.env.LIVE_RTMP_PORT ?? 1935);
  const flvPort = Number(process.env.LIVE_HTTP_PORT ?? 8000);
  process.env.LIVE_PUSH_DOMAIN ??= `127.0.0.1:${rtmpPort}`;
  process.env.LIVE_PLAY_DOMAIN ??= `127.0.0.1:${flvPort}`;
  process.env.LIVE_PLAY_HTTP_BASE ??= `http://127.0.0.1:${flvPort}`;

  const started = Date.now();
  const db = await startDatabase({ backend: 'file', dataDir: join(root, '.data/db'), log });
  process.env.MONGODB_URI = db.uri;
  log(`database (${db.kind}) at ${db.uri}`);

  const container = await Bootstrap.configure({ baseDir: join(__dirname, '../src') }).run();
  const seeder = await container.getAsync(DemoSeeder);
  const summary = await seeder.seed(log);
  const inserted = Object.entries(summary.inserted).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing new';
  log(`demo data: inserted ${inserted}`);
  if (process.env.DEMO_CITY === 'off') {
    log('city demo off (DEMO_CITY=off): no generated registry');
  } else {
    const cityStarted = Date.now();
    // A number sizes the registry (the demo e2e uses a smaller city to start quickly).
    const size = /^\d+$/.test(process.env.DEMO_CITY ?? '') ? Number(process.env.DEMO_CITY) : undefined;
    const city = await seeder.seedCity(log, new Date(), size);
    const rows = (kind: string) => `${city.inserted[kind] ?? 0} inserted, ${city.existing[kind] ?? 0} there already`;
    log(`city demo: graduates ${rows('graduates')} in ${((Date.now() - cityStarted) / 1000).toFixed(1)} s`);
  }

  const port = process.env.PORT ?? '7001';
  if (process.env.LIVE_MEDIA_SERVER === 'off') {
    log('media server off (LIVE_MEDIA_SERVER=off)');
  } else if (!(await portFree(rtmpPort)) || !(await portFree(flvPort))) {
    log(`media server not started: port ${rtmpPort} or ${flvPort} is in use (set LIVE_RTMP_PORT / LIVE_HTTP_PORT)`);
  } else {
    const live = container.get(MidwayConfigService).getConfiguration('app.live') as LiveSettings;
    await startMediaServer({
      rtmpPort,
      httpPort: flvPort,
      apiBase: `http://127.0.0.1:${port}`,
      callbackKey: live.callbackKey,
      pushKey: live.pushKey,
      playKey: live.playKey,
      appName: live.appName,
      recordDir: process.env.LIVE_RECORD_DIR || join(root, '.data/live-recordings'),
      publicHttpBase: process.env.LIVE_PLAY_HTTP_BASE,
      log,
    });
  }
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`open http://127.0.0.1:${port}/ (h5), API docs http://127.0.0.1:${port}/api/docs/index.html`);
}

main().catch(err => {
  console.error(`[start] failed: ${(err as Error).message}`);
  process.exit(1);
});
