import type { ChildProcess } from 'child_process';
import { ObjectId } from 'mongodb';
import type { Role } from '../../../server/src/contract/roles';
import { signAccessToken } from '../../../server/src/core/tokens';

/** What the benchmarks share about the service process they start. */

/** Resolves once `url` answers 2xx (the process is listening and its database ready). */
export async function waitForHealthy(url: string, timeoutMs = 180_000, everyMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not answer in ${Math.round(timeoutMs / 1000)} s`);
}

/** An access token the bench's server (started with AUTH_TOKEN_SECRET=secret) accepts for three hours. */
export function benchToken(secret: string, id: string | ObjectId, roles: string[], scope: Record<string, string> = {}): string {
  const sub = typeof id === 'string' ? id : id.toHexString();
  return signAccessToken({ sub, sid: new ObjectId().toHexString(), roles: roles as Role[], scope }, secret, 3 * 3600, Math.floor(Date.now() / 1000));
}

/** Stops the server with SIGTERM (it drains) and waits for it to exit. */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise(r => server.once('exit', r));
  }
}
