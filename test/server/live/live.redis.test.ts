import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import WebSocket from 'ws';
import type { LiveServerEvent } from '../../../server/src/contract/live';
import { enterprise, publishedJob } from '../support/factories';
import { startRedis, waitForLine } from '../support/processes';
import { createTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '../../..');

function connect(port: number, sessionId: string, token: string): Promise<{ socket: WebSocket; events: LiveServerEvent[] }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(token)}`);
  const events: LiveServerEvent[] = [];
  socket.on('message', data => events.push(JSON.parse(data.toString()) as LiveServerEvent));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, events }));
    socket.once('error', reject);
  });
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('live room across two server processes with Redis', () => {
  let t: TestApp;
  let redis: ChildProcess;
  const children: ChildProcess[] = [];
  const sockets: WebSocket[] = [];
  const ports: number[] = [];
  let sessionId: string;
  let hostToken: string;
  let studentToken: string;

  beforeAll(async () => {
    const dbName = `t_live_redis_${Date.now()}`;
    t = await createTestApp({}, { dbName });
    const host = await t.user({ roles: ['recruiter'] });
    const student = await t.user({ roles: ['student'] });
    hostToken = host.token;
    studentToken = student.token;
    const ent = await enterprise(t, { recruiters: [host], district: 'hitech', name: '大连多进程测试有限公司' });
    const job = await publishedJob(t, ent, { title: '多进程岗位', salaryMin: 6000, salaryMax: 8000 });
    const res = await t.http().post('/api/live/sessions').set('Authorization', host.auth)
      .send({ title: '多进程直播测试', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] });
    sessionId = res.body.id as string;

    const started = await startRedis();
    redis = started.process;

    const mongoUri = process.env.TEST_MONGODB_URI!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
    for (let i = 0; i < 2; i += 1) {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/room-process.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'),
          NODE_ENV: 'development',
          MIDWAY_SERVER_ENV: 'local',
          MONGODB_URI: mongoUri,
          PORT: '0',
          REDIS_URL: started.url,
          LOG_LEVEL: 'warn',
          H5_DIR: '',
        },
        stdio: 'pipe',
      });
      children.push(child);
    }
    const ready = await Promise.all(children.map(c => waitForLine(c, 'ROOM_PROCESS_READY', 110_000)));
    for (const out of ready) {
      const port = Number(/ROOM_PROCESS_READY port=(\d+)/.exec(out)?.[1]);
      expect(port).toBeGreaterThan(0);
      ports.push(port);
    }
  }, 150_000);

  afterAll(async () => {
    for (const s of sockets) s.terminate();
    for (const c of children) c.kill('SIGKILL');
    redis?.kill('SIGKILL');
    await t.close();
  });

  it('should deliver a message sent on one process to viewers on both', async () => {
    const host = await connect(ports[0], sessionId, hostToken);
    const viewer = await connect(ports[1], sessionId, studentToken);
    sockets.push(host.socket, viewer.socket);
    await until(() => viewer.events.some(e => e.type === 'welcome'), 5000);
    // The host's console is in the room but not a viewer.
    await until(() => host.events.some(e => e.type === 'viewers' && e.count === 1), 5000);

    host.socket.send(JSON.stringify({ type: 'chat', text: '两个进程都能看到吗？' }));
    const got = (events: LiveServerEvent[]) => events.some(e => e.type === 'message' && e.message.text === '两个进程都能看到吗？');
    await until(() => got(viewer.events) && got(host.events), 5000);

    viewer.socket.send(JSON.stringify({ type: 'like' }));
    await until(() => host.events.some(e => e.type === 'likes' && e.count === 1), 5000);
  }, 30_000);
});
