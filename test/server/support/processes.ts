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
