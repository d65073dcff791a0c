import { existsSync, readdirSync, statSync } from 'fs';
import { request as httpRequest } from 'http';
import { join, resolve } from 'path';
import WebSocket from 'ws';
import type { LiveServerEvent } from '../../server/src/contract/live';
import { UserModel } from '../../server/src/modules/user/user.model';
import { enterprise, publishedJob, year } from '../server/support/factories';
import { createTestApp, type TestApp } from '../server/support/test-app';
import { POLICY_TEMPLATE, startCluster, type Cluster } from './support/cluster';

/** What docs/deploy.md promises: a change reaches every process's cache (feed, logout) within this. */
const CHANGE_BOUND_MS = 1_000;
const PUSH_STUDENTS = 300;
const ROOT = resolve(__dirname, '../..');

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A request from another loopback address (127.0.0.x), so nginx sees a client that is not itself. */
function callFrom(localAddress: string, url: string, body: unknown, token: string, forwardedFor: string): Promise<{ status: number; code?: string }> {
  const data = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = httpRequest(url, {
      method: 'POST',
      localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
    }, res => {
      let text = '';
      res.on('data', c => (text += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, code: text ? (JSON.parse(text) as { code?: string }).code : undefined }));
    });
    req.on('error', fail);
    req.end(data);
  });
}

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise(r => setTimeout(r, 20));
  }
  return Date.now() - started;
}

interface Viewer {
  socket: WebSocket;
  events: LiveServerEvent[];
  closeCode: Promise<number>;
}

