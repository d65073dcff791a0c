import { Bootstrap } from '@midwayjs/bootstrap';
import { join } from 'path';

// Production entry: `node server/dist/bootstrap.js` after `npm run build:server`.
// Midway stops the app on SIGTERM, draining first (src/core/drain.ts). Should a component then hang
// while closing, the process still ends once the drain's bound and a grace period have passed,
// rather than holding its place until the supervisor's SIGKILL. (The one hang seen, a live viewer
// whose join finished after the drain closed the rooms, is fixed: test/server/core/drain.test.ts.)
process.once('SIGTERM', () => {
  const limitMs = Number(process.env.DRAIN_GRACE_MS ?? 5_000) + Number(process.env.DRAIN_TIMEOUT_MS ?? 20_000) + 10_000;
  setTimeout(() => {
    console.error(`[bootstrap] the stop did not finish within ${limitMs} ms after SIGTERM: exiting`);
    process.exit(0);
  }, limitMs).unref();
});
Bootstrap.configure({ baseDir: join(__dirname, 'src') }).run();
