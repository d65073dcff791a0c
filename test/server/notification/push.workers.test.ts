import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { Types } from 'mongoose';
import { DeliveryModel, PushChunkModel, PushModel } from '../../../server/src/modules/notification/push.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { POLICY_TEMPLATE, audience, publishPolicy, studentWithCredits, type Who } from './push.factories';

/**
 * Several push-worker processes (server/scripts/push-worker.ts, as deployed) on one database,
 * against the fake WeChat server, which counts every notice per (touser, page): a figure above one
 * is a duplicate. One run with two workers side by side, one with a worker SIGKILLed mid-run.
 */

const ROOT = join(__dirname, '../../..');
const RECIPIENTS = 300;
const LEASE_MS = 1_500;
const READY = '[push-worker] running';

jest.setTimeout(180_000);

interface Worker {
  id: string;
  child: ChildProcess;
  output: () => string;
}

describe('push worker processes side by side', () => {
  // A few sends answer -1 (retried with backoff), so that retries cross chunk claims too.
  const wx = new FakeWeChatServer({ appid: 'wx_push_workers', secret: 'push_workers_secret', latencyMs: 10, failureRate: { send: 0.03, errcode: -1 } });
  const dbName = `t_push_workers_${new Types.ObjectId().toHexString().slice(-8)}`;
  let apiBase = '';
  let t: TestApp;
  let bureau: Who;
  const workers: Worker[] = [];

  function startWorker(id: string): Promise<Worker> {
    const uri = process.env.TEST_MONGODB_URI!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'server/scripts/push-worker.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'server/tsconfig.json'),
        NODE_ENV: 'development',
        MIDWAY_SERVER_ENV: 'local',
        MONGODB_URI: uri,
        H5_DIR: '',
        LOG_LEVEL: 'warn',
        WECHAT_APPID: wx.appid,
        WECHAT_SECRET: wx.secret,
        WECHAT_API_BASE: apiBase,
        WECHAT_TIMEOUT_MS: '1000',
        WECHAT_TEMPLATE_POLICY_NOTICE: POLICY_TEMPLATE,
        PUSH_WORKER_ID: id,
        // Rate-limited so that a run lasts a few seconds and the kill lands mid-run.
        PUSH_RATE_PER_SECOND: '80',
        PUSH_CONCURRENCY: '8',
        PUSH_BATCH_SIZE: '10',
        PUSH_LEASE_MS: String(LEASE_MS),
        PUSH_POLL_MS: '50',
        PUSH_BACKOFF_BASE_MS: '20',
        PUSH_BACKOFF_MAX_MS: '200',
        PUSH_MAX_ATTEMPTS: '8',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const worker: Worker = { id, child, output: () => output };
    workers.push(worker);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${id} did not start in 120 s:\n${output}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve(worker);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', code => {
        clearTimeout(timer);
        reject(new Error(`worker ${id} exited (${code}) before it started:\n${output}`));
      });
    });
  }

  async function stop(worker: Worker, signal: NodeJS.Signals): Promise<void> {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
    const exited = new Promise(resolve => worker.child.once('exit', resolve));
    worker.child.kill(signal);
    const forced = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
  }

  /** Polls until every recipient has its notice, noting which workers were seen holding chunks. */
  async function untilDelivered(pushId: Types.ObjectId, onProgress?: (delivered: number) => Promise<void>): Promise<Set<string>> {
    const holders = new Set<string>();
    const deadline = Date.now() + 120_000;
    while (wx.distinctDeliveries() < RECIPIENTS) {
      if (Date.now() > deadline) throw new Error(`only ${wx.distinctDeliveries()} of ${RECIPIENTS} delivered in 120 s`);
      const held = await t.db.model(PushChunkModel).find({ pushId, claimedBy: { $ne: null } }, { claimedBy: 1 }).lean();
      for (const c of held) if (c.claimedBy) holders.add(c.claimedBy);
      await onProgress?.(wx.distinctDeliveries());
      await new Promise(r => setTimeout(r, 25));
    }
    return holders;
  }

  /** Waits until the database has settled every delivery (the last outcomes are written after the send). */
  async function settled(pushId: Types.ObjectId): Promise<Record<string, number>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await t.db.model(DeliveryModel).aggregate<{ _id: string; n: number }>([{ $match: { pushId } }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
      const byStatus = Object.fromEntries(rows.map(r => [r._id, r.n]));
      if ((byStatus.sent ?? 0) + (byStatus.failed ?? 0) >= RECIPIENTS || Date.now() > deadline) return byStatus;
      await new Promise(r => setTimeout(r, 100));
    }
  }

  async function recipients(year: number): Promise<Who[]> {
    const out: Who[] = [];
    for (let i = 0; i < RECIPIENTS; i += 1) out.push(await studentWithCredits(t, wx, year));
    return out;
  }

  async function pushOf(contentId: string): Promise<Types.ObjectId> {
    for (let i = 0; i < 100; i += 1) {
      const push = await t.db.model(PushModel).findOne({ contentId: new Types.ObjectId(contentId) }).lean();
      if (push) return push._id;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('no push planned');
  }

  beforeAll(async () => {
    apiBase = await wx.start();
    wx.defineTemplate(POLICY_TEMPLATE, ['thing1', 'thing2', 'date3', 'thing4']);
    wx.setPages(['packages/policy/pages/detail/index']);
    // This process only publishes (the worker is off in tests); the child processes send.
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase, timeoutMs: 1000 }, push: { templateId: POLICY_TEMPLATE } }, { dbName });
    bureau = await t.user({ roles: ['bureau'] });
    await Promise.all([startWorker('w-a'), startWorker('w-b')]);
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await stop(w, 'SIGTERM');
    await t?.close();
    await wx.stop();
  });

  it('should send each of a few hundred notices exactly once with two workers claiming side by side', async () => {
    await recipients(2031);
    wx.resetCalls();
    // Slow answers keep each claim held for a while, so the poll below sees both workers holding
    // chunks even when a loaded machine delays it (a fast run could finish a claim between polls).
    wx.setLatency(150);
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [2031] }), '两个推送进程并行发送的政策');
    const pushId = await pushOf(policy.id);

    const holders = await untilDelivered(pushId).finally(() => wx.setLatency(10));
    const byStatus = await settled(pushId);

    expect(wx.distinctDeliveries()).toBe(RECIPIENTS);
    expect(wx.duplicateSends()).toBe(0);
    expect(byStatus).toEqual({ sent: RECIPIENTS });
    // Both processes held chunks of this push at some point.
    expect([...holders].sort()).toEqual(['w-a', 'w-b']);
  });

  it('should lose nothing and send nothing twice when a worker is SIGKILLed mid-run and another is started', async () => {
    await recipients(2032);
    wx.resetCalls();
    const policy = await publishPolicy(t, bureau, audience({ graduationYears: [2032] }), '推送进程中途被杀的政策');
    const pushId = await pushOf(policy.id);
    const victim = workers.find(w => w.id === 'w-a') as Worker;
    let killedAt = 0;
    let orphaned = 0;

    await untilDelivered(pushId, async delivered => {
      if (killedAt || delivered < RECIPIENTS / 3) return;
      // Kill it while it holds chunks: those stay claimed until their leases run out, then w-b or
      // the restarted worker (a new name, so it cannot simply take its own claims back) finish them.
      const holding = await t.db.model(PushChunkModel).countDocuments({ pushId, claimedBy: 'w-a', state: 'pending' });
      if (holding === 0) return;
      await stop(victim, 'SIGKILL');
      killedAt = delivered;
      orphaned = await t.db.model(PushChunkModel).countDocuments({ pushId, claimedBy: 'w-a', state: 'pending' });
      await startWorker('w-a-restarted');
    });
    const byStatus = await settled(pushId);

    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(RECIPIENTS);
    expect(victim.child.signalCode).toBe('SIGKILL');
    expect(orphaned).toBeGreaterThan(0);
    expect(wx.distinctDeliveries()).toBe(RECIPIENTS);
    expect(wx.duplicateSends()).toBe(0);
    expect(byStatus).toEqual({ sent: RECIPIENTS });
    expect(await t.db.model(PushChunkModel).countDocuments({ pushId, state: { $ne: 'done' } })).toBe(0);
  });
});
