import { spawn } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '../../..');

function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise(resolve => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'server/bootstrap.ts')],
      {
        cwd: join(ROOT, 'server'),
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', code => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production start-up', () => {
  it('should refuse to start with development secrets and name what is missing', async () => {
    const { code, output } = await runServer({
      NODE_ENV: 'production',
      MIDWAY_SERVER_ENV: 'prod',
      MONGODB_URI: process.env.TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:1/none',
      PORT: '0',
      AUTH_TOKEN_SECRET: '',
      PII_ENCRYPTION_KEY: '',
      PII_HASH_KEY: '',
      APP_KEYS: '',
      DEV_LOGIN: 'true',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('Refusing to start in production');
    expect(output).toContain('AUTH_TOKEN_SECRET');
    expect(output).toContain('PII_ENCRYPTION_KEY');
  }, 90_000);
});