function enterRoom(base: string, sessionId: string, token: string): Promise<Viewer> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/live/ws?session=${sessionId}&token=${encodeURIComponent(token)}`);
  const events: LiveServerEvent[] = [];
  socket.on('message', data => events.push(JSON.parse(data.toString()) as LiveServerEvent));
  const closeCode = new Promise<number>(r => socket.once('close', code => r(code)));
  return new Promise((done, fail) => {
    socket.once('error', fail);
    const wait = (): void => {
      if (events.some(e => e.type === 'welcome')) done({ socket, events, closeCode });
      else setTimeout(wait, 20);
    };
    socket.once('open', wait);
  });
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 20));
  }
}

/**
 * docs/deploy.md's topology on this machine, driven through Debian's nginx with the site file an
 * operator installs (deploy/nginx/liulian.conf): two API processes without sticky sessions, one
 * push worker, Redis and the embedded database.
 */
describe('the city deployment: nginx in front of two API processes, a push worker, Redis and the database', () => {
  let c: Cluster;
  let t: TestApp;
  let ports: string[];
  /** Which process (127.0.0.1:port) answered the request with this X-Request-Id, from nginx's log. */
  const servedBy = async (answer: Answer): Promise<string> => {
    const id = answer.headers.get('x-request-id');
    let line = c.edgeLog().find(l => l.requestId === id);
    for (let i = 0; !line && i < 50; i += 1) {
      await new Promise(r => setTimeout(r, 20));
      line = c.edgeLog().find(l => l.requestId === id);
    }
    if (!line) throw new Error(`no nginx log line for request ${id}`);
    return line.upstreams[line.upstreams.length - 1];
  };
  const devUser = async (name: string, roles: Array<'student' | 'bureau'> = ['student']): Promise<string> =>
    (await t.db.model(UserModel).create({ devAccount: name, nickname: name, roles, scope: {} }))._id.toHexString();

  beforeAll(async () => {
    const dbName = `cluster_${Date.now()}`;
    c = await startCluster({
      dbName,
      env: {
        RATE_LIMIT_DEMO_LOGIN_USER: '4/60',
        RATE_LIMIT_REPORT_IP: '3/3600',
        PUSH_RATE_PER_SECOND: '100',
        PUSH_POLL_MS: '200',
      },
    });
    ports = c.apis.map(a => `127.0.0.1:${a.port}`);
    process.env.TEST_MONGODB_URI = c.db.uri;
    t = await createTestApp({ push: { inProcess: false } }, { dbName, keepDatabase: true });
  }, 150_000);

  afterAll(async () => {
    await t?.close();
    await c?.close();
  });

  it('should serve the h5 build compressed and cacheable from nginx, and the API from both processes', async () => {
    const jsDir = join(ROOT, 'dist-h5/js');
    const biggest = readdirSync(jsDir).filter(f => f.endsWith('.js') && existsSync(join(jsDir, `${f}.br`))).sort((a, b) => statSync(join(jsDir, b)).size - statSync(join(jsDir, a)).size)[0];
    // The build's precompressed copies (config/precompress.js), as nginx's brotli_static / gzip_static send them.
    for (const encoding of ['br', 'gzip']) {
      const asset = await fetch(`${c.base}/js/${biggest}`, { headers: { 'accept-encoding': encoding } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('vary')).toMatch(/Accept-Encoding/i);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Number(asset.headers.get('content-length'))).toBe(statSync(join(jsDir, `${biggest}.${encoding === 'br' ? 'br' : 'gz'}`)).size);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    const index = await fetch(`${c.base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<div id="app"');

    const seen = new Set<string>();
    for (let i = 0; i < 6; i += 1) seen.add(await servedBy(await call(c.base, 'GET', '/api/reference')));
    expect([...seen].sort()).toEqual([...ports].sort());
  });

  it('should keep a session signed in on one process when the next request lands on the other', async () => {
    const userId = await devUser('cluster-login');
    const login = await call(c.base, 'POST', '/api/auth/dev-login', { userId });
    expect(login.status).toBe(200);
    const first = await servedBy(login);
    let other: Answer | undefined;
    for (let i = 0; i < 6 && !other; i += 1) {
      const me = await call(c.base, 'GET', '/api/me', undefined, login.body.accessToken as string);
      expect(me.status).toBe(200);
      if ((await servedBy(me)) !== first) other = me;
    }
    expect(other?.body).toEqual(expect.objectContaining({ id: userId }));
  });

  it('should reach every viewer of a live room split across both processes: chat, pinned job, likes and moderation', async () => {
    const host = await t.user({ roles: ['recruiter'] });
    const ent = await enterprise(t, { recruiters: [host], name: '大连集群测试科技有限公司' });
    const job = await publishedJob(t, ent, { title: '集群直播岗位' });
    const created = await call(c.base, 'POST', '/api/live/sessions', { title: '集群直播测试', startAt: new Date(Date.now() + 3_600_000).toISOString(), jobIds: [job.toHexString()] }, host.token);
    expect(created.status).toBe(200);
    const sessionId = created.body.id as string;
    const students = await Promise.all([1, 2, 3].map(() => t.user({ roles: ['student'] })));
    const hostSocket = await enterRoom(c.base, sessionId, host.token);
    const viewers = [];
    for (const s of students) viewers.push(await enterRoom(c.base, sessionId, s.token));
    const everyone = [hostSocket, ...viewers];
    const all = (match: (e: LiveServerEvent) => boolean, who = everyone) => until(() => who.every(v => v.events.some(match)));

    viewers[0].socket.send(JSON.stringify({ type: 'chat', text: '两台进程上的同学都能看到吗？' }));
    await all(e => e.type === 'message' && e.message.text === '两台进程上的同学都能看到吗？');
    hostSocket.socket.send(JSON.stringify({ type: 'pin', jobId: job.toHexString() }));
    await all(e => e.type === 'pinned' && e.job?.title === '集群直播岗位');
    viewers[1].socket.send(JSON.stringify({ type: 'like' }));
    await all(e => e.type === 'likes' && e.count === 1);
    hostSocket.socket.send(JSON.stringify({ type: 'mute', userId: students[2].doc._id.toHexString() }));
    await all(e => e.type === 'muted' && e.userId === students[2].doc._id.toHexString());
    hostSocket.socket.send(JSON.stringify({ type: 'remove', userId: students[0].doc._id.toHexString() }));
    expect(await viewers[0].closeCode).toBe(4403);
    await all(e => e.type === 'removed' && e.userId === students[0].doc._id.toHexString(), [hostSocket, viewers[1], viewers[2]]);

    for (const v of everyone) v.socket.close(1000);
    await Promise.all(everyone.map(v => v.closeCode));
    // nginx logs a WebSocket when it ends: the room's sockets were served by both processes.
    await until(() => c.edgeLog().filter(l => l.request.includes('/api/live/ws')).length >= everyone.length);
    const rooms = new Set(c.edgeLog().filter(l => l.request.includes('/api/live/ws')).map(l => l.upstreams[l.upstreams.length - 1]));
    expect([...rooms].sort()).toEqual([...ports].sort());
  });

  it(`should drop a job taken down through one process from both processes' cached feed within ${CHANGE_BOUND_MS} ms`, async () => {
    const ent = await enterprise(t, { district: '210213' });
    const kept = (await publishedJob(t, ent, { district: '210213' })).toHexString();
    const gone = (await publishedJob(t, ent, { district: '210213' })).toHexString();
    const feed = async (base: string) => {
      const res = await call(base, 'GET', '/api/jobs?district=210213&limit=10');
      return { ids: (res.body.items as Array<{ id: string }>).map(j => j.id), cache: res.headers.get('x-feed-cache') };
    };
    // Both processes hold the page in their caches (the second read is answered from the cached bytes).
    for (const api of c.apis) {
      await feed(api.url);
      expect(await feed(api.url)).toEqual({ ids: expect.arrayContaining([kept, gone]), cache: 'hit' });
    }
    const bureau = await t.user({ roles: ['bureau'] });
    const down = await call(c.base, 'POST', `/api/staff/jobs/${gone}/take-down`, { reason: '岗位信息不实' }, bureau.token);
    expect(down.status).toBe(200);
    const took = await within(5_000, async () => {
      const pages = await Promise.all([c.base, ...c.apis.map(a => a.url)].map(feed));
      return pages.every(p => !p.ids.includes(gone));
    });
    expect(took).toBeLessThan(CHANGE_BOUND_MS);
    expect((await feed(c.base)).ids).toEqual([kept]);
  });

  it('should hold a logout and a rate limit on both processes', async () => {
    const userId = await devUser('cluster-logout');
    const login = await call(c.base, 'POST', '/api/auth/dev-login', { userId });
    const token = login.body.accessToken as string;
    for (const api of c.apis) expect((await call(api.url, 'GET', '/api/me', undefined, token)).status).toBe(200);
    expect((await call(c.base, 'POST', '/api/auth/logout', undefined, token)).status).toBe(204);
    const took = await within(5_000, async () => {
      const answers = await Promise.all(c.apis.map(api => call(api.url, 'GET', '/api/me', undefined, token)));
      return answers.every(a => a.status === 401);
    });
    expect(took).toBeLessThan(CHANGE_BOUND_MS);

    // Four demo logins per account a minute, counted together wherever nginx sends them.
    const where = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const again = await call(c.base, 'POST', '/api/auth/dev-login', { userId });
      expect(again.status).toBe(200);
      where.add(await servedBy(again));
    }
    expect(where.size).toBe(2);
    for (const api of c.apis) {
      const refused = await call(api.url, 'POST', '/api/auth/dev-login', { userId });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
    }
  });

  it('should count per-address limits by the address nginx saw, not by what the client wrote', async () => {
    const ent = await enterprise(t, { district: '210214' });
    const job = (await publishedJob(t, ent, { district: '210214' })).toHexString();
    const students = await Promise.all([1, 2, 3, 4, 5].map(() => t.user({ roles: ['student'] })));
    const report = (from: string, i: number) =>
      callFrom(from, `${c.base}/api/jobs/${job}/reports`, { reason: '岗位描述与实际不符' }, students[i].token, `203.0.113.${i + 1}`);
    // Three reports an hour per address (RATE_LIMIT_REPORT_IP=3/3600): each from 127.0.0.3 with its
    // own forged X-Forwarded-For; the fourth is refused, while another address still may report.
    for (let i = 0; i < 3; i += 1) expect((await report('127.0.0.3', i)).status).toBe(200);
    expect(await report('127.0.0.3', 3)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((await report('127.0.0.4', 4)).status).toBe(200);
  });

  it('should deliver a policy push exactly once with the worker killed and restarted half way', async () => {
    const now = new Date();
    const users = Array.from({ length: PUSH_STUDENTS }, (_x, i) => ({
      openid: `o_cluster_${i}`, nickname: `集群毕业生${i}`, roles: ['student'], scope: {}, profile: { graduationYear: year, degree: 'bachelor' }, createdAt: now, updatedAt: now,
    }));
    const inserted = await t.db.model(UserModel).collection.insertMany(users);
    await t.db.model(UserModel).db.collection('subscriptions').insertMany(
      Object.values(inserted.insertedIds).map(id => ({ userId: id.toHexString(), templateId: POLICY_TEMPLATE, credits: 1, longTerm: false, lastResult: 'accept', updatedAt: now })),
    );
    for (const u of users) c.wx.grantSubscribeCredit(u.openid, POLICY_TEMPLATE, 1);

    const bureau = await t.user({ roles: ['bureau'] });
    const created = await call(c.base, 'POST', '/api/staff/contents', {
      kind: 'policy', title: '关于集群部署演练期间毕业生补贴申领的通知', summary: '本届毕业生可申请。', issuer: '大连市人力资源和社会保障局', audience: { graduationYears: [year] },
    }, bureau.token);
    expect(created.status).toBe(200);
    const submitted = await call(c.base, 'POST', `/api/staff/contents/${created.body.id as string}/transition`, { action: 'submit', version: created.body.version }, bureau.token);
    const published = await call(c.base, 'POST', `/api/staff/contents/${created.body.id as string}/transition`, { action: 'publish', version: submitted.body.version }, bureau.token);
    expect(published.status).toBe(200);

    await until(() => c.wx.distinctDeliveries() >= PUSH_STUDENTS / 5, 30_000);
    await c.stopWorker('SIGKILL');
    const atKill = c.wx.distinctDeliveries();
    expect(atKill).toBeLessThan(PUSH_STUDENTS);
    c.startWorker();
    await until(() => c.wx.distinctDeliveries() >= PUSH_STUDENTS, 60_000);
    await new Promise(r => setTimeout(r, 1_000));
    expect(c.wx.distinctDeliveries()).toBe(PUSH_STUDENTS);
    expect(c.wx.duplicateSends()).toBe(0);
  }, 90_000);

  it('should keep answering through nginx while one process is down, and use it again once it is back', async () => {
    expect(await c.stopApi(1, 'SIGKILL')).toBeNull();
    const userId = await devUser('cluster-failover');
    for (let i = 0; i < 6; i += 1) {
      const feed = await call(c.base, 'GET', '/api/jobs?limit=5');
      expect(feed.status).toBe(200);
      expect(await servedBy(feed)).toBe(ports[0]);
    }
    // A POST too: nginx sends it on when the connection is refused (nothing was sent).
    expect((await call(c.base, 'POST', '/api/auth/dev-login', { userId })).status).toBe(200);

    await c.startApi(1);
    await within(15_000, async () => (await servedBy(await call(c.base, 'GET', '/api/reference'))) === ports[1]);
  }, 60_000);
});
