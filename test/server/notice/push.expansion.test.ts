import { Types } from 'mongoose';
import { DeliveryModel } from '../../../server/src/modules/notice/notice.model';
import { PushModel } from '../../../server/src/modules/notice/push.model';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { createTestApp, type TestApp } from '../support/test-app';
import { audience } from './push.factories';

/**
 * A process that died while writing a push's recipients: with a stable PUSH_WORKER_ID its restart
 * takes the expansion back at once instead of waiting out the lease (docs/push.md).
 */
describe('push expansion after a crash', () => {
  let t: TestApp;
  let worker: PushWorker;
  const year = 2031;

  beforeAll(async () => {
    t = await createTestApp({ push: { workerId: 'w-stable', pollMs: 20 } });
    worker = await t.app.getApplicationContext().getAsync(PushWorker);
    for (let i = 0; i < 3; i++) await t.user({ profile: { graduationYear: year, degree: 'bachelor' } });
  });

  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  /** A push whose expansion `holder` claimed for another two minutes and then died. */
  async function interrupted(holder: string, title: string): Promise<Types.ObjectId> {
    const push = await t.db.model(PushModel).create({
      contentId: new Types.ObjectId(), version: 1, kind: 'policy', title, summary: '示例政策摘要', issuer: '大连市人社局', publishedAt: new Date(),
      audience: audience({ graduationYears: [year] }), owner: {}, sending: false, templateId: '', expandState: 'pending',
      expandLeaseUntil: new Date(Date.now() + 120_000), expandedBy: holder, createdBy: 'test', createdAt: new Date(),
    });
    return push._id;
  }

  const state = async (id: Types.ObjectId) => (await t.db.model(PushModel).findById(id).lean())?.expandState;

  async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise(r => setTimeout(r, 25));
    }
    return check();
  }

  it('should take back its own interrupted expansion at restart and leave another worker’s until its lease ends', async () => {
    const own = await interrupted('w-stable', '本进程中断的推送');
    const foreign = await interrupted('w-other', '其他进程中断的推送');
    expect(await worker.processOneChunk()).toBe(false);

    await worker.start();
    expect(await until(async () => (await state(own)) === 'done', 3000)).toBe(true);
    expect(await t.db.model(DeliveryModel).countDocuments({ pushId: own })).toBe(3);
    expect((await t.db.model(PushModel).findById(own).lean())?.audienceSize).toBe(3);
    // Another worker's lease is not ours to release: it waits.
    expect(await state(foreign)).toBe('pending');

    await t.db.model(PushModel).updateOne({ _id: foreign }, { $set: { expandLeaseUntil: new Date(Date.now() - 1) } });
    expect(await until(async () => (await state(foreign)) === 'done', 3000)).toBe(true);
    expect((await t.db.model(PushModel).findById(foreign).lean())?.expandedBy).toBe('w-stable');
  });
});
