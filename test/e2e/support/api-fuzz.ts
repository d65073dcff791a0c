import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { ROLES, type Role } from '../../../server/src/contract/roles';
import type { DevUser, LoginResult } from '../../../server/src/contract/auth';
import { RATE_LIMITED_ACTIONS, rateLimitEnvName } from '../../../server/src/core/rate-limit';
import { startDatabase } from '../../../server/scripts/embedded-mongo';
import { freePort } from './harness';

const ROOT = resolve(__dirname, '../../..');
export const FUZZ_ARTIFACTS = join(ROOT, 'test-results/api-fuzz');

/** The checks of issue #13 (set in test/support/schemathesis/schemathesis.toml): no 500s, only documented statuses, bodies as documented, valid requests accepted. */
export const FUZZ_CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance', 'positive_data_acceptance'];

/**
 * Ending the caller's session (logout) or account (deletion) would turn the rest of that caller's run
 * into 401s; these are fuzzed anonymously only, where they can answer nothing but 401.
 */
const SIGNED_IN_EXCLUDED_PATHS = ['/api/auth/logout', '/api/me/deletion'];

export interface FuzzOptions {
  /** Test cases per operation and mode (schemathesis --max-examples). */
  maxExamples: number;
  /** schemathesis processes side by side (one caller each). */
  workers: number;
  /** schemathesis phases; coverage (every boundary of every constraint) is thorough and slow. */
  phases: Array<'examples' | 'coverage' | 'fuzzing'>;
  seed?: number;
  /** Only these callers (default: anonymous and every role). */
  callers?: Array<Role | 'anonymous'>;
  log?: (line: string) => void;
}

export interface CallerRun {
  caller: Role | 'anonymous';
  exitCode: number;
  seconds: number;
  /** The line schemathesis ends with, e.g. "== 412 passed in 20.3s ==". */
  summary: string;
  /** Requests generated and sent. */
  testCases: number;
  output: string;
}

export interface FuzzResult {
  operations: number;
  runs: CallerRun[];
  seconds: number;
}

type ApiDocument = { paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, unknown> } }>> };

/**
 * test/support/schemathesis/schemathesis.toml, plus one entry per upload: the server judges a file by
 * its bytes (a real PDF, PNG, JPEG, MP4 or workbook), which no schema can say, so a made-up file
 * being refused (422 FILE_TYPE_INVALID) is not a valid request rejected. Every other check runs there.
 */
export function runConfig(document: ApiDocument): string {
  const base = readFileSync(join(ROOT, 'test/support/schemathesis/schemathesis.toml'), 'utf8');
  const uploads = Object.values(document.paths)
    .flatMap(ops => Object.values(ops))
    .filter(op => op.requestBody?.content['multipart/form-data'])
    .map(op => `\n[[operations]]\ninclude-operation-id = "${op.operationId}"\nchecks.positive_data_acceptance.enabled = false\n`);
  return base + uploads.join('');
}

interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** `npm start`'s server (demo data, demo login) on a memory database, with every rate limit raised for the run. */
export async function startFuzzServer(log: (line: string) => void): Promise<RunningServer> {
  const db = await startDatabase({ backend: 'memory' });
  const port = await freePort();
  const limits = Object.fromEntries(
    RATE_LIMITED_ACTIONS.flatMap(action => (['ip', 'user'] as const).map(kind => [rateLimitEnvName(action, kind), '1000000/1'])),
  );
  let output = '';
  const server: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'server/scripts/start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...limits,
      TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'),
      MONGODB_URI: db.uri.replace(/\/[^/?]*(\?|$)/, `/fuzz_${port}$1`),
      PORT: String(port),
      MIDWAY_SERVER_ENV: 'local',
      NODE_ENV: 'local',
      DEV_LOGIN: 'true',
      H5_DIR: '',
      LIVE_MEDIA_SERVER: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', chunk => (output += chunk));
  server.stderr?.on('data', chunk => (output += chunk));
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise(r => server.once('exit', r));
    }
    await db.stop();
  };
  const deadline = Date.now() + 150_000;
  while (!output.includes('[start] ready in')) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not start:\n${output.slice(-3000)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  log(`server on port ${port}`);
  return { baseUrl: `http://127.0.0.1:${port}`, stop };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One demo account per role (the first listed holding it), signed in. */
async function roleTokens(baseUrl: string): Promise<Array<{ role: Role; token: string }>> {
  const users = await json<DevUser[]>(`${baseUrl}/api/auth/dev-users`);
  const out: Array<{ role: Role; token: string }> = [];
  for (const role of ROLES) {
    const user = users.find(u => u.roles.includes(role));
    if (!user) throw new Error(`no demo account holds the role ${role}`);
    const login = await json<LoginResult>(`${baseUrl}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    });
    out.push({ role, token: login.accessToken });
  }
  return out;
}

function schemathesis(): string {
  const out = execFileSync('bash', [join(ROOT, 'test/support/ensure-schemathesis.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop() ?? '';
}

function runSchemathesis(bin: string, args: string[]): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolveRun, reject) => {
    let output = '';
    const child = spawn(bin, args, {
      // schemathesis keeps its example database in the working directory: the reports' folder, not the repository.
      cwd: FUZZ_ARTIFACTS,
      env: { ...process.env, SCHEMATHESIS_HOOKS: 'hooks', PYTHONPATH: join(ROOT, 'test/support/schemathesis'), NO_COLOR: '1', COLUMNS: '160' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.once('error', reject);
    child.once('exit', code => resolveRun({ exitCode: code ?? 1, output }));
  });
}

/**
 * Starts the server, takes its API document, and runs schemathesis over every operation: once
 * without a token and once with a demo token of each role. Reports land in test-results/api-fuzz/.
 */
export async function fuzzApi(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const bin = schemathesis();
  mkdirSync(FUZZ_ARTIFACTS, { recursive: true });
  const server = await startFuzzServer(log);
  try {
    const document = await json<ApiDocument>(`${server.baseUrl}/api/docs/index.json`);
    const documentPath = join(FUZZ_ARTIFACTS, 'openapi.json');
    writeFileSync(documentPath, JSON.stringify(document, null, 2));
    const configPath = join(FUZZ_ARTIFACTS, 'schemathesis.toml');
    writeFileSync(configPath, runConfig(document));
    const operations = Object.values(document.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const callers: Array<{ caller: CallerRun['caller']; token?: string }> = [
      { caller: 'anonymous' },
      ...(await roleTokens(server.baseUrl)).map(({ role, token }) => ({ caller: role, token })),
    ];
    const selected = callers.filter(c => !options.callers || options.callers.includes(c.caller));
    const runOne = async ({ caller, token }: (typeof callers)[number]): Promise<CallerRun> => {
      const runStarted = Date.now();
      const args = [
        '--config-file',
        configPath,
        'run',
        documentPath,
        '--url',
        server.baseUrl,
        '--phases',
        options.phases.join(','),
        '--mode',
        'all',
        '--max-examples',
        String(options.maxExamples),
        // One worker per process: CPython 3.11 before 3.11.8 can fail parsing in threads ("AST constructor
        // recursion depth mismatch" inside Hypothesis); callers run side by side as processes instead.
        '--workers',
        '1',
        '--no-shrink',
        '--suppress-health-check',
        'all',
        '--request-timeout',
        '20',
        '--report',
        'junit',
        '--report-junit-path',
        join(FUZZ_ARTIFACTS, `${caller}.junit.xml`),
        ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
        ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
        ...(token ? SIGNED_IN_EXCLUDED_PATHS.flatMap(path => ['--exclude-path', path]) : []),
      ];
      const { exitCode, output } = await runSchemathesis(bin, args);
      writeFileSync(join(FUZZ_ARTIFACTS, `${caller}.log`), output);
      const summary = output.trim().split('\n').filter(line => /passed|failed|error/i.test(line)).pop() ?? '';
      const seconds = (Date.now() - runStarted) / 1000;
      log(`${caller}: exit ${exitCode} in ${seconds.toFixed(1)} s: ${summary.trim()}`);
      return { caller, exitCode, seconds, summary, output, testCases: Number(/(\d+) generated/.exec(output)?.[1] ?? 0) };
    };
    const queue = [...selected];
    const runs: CallerRun[] = [];
    await Promise.all(
      Array.from({ length: Math.max(1, options.workers) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) runs.push(await runOne(next));
      }),
    );
    return { operations, runs, seconds: (Date.now() - started) / 1000 };
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 5);
  const callers = process.env.FUZZ_CALLERS ? (process.env.FUZZ_CALLERS.split(',') as Array<Role | 'anonymous'>) : undefined;
  const phases = (process.env.FUZZ_PHASES ?? 'examples,fuzzing').split(',') as FuzzOptions['phases'];
  fuzzApi({ maxExamples, callers, phases, workers: Number(process.env.FUZZ_WORKERS ?? 2), log: line => console.log(`[fuzz] ${line}`) })
    .then(result => {
      console.log(`[fuzz] ${result.operations} operations, ${result.runs.length} callers, ${result.seconds.toFixed(1)} s`);
      process.exit(result.runs.every(r => r.exitCode === 0) ? 0 : 1);
    })
    .catch(err => {
      console.error(err);
      process.exit(1);
    });
}
