/**
 * Lighthouse (mobile: its default Moto G Power screen, simulated 1.6 Mbps / 150 ms network and 4× slower
 * CPU) on the guest home and the job feed of the h5 build (issue 14). Run from the repository root
 * after `npm run build:server && npm run build:h5` (it builds nothing itself):
 *   npm run bench:lighthouse
 * Starts the app as the e2e harness does, then runs Lighthouse from npm through npx at a pinned
 * version (it is not one of the project's dependencies, so CI's install stays as it is) against
 * Debian's chromium. Prints the scores and the audits behind them per run, then a summary with the
 * medians; the reports are kept as test-results/lighthouse/<page>-<n>.report.{html,json}.
 *   BENCH_RUNS=3   runs per page (Lighthouse's scores vary from run to run; the median is reported)
 */
import { execFile } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { loadavg } from 'os';
import { join, resolve } from 'path';
import { startE2E } from '../e2e/support/harness';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'test-results/lighthouse');
const LIGHTHOUSE = 'lighthouse@12.8.2';
const CHROMIUM = '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const log = (line: string): void => console.log(`[lighthouse.bench] ${line}`);

const PAGES = [
  { name: 'home', path: '/#/pages/home/index' },
  { name: 'jobs', path: '/#/pages/jobs/index' },
];

interface Audit {
  score: number | null;
  numericValue?: number;
  displayValue?: string;
  title: string;
  details?: { items?: Array<{ node?: { snippet?: string; selector?: string } }>; overallSavingsBytes?: number };
}
interface Report {
  categories: Record<'performance' | 'accessibility', { score: number }>;
  audits: Record<string, Audit>;
}

interface Run {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
  bytes: number;
  unusedJs: number;
  failing: string[];
}

function lighthouse(url: string, stem: string): Promise<Report> {
  const args = [
    '--yes',
    LIGHTHOUSE,
    url,
    '--only-categories=performance,accessibility',
    '--output=json',
    '--output=html',
    `--output-path=${stem}`,
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --lang=zh-CN',
    '--quiet',
  ];
  return new Promise((resolvePromise, reject) => {
    execFile('npx', args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (err, _stdout, stderr) => {
      if (err) return reject(new Error(`lighthouse failed: ${err.message}\n${stderr.slice(-2000)}`));
      resolvePromise(JSON.parse(readFileSync(`${stem}.report.json`, 'utf8')) as Report);
    });
  });
}

function summarise(report: Report): Run {
  const a = report.audits;
  const value = (id: string): number => a[id]?.numericValue ?? NaN;
  // Accessibility audits that failed, with the elements they name (what to fix when the score is below 100).
  const failing = Object.entries(a)
    .filter(([, audit]) => audit.score === 0 && audit.details?.items?.some(i => i.node))
    .map(([id, audit]) => `${id}: ${(audit.details?.items ?? []).map(i => i.node?.selector ?? '?').slice(0, 4).join(' | ')}`);
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    si: value('speed-index'),
    bytes: value('total-byte-weight'),
    unusedJs: a['unused-javascript']?.details?.overallSavingsBytes ?? 0,
    failing,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const s = (msValue: number): string => `${(msValue / 1000).toFixed(1)} s`;
const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

async function main(): Promise<void> {
  for (const needed of ['server/dist/scripts/start.js', 'dist-h5/index.html']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run npm run build:server && npm run build:h5 first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (Debian: apt-get install chromium)`);
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  log(`load average at start ${loadavg().map(n => n.toFixed(2)).join(' ')}; ${LIGHTHOUSE}, ${RUNS} runs per page`);
  log('starting the app (embedded database, compiled server, demo data)…');
  const env = await startE2E();
  // The harness's own browser is not needed: Lighthouse starts its chromium for each run.
  await env.browser.close();
  const rows: string[] = [];
  try {
    for (const page of PAGES) {
      const runs: Run[] = [];
      for (let i = 1; i <= RUNS; i += 1) {
        const run = summarise(await lighthouse(`${env.baseUrl}${page.path}`, join(OUT, `${page.name}-${i}`)));
        runs.push(run);
        log(
          `${page.name} #${i}: performance ${run.performance}, accessibility ${run.accessibility}; FCP ${s(run.fcp)}, LCP ${s(run.lcp)}, ` +
            `TBT ${Math.round(run.tbt)} ms, CLS ${run.cls.toFixed(3)}, Speed Index ${s(run.si)}; ${kib(run.bytes)} transferred, ${kib(run.unusedJs)} unused JS`,
        );
        for (const line of run.failing) log(`  failing: ${line}`);
      }
      const m = (pick: (r: Run) => number): number => median(runs.map(pick));
      rows.push(
        `| ${page.name} | ${m(r => r.performance)} (${runs.map(r => r.performance).join(', ')}) | ${m(r => r.accessibility)} | ` +
          `${s(m(r => r.fcp))} | ${s(m(r => r.lcp))} | ${Math.round(m(r => r.tbt))} ms | ${m(r => r.cls).toFixed(3)} | ${s(m(r => r.si))} | ` +
          `${kib(m(r => r.bytes))} | ${kib(m(r => r.unusedJs))} |`,
      );
    }
  } finally {
    await env.close();
  }
  console.log('');
  console.log('| Page | Performance, median (runs) | Accessibility | FCP | LCP | TBT | CLS | Speed Index | Transferred | Unused JS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('');
  log(`load average at end ${loadavg().map(n => n.toFixed(2)).join(' ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s; reports in ${OUT}`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
