/**
 * Live-room benchmark (issue 5). Run from the repository root:
 *   npx ts-node --transpile-only -P server/tsconfig.json test/bench/live.bench.ts
 * 2,000 WebSocket viewers in one room, the host sends 20 messages/s for 60 s; measures delivery
 * latency send → every receiver (p50/p99), messages lost, server CPU and peak RSS. Then the same
 * load over two server processes with Redis pub/sub (viewers split evenly, sender on the first).
 * Env: BENCH_VIEWERS, BENCH_RATE, BENCH_SECONDS.
 */
import { spawn, type ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { createServer, type AddressInfo } from 'net';
import { join } from 'path';
import { MongoClient, ObjectId } from 'mongodb';
import WebSocket from 'ws';
import type { LiveServerEvent } from '../../server/src/contract/live';
import { signAccessToken } from '../../server/src/core/tokens';
import { startDatabase } from '../../server/scripts/embedded-mongo';

const ROOT = join(__dirname, '../..');
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SECRET = 'bench-live-token-secret-0123456789abcdef';
const TICK = 100; // USER_HZ on Linux

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function waitForLine(child: ChildProcess, marker: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${marker}" in ${ms} ms: ${out.slice(-1500)}`)), ms);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}

function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmHWM:')) ?? 'VmHWM: 0 kB';
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function startServers(count: number, env: Record<string, string>): Promise<{ ports: number[]; children: ChildProcess[] }> {
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    ports.push(port);
    children.push(
      spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'test/server/live/support/room-process.ts')], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'), MIDWAY_SERVER_ENV: 'local', PORT: String(port), LOG_LEVEL: 'warn', H5_DIR: '', ...env },
        stdio: 'pipe',
      }),
    );
  }
  await Promise.all(children.map(c => waitForLine(c, 'ROOM_PROCESS_READY', 180_000)));
  return { ports, children };
}

