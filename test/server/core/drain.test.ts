import type { ChildProcess } from 'child_process';
import { request, type IncomingMessage } from 'http';
import { connect } from 'net';
import WebSocket from 'ws';
import { enterprise, publishedJob } from '../support/factories';
import { startApiProcess, startRedis } from '../support/processes';
import { createTestApp, type TestApp } from '../support/test-app';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function answerOf(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', chunk => (body += chunk));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    res.on('error', reject);
  });
}

function get(baseUrl: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(`${baseUrl}${path}`, res => answerOf(res).then(resolve, reject)).on('error', reject).end();
  });
}

/**
 * One API process on Redis stopped with SIGTERM while a request is half sent, a live viewer is in a
 * room and more viewers are still joining: every viewer (also one whose join was under way when the
 * drain began) is told to reconnect; for the grace period the process is not ready but still serves;
 * then it stops listening, a request that still arrives on
 * an open connection is turned away as not processed, the half-sent request gets its answer, and
 * the process exits cleanly on its own, well before the bound in server/bootstrap.ts
 * (DRAIN_GRACE_MS + DRAIN_TIMEOUT_MS + 10 s) would end it.
 */
describe('a stop drains the process', () => {
  let t: TestApp;
  let api: ChildProcess;
  let redis: ChildProcess;
  let baseUrl: string;
  let sessionId: string;
  let viewerToken: string;

  beforeAll(async () => {
    const dbName = `t_drain_${Date.now()}`;
    t = await createTestApp({}, { dbName });
    const host = await t.user({ roles: ['recruiter'] });
    const viewer = await t.user({ roles: ['student'] });
    viewerToken = viewer.token;
    const ent = await enterprise(t, { recruiters: [host], name: '大连停机排空测试有限公司' });
    const job = await publishedJob(t, ent);
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '排空测试直播', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    sessionId = res.body.id as string;
    const shared = await startRedis();
    redis = shared.process;
    const started = await startApiProcess({
      MONGODB_URI: process.env.TEST_MONGODB_URI!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`),
      REDIS_URL: shared.url,
      DRAIN_TIMEOUT_MS: '10000',
      DRAIN_GRACE_MS: '1500',
    });
    api = started.process;
    baseUrl = started.baseUrl;
  }, 150_000);

  afterAll(async () => {
    if (api.exitCode === null) api.kill('SIGKILL');
    redis.kill('SIGKILL');
    await t.close();
  });

  it('should close live sockets with 1012 (also those still joining), serve through the grace period, then refuse, finish the request in flight and exit 0 on its own', async () => {
    expect((await get(baseUrl, '/api/health/ready')).status).toBe(200);
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(viewerToken)}`);
    const welcomed = new Promise(resolve => socket.once('message', resolve));
    const closed = new Promise<number>(resolve => socket.once('close', code => resolve(code)));
    await welcomed;

    // A request whose body is still arriving when the stop begins.
    const body = JSON.stringify({ userId: '0123456789abcdef01234567' });
    const inFlight = new Promise<Answer>((resolve, reject) => {
      const req = request(`${baseUrl}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, res => answerOf(res).then(resolve, reject));
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // Sent in full only after the grace period (1.5 s): in flight while the listener closes.
      setTimeout(() => req.end(body.slice(10)), 2_500);
    });
    await new Promise(r => setTimeout(r, 200));
    const exited = new Promise<number | null>(resolve => api.once('exit', code => resolve(code)));
    // Viewers joining at once: the stop begins as the first handshake completes, while the others'
    // joins are still reading the database. A join that finished after the drain closed the room's
    // sockets used to stay open, and the WebSocket server's close waited for it until the bound.
    const joiners = Array.from({ length: 30 }, () => new WebSocket(`${baseUrl.replace('http', 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(viewerToken)}`));
    const joinersGone = joiners.map(j => new Promise<number | 'refused'>(resolve => {
      j.once('unexpected-response', () => resolve('refused'));
      j.once('error', () => resolve('refused'));
      j.once('close', code => resolve(code));
    }));
    await new Promise(resolve => joiners.forEach(j => j.once('open', resolve)));
    const stoppedAt = Date.now();
    api.kill('SIGTERM');
    expect(await closed).toBe(1012);

    const ready = await get(baseUrl, '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'draining' });
    expect((await get(baseUrl, '/api/health/live')).status).toBe(200);
    // A connection opened during the grace period, its request not yet begun.
    const late = connect(Number(new URL(baseUrl).port), '127.0.0.1');
    let lateAnswer = '';
    late.on('data', chunk => (lateAnswer += chunk.toString()));
    const lateDone = new Promise(resolve => late.once('close', resolve));
    late.write('GET /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect((await get(baseUrl, '/api/jobs')).status).toBe(200);

    // After the grace period the listener is closed: a new connection is refused (nginx sends it elsewhere).
    for (;;) {
      const refused = await get(baseUrl, '/api/health/live').then(() => false, (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED');
      if (refused) break;
      await new Promise(r => setTimeout(r, 50));
    }
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1_400);
    late.write('\r\n');
    await lateDone;
    expect(lateAnswer).toMatch(/^HTTP\/1\.1 503 /);
    expect(lateAnswer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(lateAnswer).toMatch(/\r\nconnection: close\r\n/i);
    expect(lateAnswer).toContain('"code":"SERVER_BUSY"');

    const answered = await inFlight;
    // Dev login is off in this process: the point is a whole answer from the application, not a cut connection.
    expect(answered.status).toBeGreaterThanOrEqual(200);
    expect(answered.status).toBeLessThan(500);
    expect(JSON.parse(answered.body)).toEqual(expect.objectContaining({ code: expect.any(String) }));
    // Well inside the bound: the in-flight request's 1.5 s, the room's close handshakes, the frameworks' stop.
    let deadline: NodeJS.Timeout | undefined;
    const exitCode = await Promise.race([exited, new Promise<string>(resolve => (deadline = setTimeout(() => resolve(`still running ${Date.now() - stoppedAt} ms after SIGTERM`), 10_000)))]);
    clearTimeout(deadline);
    expect(exitCode).toBe(0);
    expect((await Promise.all(joinersGone)).filter(code => code !== 1012 && code !== 'refused')).toEqual([]);
  }, 60_000);
});
