import type { InboxItem } from '../../../server/src/contract/notice';
import { FairModel, FairRegistrationModel } from '../../../server/src/modules/fair/fair.model';
import { FairService } from '../../../server/src/modules/fair/fair.service';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { inHours } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const fairInput = (title: string, startHours: number) => ({
  kind: 'comprehensive',
  title,
  description: '每月一场，现场招聘。',
  startAt: inHours(startHours),
  endAt: inHours(startHours + 6),
  venue: '大连星海会展中心',
  district: '210204',
  boothCapacity: 2,
});

describe('fair reminders (a day before the start, once per registration)', () => {
  let t: TestApp;
  let notices: NoticeService;
  let fairs: FairService;
  let worker: PushWorker;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  beforeAll(async () => {
    t = await createTestApp();
    notices = await t.app.getApplicationContext().getAsync(NoticeService);
    fairs = await t.app.getApplicationContext().getAsync(FairService);
    worker = await t.app.getApplicationContext().getAsync(PushWorker);
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  async function createFair(title: string, startHours: number): Promise<string> {
    const res = await t.http().post('/api/fairs').set('Authorization', bureau.auth).send(fairInput(title, startHours));
    expect(res.status).toBe(200);
    return res.body.id as string;
  }

  async function registered(fairId: string) {
    const s = await t.user({ roles: ['student'] });
    expect((await t.http().post(`/api/fairs/${fairId}/registrations`).set('Authorization', s.auth)).status).toBe(200);
    return s;
  }

  const reminders = async (auth: string): Promise<InboxItem[]> =>
    ((await t.http().get('/api/inbox').set('Authorization', auth)).body.items as InboxItem[]).filter(i => i.title.startsWith('招聘会即将开始'));

  it('should remind a student registered for a fair starting in 20 hours once, also when the step runs twice', async () => {
    const fairId = await createFair('二十小时后的双选会', 20);
    const s = await registered(fairId);
    await notices.sendReminders();
    await notices.sendReminders();
    const items = await reminders(s.auth);
    expect(items.map(i => [i.source, i.title, i.page])).toEqual([['fair', '招聘会即将开始：二十小时后的双选会', 'packages/job/pages/my-fairs/index']]);
    expect(items[0].summary).toMatch(/^你报名的「二十小时后的双选会」将于\d+月\d+日 \d{2}:\d{2}在大连星海会展中心举行，入场时出示电子票$/);
    const reg = await t.db.model(FairRegistrationModel).findOne({ studentId: s.doc._id }).lean();
    expect(reg?.remindedAt).toBeInstanceOf(Date);
    expect(reg?.pendingNotices).toEqual([]);
  });

  it('should not remind for a fair starting in 3 days (until its last day comes)', async () => {
    const fairId = await createFair('三天后的双选会', 72);
    const s = await registered(fairId);
    await notices.sendReminders();
    expect(await reminders(s.auth)).toEqual([]);
    // Two and a half days later the same step finds it due.
    await fairs.remindDue(new Date(Date.now() + 60 * 3_600_000));
    expect((await reminders(s.auth)).map(i => i.title)).toEqual(['招聘会即将开始：三天后的双选会']);
  });

  it('should not remind for a cancelled fair, nor a registration already checked in', async () => {
    const cancelled = await createFair('已取消的双选会', 10);
    const a = await registered(cancelled);
    await t.db.model(FairModel).updateOne({ _id: cancelled }, { $set: { status: 'cancelled' } });
    const open = await createFair('已签到的双选会', 10);
    const b = await registered(open);
    await t.db.model(FairRegistrationModel).updateOne({ studentId: b.doc._id }, { $set: { checkedInAt: new Date() } });
    await notices.sendReminders();
    expect(await reminders(a.auth)).toEqual([]);
    expect(await reminders(b.auth)).toEqual([]);
  });

  it('should remind once when two workers run the step at the same time', async () => {
    const fairId = await createFair('并发提醒的双选会', 20);
    const students = await Promise.all([registered(fairId), registered(fairId), registered(fairId)]);
    const written = await Promise.all([fairs.remindDue(), fairs.remindDue(), notices.sendReminders(), notices.sendReminders()]);
    // Only this fair's three registrations were still due: each was written by exactly one runner.
    expect(written.reduce((a, b) => a + b, 0)).toBe(3);
    for (const s of students) expect((await reminders(s.auth)).map(i => i.title)).toEqual(['招聘会即将开始：并发提醒的双选会']);
  });

  it('should tell, through the worker, a reminder whose process died between the mark and the flush', async () => {
    const fairId = await createFair('进程中断的双选会', 20);
    const s = await registered(fairId);
    const fair = await t.db.model(FairModel).findById(fairId).lean();
    const at = new Date(Date.now() - 60_000);
    // What remindDue writes, and then the process "dies": no flush.
    const event = { type: 'fair.reminder' as const, fairId, title: fair!.title, startAt: fair!.startAt.toISOString(), venue: fair!.venue };
    await t.db
      .model(FairRegistrationModel)
      .updateOne({ studentId: s.doc._id, remindedAt: null }, { $set: { remindedAt: at }, $push: { pendingNotices: notices.outboxEntry([s.doc._id], event, at) } });
    await notices.sendReminders();
    expect(await reminders(s.auth)).toEqual([]);
    await worker.drain();
    await worker.drain();
    const items = await reminders(s.auth);
    expect(items.map(i => i.title)).toEqual(['招聘会即将开始：进程中断的双选会']);
    expect(items[0].createdAt).toBe(at.toISOString());
  });
});
