import { Autoload, ILogger, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { FilterQuery, Types } from 'mongoose';
import type { JobHold } from '../../contract/job';
import type { LiveStatus } from '../../contract/live';
import { Database } from '../../core/database';
import { StandingService, type StandingTarget } from '../enterprise/standing.service';
import { NoticeService } from '../notice/notice.service';
import { LiveBookingModel, LiveSessionModel, type LiveSessionDoc } from './live.model';
import { LiveRoomService } from './live.room';

/**
 * The 异常名录 takes a listed party's live sessions down (人社厅发〔2025〕60号: banned parties stop recruiting
 * everywhere). A real-name lapse does not: it only hides jobs, and the session's job cards follow the jobs.
 */
export const LIVE_TAKE_DOWN_REASONS: Partial<Record<JobHold, string>> = {
  'abnormal-enterprise': '主办企业已被列入异常名录',
  'abnormal-person': '发布直播的招聘者已被列入异常名录',
};

/** What a take-down does to each state: a live stream ends, one not yet held is cancelled for good. */
const TAKE_DOWN_TO: Partial<Record<LiveStatus, LiveStatus>> = { live: 'ended', scheduled: 'rejected', pending: 'rejected' };
const ATTEMPTS = 3;

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class LiveStandingService {
  @Inject()
  private db!: Database;

  @Inject()
  private standing!: StandingService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private room!: LiveRoomService;

  @Logger()
  private logger!: ILogger;

  @Init()
  init(): void {
    this.standing.registerListener('live', { hold: (target, cause) => this.hold(target, cause), release: (target, cause) => this.release(target, cause) });
  }

  private get sessions() {
    return this.db.model(LiveSessionModel);
  }

  private filterOf(target: StandingTarget): FilterQuery<LiveSessionDoc> {
    const or: Array<FilterQuery<LiveSessionDoc>> = [];
    if (target.enterpriseIds?.length) or.push({ enterpriseId: { $in: target.enterpriseIds } });
    if (target.userIds?.length) or.push({ createdBy: { $in: target.userIds } });
    return or.length ? { $or: or } : { _id: { $exists: false } };
  }

  /**
   * Takes the target's sessions down for `cause`: each is hidden from students, a live one ends (the room
   * is told and closed), a scheduled or pending one is cancelled, and its bookers are told through the
   * session's outbox in the same conditional update. A session already held for the cause is left alone,
   * so a retry finishes what a crash left and tells nobody twice.
   */
  async hold(target: StandingTarget, cause: JobHold, now = new Date()): Promise<number> {
    const reason = LIVE_TAKE_DOWN_REASONS[cause];
    if (!reason) return 0;
    const due = await this.sessions.find({ $and: [this.filterOf(target), { holds: { $ne: cause } }] }, { _id: 1 }).lean();
    let taken = 0;
    for (const { _id } of due) if (await this.takeDown(_id, cause, reason, now)) taken += 1;
    if (taken) this.logger.info(`[live] ${taken} session(s) taken down (${cause})`);
    return taken;
  }

  private async takeDown(id: Types.ObjectId, cause: JobHold, reason: string, now: Date): Promise<boolean> {
    // The state may move (a stream starts or stops) between the read and the write: read again and retry.
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const session = await this.sessions.findOne({ _id: id, holds: { $ne: cause } }, { status: 1, title: 1, hostName: 1 }).lean();
      if (!session) return false;
      const to = TAKE_DOWN_TO[session.status];
      const set: Partial<LiveSessionDoc> = { hidden: true };
      if (to) set.status = to;
      if (to === 'ended') set.endedAt = now;
      if (to === 'rejected') set.rejectReason = `已下线：${reason}`;
      const tell = session.status === 'live' || session.status === 'scheduled';
      const bookers = tell ? (await this.db.model(LiveBookingModel).find({ sessionId: id }, { userId: 1 }).lean()).map(b => b.userId) : [];
      const notice = bookers.length
        ? { pendingNotices: this.notices.outboxEntry(bookers, { type: 'live.taken-down', sessionId: id.toHexString(), title: session.title, hostName: session.hostName, reason }, now) }
        : undefined;
      const updated = await this.sessions.updateOne(
        { _id: id, status: session.status, holds: { $ne: cause } },
        { $set: set, $addToSet: { holds: cause }, ...(notice ? { $push: notice } : {}) },
      );
      if (updated.modifiedCount === 0) continue;
      if (session.status === 'live') this.room.takenDown(id.toHexString(), reason);
      if (notice) await this.notices.flush(this.sessions, id);
      return true;
    }
    this.logger.warn(`[live] session ${id.toHexString()} kept changing; its take-down is left to the next listing`);
    return false;
  }

  /** Lifts `cause`; ended sessions and replays show again, a cancelled one stays cancelled. Idempotent. */
  async release(target: StandingTarget, cause: JobHold): Promise<number> {
    if (!LIVE_TAKE_DOWN_REASONS[cause]) return 0;
    const filter = this.filterOf(target);
    await this.sessions.updateMany({ $and: [filter, { holds: cause }] }, { $pull: { holds: cause } });
    const shown = await this.sessions.updateMany({ $and: [filter, { hidden: true, holds: { $size: 0 } }] }, { $unset: { hidden: 1 } });
    return shown.modifiedCount;
  }
}