async function run(label: string, ports: number[], children: ChildProcess[], sessionId: string, tokens: string[], hostToken: string) {
  const latencies: number[] = [];
  /** The same receipts split at the server's store time (`message.at`): send → stored, stored → receipt. */
  const toStored: number[] = [];
  const fromStored: number[] = [];
  let received = 0;
  /** Receipts per message index: a message short of every receiver is lost, one over is a duplicate. */
  const receipts = new Uint32Array(RATE * SECONDS);
  const errors = new Map<string, number>();
  const connect = (port: number, token: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live/ws?session=${sessionId}&token=${token}`);
      ws.on('message', data => {
        const raw = data.toString();
        // 40,000 receipts a second land in this one process: the bench's own messages are read
        // by position instead of JSON.parse, so the client's parsing weighs less in the latency.
        const bench = raw.indexOf('"bench:');
        if (bench >= 0 && raw.startsWith('{"type":"message"')) {
          const now = Date.now();
          const [index, sentAt] = raw.slice(bench + 7, raw.indexOf('"', bench + 7)).split(':').map(Number);
          const atKey = raw.indexOf('"at":"');
          const stored = Date.parse(raw.slice(atKey + 6, raw.indexOf('"', atKey + 6)));
          latencies.push(now - sentAt);
          if (receipts[index] === 0) toStored.push(stored - sentAt);
          fromStored.push(now - stored);
          receipts[index] += 1;
          received += 1;
          return;
        }
        const e = JSON.parse(raw) as LiveServerEvent;
        if (e.type === 'welcome') resolve(ws);
        if (e.type === 'error') errors.set(e.code, (errors.get(e.code) ?? 0) + 1);
      });
      ws.once('error', reject);
    });
  const viewers: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 100) {
    viewers.push(...(await Promise.all(tokens.slice(i, i + 100).map((tk, j) => connect(ports[(i + j) % ports.length], tk)))));
  }
  const host = await connect(ports[0], hostToken);
  console.log(`[${label}] ${viewers.length} viewers + host joined; sending ${RATE}/s for ${SECONDS} s…`);
  const cpu0 = children.map(c => cpuSeconds(c.pid!));
  const started = Date.now();
  let sent = 0;
  await new Promise<void>(resolve => {
    const timer = setInterval(() => {
      host.send(JSON.stringify({ type: 'chat', text: `bench:${sent}:${Date.now()}` }));
      sent += 1;
      if (sent >= RATE * SECONDS) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / RATE);
  });
  const expected = sent * (viewers.length + 1);
  // A starved machine delivers late, not never: wait until receipts stop arriving for 15 s (at most 3 min).
  const giveUp = Date.now() + 180_000;
  let quietSince = Date.now();
  let seen = received;
  while (received < expected && Date.now() < giveUp && Date.now() - quietSince < 15_000) {
    await new Promise(r => setTimeout(r, 100));
    if (received !== seen) {
      seen = received;
      quietSince = Date.now();
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  const cpu = children.map((c, i) => (cpuSeconds(c.pid!) - cpu0[i]) / elapsed);
  latencies.sort((a, b) => a - b);
  toStored.sort((a, b) => a - b);
  fromStored.sort((a, b) => a - b);
  const result = {
    label,
    viewers: viewers.length,
    sent,
    lost: expected - received,
    /** Messages that did not reach every receiver, and receipts beyond one per receiver. */
    lostMessages: receipts.slice(0, sent).filter(n => n < viewers.length + 1).length,
    duplicates: receipts.slice(0, sent).reduce((sum, n) => sum + Math.max(0, n - (viewers.length + 1)), 0),
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    /** Server side before the broadcast (one sample per message) vs broadcast + delivery + the client's parsing. */
    storedP99: pct(toStored, 0.99),
    deliveredP99: pct(fromStored, 0.99),
    cpu: cpu.map(c => `${Math.round(c * 100)}%`).join(' + '),
    peakRssMb: children.map(c => peakRssMb(c.pid!)).join(' + '),
    /** Messages the server refused (e.g. INTERNAL): they reach nobody, so they show up as `lost` too. */
    refused: Object.fromEntries(errors),
  };
  for (const v of [...viewers, host]) v.terminate();
  console.log(JSON.stringify(result));
  return result;
}

async function main(): Promise<void> {
  const db = await startDatabase({ backend: 'memory', dbName: 'bench_live' });
  const client = await MongoClient.connect(db.uri);
  const d = client.db();
  const now = new Date();
  const hostId = new ObjectId();
  const studentIds = Array.from({ length: VIEWERS }, () => new ObjectId());
  await d.collection('users').insertMany([
    { _id: hostId, nickname: '压测主播', roles: ['recruiter'], scope: {}, profile: {}, createdAt: now, updatedAt: now },
    ...studentIds.map((_id, i) => ({ _id, nickname: `观众${i}`, roles: ['student'], scope: {}, profile: {}, createdAt: now, updatedAt: now })),
  ]);
  const entId = new ObjectId();
  await d.collection('enterprises').insertOne({ _id: entId, name: '压测企业', uscc: '91210200MA0BENCH01', district: 'hitech', status: 'verified', recruiterIds: [hostId], chainTags: [] });
  const sessionId = new ObjectId();
  await d.collection('live_sessions').insertOne({
    _id: sessionId, title: '压测直播', coverUrl: '', startAt: now, enterpriseId: entId, hostName: '压测企业', jobIds: [], createdBy: hostId,
    status: 'live', streamName: `ll_${sessionId.toHexString()}`, startedAt: now, eventKeys: [], bookingCount: 0, messageSeq: 0,
    likeCount: 0, mutedIds: [], removedIds: [], peakViewers: 0, cardApplications: [], createdAt: now, updatedAt: now,
  });
  await client.close();
  const iat = Math.floor(Date.now() / 1000);
  const token = (id: ObjectId, roles: ('student' | 'recruiter')[]) =>
    signAccessToken({ sub: id.toHexString(), sid: new ObjectId().toHexString(), roles, scope: {} }, SECRET, 4 * 3600, iat);
  const tokens = studentIds.map(id => token(id, ['student']));
  const hostToken = token(hostId, ['recruiter']);
  // All viewers share 127.0.0.1, so the per-address chat limit is lifted with the per-viewer one.
  const env = { MONGODB_URI: db.uri, AUTH_TOKEN_SECRET: SECRET, LIVE_CHAT_RATE: String(RATE * 20), RATE_LIMIT_CHAT_IP: `${RATE * 1000}/10` };

  const one = await startServers(1, env);
  await run('one process', one.ports, one.children, sessionId.toHexString(), tokens, hostToken);
  one.children.forEach(c => c.kill('SIGKILL'));

  const redisPort = await freePort();
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
  await waitForLine(redis, 'Ready to accept connections', 10_000);
  const two = await startServers(2, { ...env, REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  await run('two processes + Redis', two.ports, two.children, sessionId.toHexString(), tokens, hostToken);
  two.children.forEach(c => c.kill('SIGKILL'));
  redis.kill('SIGKILL');
  await db.stop();
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
