import { spawn, type ChildProcess } from 'child_process';
import { createServer, type AddressInfo } from 'net';
import { join } from 'path';

const ROOT = join(__dirname, '../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves with everything the child printed up to and including the marker's line. */
export function waitForLine(child: ChildProcess, marker: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within ${ms} ms:\n${out.slice(-2000)}`)), ms);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(marker) && out.slice(out.indexOf(marker)).includes('\n')) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

/** A throwaway redis-server on a free port (no persistence); kill it when done. */
export async function startRedis(): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
  await waitForLine(child, 'Ready to accept connections', 10_000);
  return { process: child, url: `redis://127.0.0.1:${port}` };
}

/** A server process (`npm start`'s app without the demo data) on its own port, with extra environment. */
export async function startApiProcess(env: Record<string, string>): Promise<{ process: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'api-process.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'),
      NODE_ENV: 'development',
      MIDWAY_SERVER_ENV: 'local',
      PORT: '0',
      LOG_LEVEL: 'warn',
      H5_DIR: '',
      PUSH_WORKER_IN_PROCESS: 'false',
      ...env,
    },
    stdio: 'pipe',
  });
  const out = await waitForLine(child, 'API_PROCESS_READY', 110_000);
  const port = Number(/API_PROCESS_READY port=(\d+)/.exec(out)?.[1]);
  if (!(port > 0)) throw new Error(`no port in:\n${out.slice(-2000)}`);
  return { process: child, baseUrl: `http://127.0.0.1:${port}` };
}

/** Two API processes on one test database (also open in `t` for fixtures) and one throwaway Redis. */
export interface ApiPair {
  a: string;
  b: string;
  close(): void;
}

export async function startApiPairOnRedis(dbName: string, env: Record<string, string> = {}): Promise<ApiPair> {
  const redis = await startRedis();
  const shared = { MONGODB_URI: process.env.TEST_MONGODB_URI!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`), REDIS_URL: redis.url, ...env };
  const started = await Promise.allSettled([startApiProcess(shared), startApiProcess(shared)]);
  const children = started.flatMap(s => (s.status === 'fulfilled' ? [s.value.process] : []));
  const close = () => {
    for (const c of children) c.kill('SIGKILL');
    redis.process.kill('SIGKILL');
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    close();
    throw failed.reason;
  }
  const [a, b] = started.map(s => (s as PromiseFulfilledResult<{ baseUrl: string }>).value.baseUrl);
  return { a, b, close };
}
