/**
 * h5 first screen on a phone network (issue 14, "Fast on a phone network"). Run from the repository
 * root after `npm run build:server && npm run build:h5` (it builds nothing itself):
 *   npm run bench:h5
 * Starts the app as the e2e harness does (compiled server, the h5 build, demo data, Debian's chromium)
 * and opens the guest home and the job feed in a fresh browser context each time (cold cache, as a
 * first visit), with the network throttled through the DevTools protocol. Measured from the start of
 * the navigation: when the first screen's content is in place (home: the first policy and the first
 * job card; job feed: the first job card), largest contentful paint, layout shift, and what crossed
 * the network (requests, bytes as sent, bytes after decoding). Prints each run, then a summary with
 * the medians; figures go into docs/benchmarks.md by hand.
 *   BENCH_RUNS=5      runs per page and profile (median reported)
 *   BENCH_PROFILES=fast3g,4g,none
 *   BENCH_LIST=1      also print each request of the first measured run (what the first screen loads)
 */
import { existsSync } from 'fs';
import { loadavg } from 'os';
import { join, resolve } from 'path';
import type { Page } from 'playwright-core';
import { startE2E, type E2EEnv } from '../e2e/support/harness';

const ROOT = resolve(__dirname, '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const log = (line: string): void => console.log(`[h5.bench] ${line}`);

interface Profile {
  name: string;
  label: string;
  /** Bytes per second; -1 leaves the direction unthrottled. */
  download: number;
  upload: number;
  /** Added to every request, ms. */
  latency: number;
  goalMs?: number;
}

const mbps = (n: number): number => (n * 1_000_000) / 8;
// fast 3G as the issue states it (also Lighthouse's mobile throttling: 1.6 Mbps, 150 ms RTT);
// 4G as WebPageTest's 4G profile (9 Mbps, 170 ms RTT); "none" shows the CPU-bound floor.
const PROFILES: Profile[] = [
  { name: 'fast3g', label: 'fast 3G (1.6 Mbps / 750 kbps, 150 ms)', download: mbps(1.6), upload: mbps(0.75), latency: 150, goalMs: 2500 },
  { name: '4g', label: '4G (9 Mbps / 9 Mbps, 170 ms)', download: mbps(9), upload: mbps(9), latency: 170, goalMs: 1000 },
  { name: 'none', label: 'unthrottled (loopback)', download: -1, upload: -1, latency: 0 },
];

interface Target {
  name: string;
  path: string;
  /** Every selector present = the first screen's content is in place. */
  ready: string[];
}

const TARGETS: Target[] = [
  { name: 'home', path: '/#/pages/home/index', ready: ['.ll-content-card', '.ll-job-card'] },
  { name: 'jobs', path: '/#/pages/jobs/index', ready: ['.ll-job-card'] },
];

interface Run {
  firstScreenMs: number;
  lcpMs: number;
  cls: number;
  requests: number;
  wireBytes: number;
  decodedBytes: number;
  encodings: Record<string, number>;
  /** url, encoding, bytes over the network. */
  files: Array<[string, string, number]>;
}

declare global {
  interface Window {
    __bench?: { ready: string[]; readyAt?: number; lcp: number; cls: number };
  }
}

/** Watches, from the page's first script on, for the first screen's content, LCP and layout shift. */
function observe(ready: string[]): void {
  const state: NonNullable<Window['__bench']> = { ready, lcp: 0, cls: 0 };
  window.__bench = state;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) state.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver(list => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
      if (!entry.hadRecentInput) state.cls += entry.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const check = (): void => {
    if (state.readyAt === undefined && state.ready.every(s => document.querySelector(s))) {
      // The content is in the DOM; the frame that paints it is the moment a user sees it.
      requestAnimationFrame(() => {
        if (state.readyAt === undefined) state.readyAt = performance.now();
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

async function measure(env: E2EEnv, target: Target, profile: Profile): Promise<Run> {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(observe, target.ready);
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.download,
      uploadThroughput: profile.upload,
    });
    const run: Run = { firstScreenMs: 0, lcpMs: 0, cls: 0, requests: 0, wireBytes: 0, decodedBytes: 0, encodings: {}, files: [] };
    const responses = new Map<string, { url: string; encoding: string }>();
    cdp.on('Network.responseReceived', e => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      responses.set(e.requestId, { url: e.response.url.replace(env.baseUrl, ''), encoding: headers['content-encoding'] ?? 'identity' });
    });
    cdp.on('Network.loadingFinished', e => {
      const response = responses.get(e.requestId) ?? { url: '?', encoding: 'identity' };
      if (response.url.startsWith('data:')) return; // inline images: no request on the network
      run.requests += 1;
      run.wireBytes += e.encodedDataLength;
      run.encodings[response.encoding] = (run.encodings[response.encoding] ?? 0) + 1;
      run.files.push([response.url, response.encoding, e.encodedDataLength]);
    });
    cdp.on('Network.dataReceived', e => {
      run.decodedBytes += e.dataLength;
    });
    await page.goto(`${env.baseUrl}${target.path}`, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench?.readyAt !== undefined, undefined, { timeout: 60_000, polling: 50 });
    // LCP stops at the first input and is final only then; a settled page has nothing more coming.
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined);
    const seen = await page.evaluate(() => window.__bench);
    if (!seen?.readyAt) throw new Error(`${target.name}: first screen never ready`);
    run.firstScreenMs = seen.readyAt;
    run.lcpMs = seen.lcp;
    run.cls = seen.cls;
    return run;
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (n: number): string => `${Math.round(n)} ms`;

async function main(): Promise<void> {
  for (const needed of ['server/dist/scripts/start.js', 'dist-h5/index.html']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run npm run build:server && npm run build:h5 first`);
  }
  const wanted = (process.env.BENCH_PROFILES ?? 'fast3g,4g,none').split(',');
  const profiles = PROFILES.filter(p => wanted.includes(p.name));
  const started = Date.now();
  log(`load average at start ${loadavg().map(n => n.toFixed(2)).join(' ')}; ${RUNS} runs per page and profile`);
  log('starting the app (embedded database, compiled server, demo data, chromium)…');
  const env = await startE2E();
  const rows: string[] = [];
  let missed = 0;
  try {
    for (const profile of profiles) {
      for (const target of TARGETS) {
        // One unmeasured visit warms the server's caches, not the browser's (each run is a new context).
        await measure(env, target, profile);
        const runs: Run[] = [];
        for (let i = 1; i <= RUNS; i += 1) {
          const run = await measure(env, target, profile);
          runs.push(run);
          if (i === 1 && process.env.BENCH_LIST) for (const [url, encoding, bytes] of run.files) log(`  ${kb(bytes).padStart(10)} ${encoding.padEnd(8)} ${url}`);
          log(
            `${profile.name} ${target.name} #${i}: first screen ${ms(run.firstScreenMs)}, LCP ${ms(run.lcpMs)}, CLS ${run.cls.toFixed(3)}, ` +
              `${run.requests} requests, ${kb(run.wireBytes)} over the network (${kb(run.decodedBytes)} decoded), ${JSON.stringify(run.encodings)}`,
          );
        }
        const first = median(runs.map(r => r.firstScreenMs));
        const met = profile.goalMs === undefined ? '—' : first <= profile.goalMs ? `yes (≤ ${profile.goalMs} ms)` : `NO (goal ≤ ${profile.goalMs} ms)`;
        if (profile.goalMs !== undefined && first > profile.goalMs) missed += 1;
        rows.push(
          `| ${profile.label} | ${target.name} | ${ms(first)} (${ms(Math.min(...runs.map(r => r.firstScreenMs)))}–${ms(Math.max(...runs.map(r => r.firstScreenMs)))}) | ` +
            `${ms(median(runs.map(r => r.lcpMs)))} | ${median(runs.map(r => r.cls)).toFixed(3)} | ${median(runs.map(r => r.requests))} | ` +
            `${kb(median(runs.map(r => r.wireBytes)))} | ${kb(median(runs.map(r => r.decodedBytes)))} | ${met} |`,
        );
      }
    }
  } finally {
    await env.close();
  }
  console.log('');
  console.log('| Network | Page | First screen, median (min–max) | LCP | CLS | Requests | Over the network | Decoded | Goal met |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('');
  log(`${RUNS} cold visits per row, phone viewport 390×844 @3x; load average at end ${loadavg().map(n => n.toFixed(2)).join(' ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (missed) log(`${missed} row(s) missed the goal`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
