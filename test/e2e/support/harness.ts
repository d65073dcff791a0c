import { spawn, type ChildProcess } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join, resolve } from 'path';
import mongoose from 'mongoose';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LoginResult } from '../../../server/src/contract/auth';
import type { InterviewInvitation } from '../../../server/src/contract/job';
import type { ProgramWithEligibility } from '../../../server/src/contract/subsidy';
import { beijingAt } from '../../../server/src/contract/time';
import { startDatabase, type RunningDatabase } from '../../../server/scripts/embedded-mongo';

const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'test-results/e2e');
const FAILURES = join(ARTIFACTS, 'failures');

/** What a page went through lately, kept for the report of a failing test. */
interface PageTrail {
  page: Page;
  lines: string[];
}

const TRAIL_LENGTH = 60;

function follow(page: Page): PageTrail {
  const trail: PageTrail = { page, lines: [] };
  const note = (line: string) => {
    trail.lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (trail.lines.length > TRAIL_LENGTH) trail.lines.shift();
  };
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) note(`at ${frame.url()}`);
  });
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') note(`console.${message.type()}: ${message.text().slice(0, 300)}`);
  });
  page.on('pageerror', error => note(`page error: ${error.message.slice(0, 300)}`));
  page.on('requestfailed', request => note(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', response => {
    if (response.status() >= 400) note(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return trail;
}

/**
 * Called by the e2e jest environment when a test fails: a screenshot of every page still open and
 * what each went through lately, in test-results/e2e/failures and on stderr.
 */
async function keepFailure(name: string, trails: PageTrail[]): Promise<void> {
  mkdirSync(FAILURES, { recursive: true });
  const stem = name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  const report: string[] = [`[e2e] failed: ${name}`];
  for (const [index, trail] of trails.entries()) {
    if (trail.page.isClosed()) continue;
    const file = join(FAILURES, `${stem}-page${index}.png`);
    await trail.page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => undefined);
    report.push(`page ${index} at ${trail.page.url()} (screenshot ${file})`, ...trail.lines.map(line => `  ${line}`));
  }
  writeFileSync(join(FAILURES, `${stem}.log`), `${report.join('\n')}\n`);
  process.stderr.write(`${report.join('\n')}\n`);
}

export interface E2EEnv {
  baseUrl: string;
  /** The server's database, for a test that needs a record no demo account has (e.g. staff of another district). */
  databaseUri: string;
  browser: Browser;
  /** A fresh page (own context); phone-sized unless a viewport is given. */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** Calls the API directly; throws with the error body on non-2xx. */
  api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  /** Demo-account login through the API; returns the login result. */
  devLogin(devAccount: string): Promise<LoginResult>;
  /** Puts a demo account's session into the page's storage, the way the app keeps it. */
  signIn(page: Page, devAccount: string): Promise<LoginResult>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Extra environment for the server process (e.g. WeChat settings pointing at a fake). */
  env?: Record<string, string>;
}

/** A port free right now on 127.0.0.1 (e.g. for the media server's RTMP and HTTP-FLV ports). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForReady(server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output()}`);
    // Health answers while start.js is still writing the demo data; its "ready" line comes after all of it.
    if (output().includes('[start] ready in')) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`server was not ready with its demo data in 120 s:\n${output()}`);
}

/**
 * The real thing, as `npm start` runs it (compiled server, h5 build, demo data)
 * on a memory database and a free port, plus Debian's chromium.
 * Needs `npm run build:server` and `npm run build:h5` first (npm test does both).
 */
export async function startE2E(options: E2EOptions = {}): Promise<E2EEnv> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const db: RunningDatabase = await startDatabase({ backend: 'memory' });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseUri = db.uri.replace(/\/[^/?]*(\?|$)/, `/e2e_${port}$1`);
  let output = '';
  const server = spawn(process.execPath, [join(ROOT, 'server/dist/scripts/start.js')], {
    env: {
      ...process.env,
      // The generated city (thousands of registry rows) only where a suite asks for it: starts stay quick.
      DEMO_CITY: 'off',
      // No balancer to wait for: a suite's stop drains at once (the cluster suite and the drain tests keep the grace).
      DRAIN_GRACE_MS: '0',
      ...options.env,
      MONGODB_URI: databaseUri,
      PORT: String(port),
      MIDWAY_SERVER_ENV: 'local',
      NODE_ENV: 'local',
      DEV_LOGIN: 'true',
      H5_DIR: join(ROOT, 'dist-h5'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', chunk => (output += chunk));
  server.stderr?.on('data', chunk => (output += chunk));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await waitForReady(server, () => output);
  } catch (err) {
    await browser.close();
    server.kill('SIGKILL');
    await db.stop();
    throw err;
  }

  const devUsers = new Map<string, string>();
  const trails: PageTrail[] = [];
  (globalThis as { __e2eKeepFailure?: (name: string) => Promise<void> }).__e2eKeepFailure = name => keepFailure(name, trails);
  const env: E2EEnv = {
    baseUrl,
    databaseUri,
    browser,
    async page(viewport = { width: 390, height: 844 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      trails.push(follow(page));
      return page;
    },
    async api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async devLogin(devAccount: string) {
      if (devUsers.size === 0) {
        const list = await env.api<Array<{ id: string; nickname: string; description: string }>>('GET', '/api/auth/dev-users');
        // Demo accounts are listed in devAccount order; the seed names them a-… to g-….
        const accounts = ['a-student-new', 'b-student-dlut', 'c-recruiter', 'c2-recruiter-new', 'd-college', 'e-district', 'f-bureau', 'g-admin'];
        list.forEach((u, i) => devUsers.set(accounts[i] ?? u.id, u.id));
      }
      const userId = devUsers.get(devAccount);
      if (!userId) throw new Error(`unknown demo account ${devAccount}`);
      return env.api<LoginResult>('POST', '/api/auth/dev-login', { userId });
    },
    async signIn(page: Page, devAccount: string) {
      const login = await env.devLogin(devAccount);
      if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
      await page.evaluate(session => {
        localStorage.setItem('ll.v1.session', JSON.stringify({ data: session }));
      }, {
        userId: login.userId,
        roles: login.roles,
        accessToken: login.accessToken,
        refreshToken: login.refreshToken,
        accessExpiresAt: Date.now() + login.expiresIn * 1000,
      });
      // The app reads who is signed in once and keeps it: had it read before the line above (it
      // loads while the test writes), it would stay a guest. Starting it again makes it read this.
      await page.reload();
      return login;
    },
    async screenshot(page: Page, name: string) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise(r => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      await db.stop();
    },
  };
  return env;
}

/** Polls `read` until it returns something `accept`s, or fails with the last value seen. */
/** An interview invitation for two days from now at 10:00 Beijing time, on site. */
export function interviewInvitation(): InterviewInvitation {
  return {
    startsAt: beijingAt(new Date(), 2, 10).toISOString(),
    mode: 'onsite',
    location: '高新区软件园 9 号楼 302 会议室',
    contactName: '李老师',
    contactPhone: '0411-84751234',
    message: '请携带身份证和纸质简历',
  };
}

/** 生成批次 as the page does it: the preview, then the confirmation with its key; then its 公示 run to the end (ready to pay). */
export async function generatedBatch<T extends { id: string }>(env: Pick<E2EEnv, 'api' | 'databaseUri'>, token: string, programId?: string): Promise<T> {
  const body = programId ? { programId } : {};
  const preview = await env.api<{ previewKey: string }>('POST', '/api/staff/subsidy/batches/preview', body, token);
  const batch = await env.api<T>('POST', '/api/staff/subsidy/batches', { ...body, previewKey: preview.previewKey }, token);
  await env.api('POST', `/api/staff/subsidy/batches/${batch.id}/publicity`, undefined, token);
  await endNotice(env, batch.id);
  return batch;
}

/** The batch's 公示 period over, as if its working days had passed (written straight into the server's database). */
export async function endNotice(env: Pick<E2EEnv, 'databaseUri'>, batchId: string): Promise<void> {
  const conn = await mongoose.createConnection(env.databaseUri).asPromise();
  try {
    await conn.collection('subsidy_batches').updateOne({ _id: new mongoose.Types.ObjectId(batchId) }, { $set: { 'publicity.endsAt': new Date(Date.now() - 1000) } });
  } finally {
    await conn.close();
  }
}

/** A demo subsidy program as the signed-in graduate sees it (the demo seeds in the background: waits up to a minute). */
export async function demoProgram(env: Pick<E2EEnv, 'api'>, token: string, name = '高校毕业生住房补贴'): Promise<ProgramWithEligibility> {
  const programs = await eventually(
    () => env.api<ProgramWithEligibility[]>('GET', '/api/subsidy/programs', undefined, token),
    list => list.some(p => p.program.name === name),
    60_000,
  );
  const found = programs.find(p => p.program.name === name);
  if (!found) throw new Error(`demo program missing: ${name}`);
  return found;
}

/** A 1×1 PNG: the scan every material of a made-up application carries. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The housing-subsidy form of a graduate employed in 甘井子区, 6 months insured; `idNumber` and `bankAccount` are the caller's. */
export function housingForm(idNumber: string, bankAccount = '6222021234567890128'): Record<string, unknown> {
  return {
    idNumber,
    graduationDate: '2026-06-30',
    employmentDistrict: '210211',
    employerName: '大连示例软件有限公司',
    socialInsuranceMonths: 6,
    bankName: '中国工商银行大连分行',
    bankAccount,
  };
}

/**
 * A graduate's housing-subsidy application made through the API as the form makes it (the subsidy consent, the
 * draft, every required material, the submission), for journeys about what comes after; its id.
 */
export async function submitHousingApplication(env: Pick<E2EEnv, 'api' | 'baseUrl'>, token: string, form: Record<string, unknown>): Promise<string> {
  const housing = await demoProgram(env, token);
  // The ID number and bank account are sent only after the separate subsidy consent (the form's consent sheet).
  await env.api('POST', '/api/me/consents', { purpose: 'subsidy', version: 1 }, token);
  const draft = await env.api<{ id: string }>('POST', '/api/subsidy/applications', { programId: housing.program.id, form, submit: false }, token);
  for (const kind of housing.program.requiredDocuments) {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), `${kind}.png`);
    const res = await fetch(`${env.baseUrl}/api/subsidy/applications/${draft.id}/documents?kind=${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    if (!res.ok) throw new Error(`material ${kind} → ${res.status} ${await res.text()}`);
  }
  await env.api('POST', '/api/subsidy/applications', { programId: housing.program.id, form: {}, submit: true, consent: true }, token);
  return draft.id;
}

/** Fills the housing-subsidy form on the open apply page (employed in 甘井子区, 6 months insured) and saves the draft. */
export async function fillHousingForm(page: Page, idNumber: string): Promise<void> {
  await page.fill('#subsidy-idNumber input', idNumber);
  await page.fill('#subsidy-graduationDate input', '2026-06-30');
  await page.click('#subsidy-employmentDistrict');
  await page.click('#subsidy-employmentDistrict-option-210211');
  await page.fill('#subsidy-employerName input', '大连示例软件有限公司');
  await page.fill('#subsidy-socialInsuranceMonths input', '6');
  await page.fill('#subsidy-bankName input', '中国工商银行大连分行');
  await page.fill('#subsidy-bankAccount input', '6222021234567890128');
  await page.click('#subsidy-save');
  await page.getByText('已填写：').first().waitFor();
}

export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise(r => setTimeout(r, 200));
    last = await read();
  }
  return last;
}
