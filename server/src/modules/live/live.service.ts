import { Autoload, Config, Destroy, ILogger, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type {
  LiveChannelsControlInput,
  LiveDecisionInput,
  LiveJobCard,
  LiveListTab,
  LiveNoticeConfig,
  LivePushInfo,
  LiveReplayPage,
  LiveReplayQuery,
  LiveSessionDetail,
  LiveSessionInput,
  LiveSessionSummary,
  LiveStats,
  LiveStatus,
} from '../../contract/live';
import type { ApplicationSource } from '../../contract/job';
import { Database } from '../../core/database';
import type { NoticeOutboxEntry } from '../../core/notice-outbox';
import { BizError } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import type { AppSettings, AuthUser, LiveSettings } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { StandingService } from '../enterprise/standing.service';
import { FairService } from '../fair/fair.service';
import { ApplicationService, type ApplicationSourceClaim } from '../job/application.service';
import { JobService } from '../job/job.service';
import { UserService } from '../user/user.service';
import { applyLiveSeeds, LIVE_SEED_ACCOUNTS, LIVE_SESSION_SEEDS } from './live.seed';
import type { SeedCounter, SeedLog } from '../../core/demo';
import type { DemoCalendar } from '../../core/demo.rules';
import { NoticeService } from '../notice/notice.service';
import { LiveBookingModel, LiveMessageModel, LiveSessionModel, LiveViewModel, type LiveSessionDoc } from './live.model';
import { LiveRoomService, toRoomMessage } from './live.room';
import {
  applicationCounts,
  applyStreamEvent,
  playUrlsOf,
  pushUrlOf,
  recordingOf,
  replayRecordings,
  signedUrlExpiry,
  sourceClaimRefusal,
  verifyCallback,
  verifyStreamQuery,
  type StreamEvent,
} from './live.rules';


const PUBLIC_STATUSES: LiveStatus[] = ['scheduled', 'live', 'ended', 'replay'];
const TAB_FILTERS: Record<LiveListTab, { statuses: LiveStatus[]; sort: 1 | -1 }> = {
  upcoming: { statuses: ['scheduled'], sort: 1 },
  live: { statuses: ['live'], sort: 1 },
  past: { statuses: ['ended', 'replay'], sort: -1 },
};
const LIST_LIMIT = 50;

export interface TencentCallback {
  t: number | string;
  sign: string;
  event_type: number;
  stream_id?: string;
  sequence?: string | number;
  /** Recording callbacks (event 100): the file, and where it sits in time (Unix seconds; duration in seconds). */
  video_url?: string;
  start_time?: number;
  end_time?: number;
  duration?: number;
}

export interface MediaCheck {
  t: number | string;
  sign: string;
  kind: 'publish' | 'play';
  stream_id: string;
  stream_param: string;
}

const EVENT_OF: Record<number, StreamEvent | undefined> = { 1: 'start', 0: 'stop', 100: 'replay-ready' };

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class LiveService {
  @Inject()
  private db!: Database;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private standing!: StandingService;

  @Inject()
  private fairs!: FairService;

  @Inject()
  private users!: UserService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private room!: LiveRoomService;

  @Inject()
  private applications!: ApplicationService;


  @Logger()
  private logger!: ILogger;

  @Config('app.live')
  private settings!: LiveSettings;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private readonly graceTimers = new Set<NodeJS.Timeout>();

  private get sessions() {
    return this.db.model(LiveSessionModel);
  }

  /** Live sessions approved to go on air (scheduled, live, ended or on replay), for the dashboard. */
  async countApproved(): Promise<number> {
    return this.sessions.countDocuments({ status: { $in: ['scheduled', 'live', 'ended', 'replay'] } });
  }

  private get bookings() {
    return this.db.model(LiveBookingModel);
  }

  /** Start notices a dead process did not get to are told by any live worker. */
  @Init()
  init(): void {
    this.notices.registerOutbox('live-session', this.sessions);
    this.applications.registerSourceCheck((user, claim) => this.confirmSource(user, claim));
  }

  /** The source an application from a replay card or a job page opened from the room is stored with. */
  async confirmSource(user: AuthUser, claim: ApplicationSourceClaim): Promise<ApplicationSource> {
    const session = await this.sessions.findById(new Types.ObjectId(claim.sessionId), { status: 1, jobIds: 1, removedIds: 1, title: 1 }).lean();
    if (!session) throw new BizError('LIVE_SESSION_NOT_FOUND');
    const refusal = sourceClaimRefusal(
      { status: session.status, jobIds: session.jobIds.map(id => id.toHexString()), removedIds: session.removedIds.map(id => id.toHexString()) },
      { kind: claim.kind, jobId: claim.jobId, userId: user.id },
    );
    if (refusal) throw new BizError(refusal.code, refusal.message);
    return { kind: claim.kind, sessionId: session._id.toHexString(), sessionTitle: session.title };
  }

  @Destroy()
  stop(): void {
    for (const timer of this.graceTimers) clearTimeout(timer);
    this.graceTimers.clear();
  }

  // ---- scheduling ----

  async create(user: AuthUser, input: LiveSessionInput): Promise<LiveSessionDetail> {
    const channelsMode = this.settings.mode === 'channels';
    if (channelsMode && !input.channels) throw new BizError('LIVE_CHANNELS_REQUIRED', undefined, 'channels.finderUserName');
    if (!channelsMode && input.channels) throw new BizError('LIVE_CHANNELS_NOT_ENABLED', undefined, 'channels');
    const enterprise = await this.enterprises.requireMine(user);
    if (enterprise.abnormalAt) throw new BizError('ABNORMAL_LISTED', '企业已被列入异常名录，不能安排直播');
    await this.standing.refuseListedRecruiter(user);
    const jobIds = input.jobIds.map(id => new Types.ObjectId(id));
    const open = await this.jobs.countPublishedOf(enterprise._id, jobIds);
    if (open !== jobIds.length) throw new BizError('LIVE_JOBS_INVALID', undefined, 'jobIds');
    let hostName = enterprise.name;
    let fairId: Types.ObjectId | undefined;
    if (input.fairId) {
      const fair = await this.fairs.publishedTitle(input.fairId);
      if (!fair) throw new BizError('LIVE_FAIR_NOT_FOUND', undefined, 'fairId');
      fairId = fair._id;
      hostName = `${fair.title} · ${enterprise.name}`;
    }
    const autoApproved = this.settings.autoApproveVerified && enterprise.status === 'verified';
    const id = new Types.ObjectId();
    const doc = await this.sessions.create({
      _id: id,
      title: input.title,
      coverUrl: input.coverUrl ?? '',
      startAt: new Date(input.startAt),
      ...(input.channels ? { channels: { finderUserName: input.channels.finderUserName } } : {}),
      enterpriseId: enterprise._id,
      fairId,
      hostName,
      jobIds,
      createdBy: new Types.ObjectId(user.id),
      status: autoApproved ? 'scheduled' : 'pending',
      streamName: `ll_${id.toHexString()}`,
    });
    return this.toDetail(doc.toObject() as LiveSessionDoc, false);
  }

  async decide(actor: AuthUser, id: string, input: LiveDecisionInput, requestId?: string): Promise<LiveSessionDetail> {
    const reason = input.reason?.trim() ?? '';
    if (input.decision === 'reject' && !reason) throw new BizError('LIVE_REASON_REQUIRED', undefined, 'reason');
    const to: LiveStatus = input.decision === 'approve' ? 'scheduled' : 'rejected';
    const doc = await this.sessions
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), status: 'pending' },
        { $set: { status: to, ...(reason ? { rejectReason: reason } : {}) } },
        { new: true },
      )
      .lean();
    if (!doc) {
      const exists = await this.sessions.exists({ _id: new Types.ObjectId(id) });
      throw new BizError(exists ? 'LIVE_ALREADY_DECIDED' : 'LIVE_SESSION_NOT_FOUND');
    }
    await this.audit.record(actor, { action: 'live.decide', targetType: 'live_session', targetId: id, from: 'pending', to, reason }, requestId);
    return this.toDetail(doc, false);
  }

  async listPending(): Promise<LiveSessionSummary[]> {
    const docs = await this.sessions.find({ status: 'pending' }).sort({ startAt: 1, _id: 1 }).limit(LIST_LIMIT).lean();
    return docs.map(d => this.toSummary(d));
  }

  async listMine(user: AuthUser): Promise<LiveSessionSummary[]> {
    const enterprise = await this.enterprises.requireMine(user);
    const docs = await this.sessions.find({ enterpriseId: enterprise._id }).sort({ createdAt: -1 }).limit(LIST_LIMIT).lean();
    return docs.map(d => this.toSummary(d));
  }

  // ---- browsing and booking ----

  async list(tab: LiveListTab, user?: AuthUser, now = new Date()): Promise<LiveSessionSummary[]> {
    await this.settleInterrupted(now);
    const { statuses, sort } = TAB_FILTERS[tab];
    const docs = await this.sessions
      .find({ status: { $in: statuses }, hidden: { $ne: true } })
      .sort({ startAt: sort, _id: sort })
      .limit(LIST_LIMIT)
      .lean();
    const booked = await this.bookedIds(user, docs.map(d => d._id));
    return docs.map(d => this.toSummary(d, user ? booked.has(d._id.toHexString()) : undefined));
  }

  async detail(id: string, user?: AuthUser, now = new Date()): Promise<LiveSessionDetail> {
    await this.settleInterrupted(now);
    const doc = await this.visible(id, user);
    const booked = user ? (await this.bookedIds(user, [doc._id])).has(doc._id.toHexString()) : undefined;
    const removed = !!user && doc.removedIds.some(r => r.equals(user.id));
    const detail = await this.toDetail(doc, !removed, booked, now);
    // Students see 已投递 on the cards of the room, the waiting page and the replay alike.
    if (user?.roles.includes('student') && doc.jobIds.length) detail.applied = await this.applications.appliedAmong(user.id, doc.jobIds);
    return removed ? { ...detail, removed: true } : detail;
  }

  async book(user: AuthUser, id: string): Promise<LiveSessionDetail> {
    const session = await this.sessions.findOne({ _id: new Types.ObjectId(id), status: { $in: PUBLIC_STATUSES }, hidden: { $ne: true } }).lean();
    if (!session) throw new BizError('LIVE_SESSION_NOT_FOUND');
    if (session.status !== 'scheduled' && session.status !== 'live') throw new BizError('LIVE_NOT_BOOKABLE');
    const inserted = await this.bookings.updateOne(
      { sessionId: session._id, userId: new Types.ObjectId(user.id) },
      { $setOnInsert: { sessionId: session._id, userId: new Types.ObjectId(user.id) } },
      { upsert: true },
    );
    if (inserted.upsertedCount === 1) await this.sessions.updateOne({ _id: session._id }, { $inc: { bookingCount: 1 } });
    return this.detail(id, user);
  }

  async unbook(user: AuthUser, id: string): Promise<LiveSessionDetail> {
    const session = await this.visible(id, user);
    const removed = await this.bookings.deleteOne({ sessionId: session._id, userId: new Types.ObjectId(user.id) });
    if (removed.deletedCount === 1) await this.sessions.updateOne({ _id: session._id, bookingCount: { $gt: 0 } }, { $inc: { bookingCount: -1 } });
    return this.detail(id, user);
  }

  /** Statistics for the host enterprise and for bureau/admin staff. */
  async stats(user: AuthUser, id: string): Promise<LiveStats> {
    const staff = user.roles.includes('bureau') || user.roles.includes('admin');
    const session = staff ? await this.sessions.findById(new Types.ObjectId(id)).lean() : await this.hosted(user, id);
    if (!session) throw new BizError('LIVE_SESSION_NOT_FOUND');
    // Viewers are those in the room while it was live; the host's console is never one (live.room.ts).
    const views = await this.db.model(LiveViewModel).find({ sessionId: session._id, watched: true }, { seconds: 1 }).lean();
    const messages = await this.db.model(LiveMessageModel).countDocuments({ sessionId: session._id });
    const jobs = await this.jobs.briefsOf(session.jobIds);
    const titles = new Map(jobs.map(j => [j._id.toHexString(), j.title]));
    const sourced = await this.applications.sourcedBy(session._id);
    return {
      peakViewers: session.peakViewers,
      totalViewers: views.length,
      watchSeconds: views.reduce((sum, v) => sum + v.seconds, 0),
      messages,
      applications: applicationCounts(
        session.jobIds.map(jobId => ({ jobId: jobId.toHexString(), title: titles.get(jobId.toHexString()) ?? '' })),
        sourced,
        (session.cardApplications ?? []).map(id => id.toHexString()),
      ),
    };
  }

  /** Recording and room messages of a finished session, in stream order (keyset on seq). */
  async replay(id: string, query: Required<Pick<LiveReplayQuery, 'limit'>> & LiveReplayQuery, user?: AuthUser): Promise<LiveReplayPage> {
    const session = await this.visible(id, user);
    if (session.status !== 'ended' && session.status !== 'replay') throw new BizError('LIVE_NO_REPLAY');
    let after = 0;
    if (query.cursor) {
      const [seq] = decodeCursor(query.cursor, this.auth.tokenSecret, 1);
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) throw new BizError('CURSOR_INVALID', undefined, 'cursor');
      after = seq;
    }
    const docs = await this.db
      .model(LiveMessageModel)
      .find({ sessionId: session._id, seq: { $gt: after }, hidden: { $ne: true } })
      .sort({ seq: 1 })
      .limit(query.limit + 1)
      .lean();
    const rows = docs.slice(0, query.limit);
    const last = rows[rows.length - 1];
    const legacy = session.recordingUrl ? [{ url: session.recordingUrl }] : [];
    const recordings = replayRecordings([...legacy, ...(session.recordings ?? [])], session.startedAt);
    return {
      items: rows.map(toRoomMessage),
      ...(docs.length > query.limit && last ? { nextCursor: encodeCursor([last.seq], this.auth.tokenSecret) } : {}),
      ...(recordings.length ? { recordingUrl: recordings[0].url, recordings } : {}),
    };
  }

  noticeConfig(): LiveNoticeConfig {
    const templateId = this.notices.templateId('liveStart');
    return { mode: this.settings.mode, ...(templateId ? { templateId } : {}) };
  }

  // ---- media ----

  /**
   * A 视频号 session has no stream of ours: the host says when it begins (with the feed the app read
   * through wx.getChannelsLiveInfo, so the room can embed it) and when it is over. The same transitions
   * as a stream's (bookers told once on going live); the same action again answers the same.
   */
  async controlChannels(user: AuthUser, id: string, input: LiveChannelsControlInput, now = new Date()): Promise<LiveSessionDetail> {
    const session = await this.hosted(user, id);
    if (!session.channels) throw new BizError('LIVE_NOT_CHANNELS');
    const event = input.action === 'start' ? 'start' : 'finish';
    const transition = applyStreamEvent({ status: session.status, interruptedAt: session.interruptedAt }, event, now);
    if (transition.kind === 'ignore' && transition.reason !== 'duplicate') {
      throw new BizError(input.action === 'start' ? 'LIVE_NOT_STARTABLE' : 'LIVE_NOT_LIVE');
    }
    if (input.action === 'start' && input.feedId) {
      const feed = { 'channels.feedId': input.feedId, ...(input.nonceId ? { 'channels.nonceId': input.nonceId } : {}) };
      await this.sessions.updateOne({ _id: session._id }, { $set: feed });
    }
    await this.applyEvent(session.streamName, event, `channels:${input.action}`, now);
    return this.toDetail(await this.hosted(user, id), false, undefined, now);
  }

  async pushInfo(user: AuthUser, id: string, now = new Date()): Promise<LivePushInfo> {
    const session = await this.hosted(user, id);
    if (session.channels) throw new BizError('LIVE_NOT_PUSHABLE');
    if (session.status !== 'scheduled' && session.status !== 'live') throw new BizError('LIVE_NOT_PUSHABLE');
    const expiry = signedUrlExpiry(session, now, this.settings.urlTtlSeconds, this.settings.plannedMinutes);
    const pushUrl = pushUrlOf(this.endpoint(session.streamName), this.settings.pushKey, expiry);
    const split = pushUrl.lastIndexOf(`/${session.streamName}`);
    return { pushUrl, server: pushUrl.slice(0, split), streamKey: pushUrl.slice(split + 1), expiresAt: expiry.toISOString() };
  }

  /**
   * The local media server's publish/play check: the request is signed like a callback, and the
   * stream URL is judged by the same Tencent signer (push key for publishing, play key for playing).
   */
  async checkMedia(input: MediaCheck, now = new Date()): Promise<{ code: 0 }> {
    const verdict = verifyCallback(this.settings.callbackKey, input.t, input.sign, now);
    if (verdict === 'expired') throw new BizError('LIVE_CALLBACK_EXPIRED');
    if (verdict !== 'ok') throw new BizError('LIVE_CALLBACK_SIGNATURE_INVALID');
    const session = await this.sessions.findOne({ streamName: input.stream_id, hidden: { $ne: true } }, { status: 1 }).lean();
    const open: LiveStatus[] = input.kind === 'publish' ? ['scheduled', 'live'] : ['live'];
    const key = input.kind === 'publish' ? this.settings.pushKey : this.settings.playKey;
    const signature = verifyStreamQuery(key, input.stream_id, input.stream_param, now);
    if (!session || !open.includes(session.status) || signature !== 'ok') {
      this.logger.info(`live ${input.kind} of ${input.stream_id} refused (${session ? `${session.status}, ${signature}` : 'unknown stream'})`);
      throw new BizError('LIVE_MEDIA_REFUSED');
    }
    return { code: 0 };
  }

  /** Tencent stream callbacks (and the local media server's, translated to the same shape). */
  async handleCallback(body: TencentCallback, now = new Date()): Promise<{ code: 0 }> {
    const verdict = verifyCallback(this.settings.callbackKey, body.t, body.sign, now);
    if (verdict === 'expired') throw new BizError('LIVE_CALLBACK_EXPIRED');
    if (verdict !== 'ok') throw new BizError('LIVE_CALLBACK_SIGNATURE_INVALID');
    const event = EVENT_OF[body.event_type];
    if (!event || !body.stream_id) return { code: 0 };
    if (event === 'replay-ready' && body.video_url) {
      // Recorded while live (a dropped stream's file) or after: keep the file whatever the state change
      // below decides; a repeated report of the same file adds nothing.
      const recording = recordingOf({ ...body, video_url: body.video_url });
      await this.sessions.updateOne(
        { streamName: body.stream_id, status: { $in: ['live', 'ended', 'replay'] }, 'recordings.url': { $ne: recording.url } },
        { $push: { recordings: recording } },
      );
    }
    const sequence = body.sequence === undefined || body.sequence === '' ? undefined : String(body.sequence);
    await this.applyEvent(body.stream_id, event, `${sequence ?? ''}:${body.event_type}`, now, sequence);
    return { code: 0 };
  }

  private async applyEvent(streamName: string, event: StreamEvent, key: string, now: Date, sequence?: string): Promise<void> {
    const session = await this.sessions.findOne({ streamName }).lean();
    if (!session || session.eventKeys.includes(key)) return;
    const state = { status: session.status, interruptedAt: session.interruptedAt, publishSequence: session.publishSequence };
    const transition = applyStreamEvent(state, event, now, sequence);
    if (transition.kind === 'ignore') {
      this.logger.info(`live ${streamName}: ${event} ignored (${transition.reason})`);
      return;
    }
    const set: Partial<LiveSessionDoc> = { status: transition.to.status };
    const unset: Record<string, 1> = {};
    if (transition.reason === 'went-live') set.startedAt = now;
    if (transition.reason === 'ended') set.endedAt = now;
    if (transition.reason === 'interrupted') set.interruptedAt = now;
    if (transition.reason === 'resumed') unset.interruptedAt = 1;
    if ((transition.reason === 'went-live' || transition.reason === 'resumed') && transition.to.publishSequence) {
      set.publishSequence = transition.to.publishSequence;
    }
    // Going live tells the booked students: the notice is written with the transition (outbox).
    const wentLive = transition.reason === 'went-live';
    const notice = wentLive ? { pendingNotices: await this.startNotice(session, now) } : {};
    const updated = await this.sessions.findOneAndUpdate(
      { _id: session._id, status: session.status, eventKeys: { $ne: key } },
      { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}), $push: { eventKeys: { $each: [key], $slice: -50 }, ...notice } },
      { new: true },
    );
    if (!updated) return;
    this.logger.info(`live ${streamName}: ${transition.reason}`);
    this.room.streamChanged(session._id.toHexString(), updated.status, updated.status === 'live' && !!updated.interruptedAt);
    if (wentLive) await this.notices.flush(this.sessions, session._id);
    if (transition.reason === 'interrupted') this.scheduleSettle();
  }

  private scheduleSettle(): void {
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      this.settleInterrupted(new Date()).catch((err: Error) => this.logger.warn(`live settle failed: ${err.message}`));
    }, this.settings.graceSeconds * 1000 + 20);
    timer.unref();
    this.graceTimers.add(timer);
  }

  /**
   * Interrupted sessions whose grace period ran out are ended (idempotent; also run on reads). An ended
   * session with a recording offers its replay: the recording of a dropped stream usually arrives while
   * the session is still live (in its grace period), when the recording callback cannot change the state.
   * Ending first and then looking for recordings leaves no gap for a callback running in between.
   */
  async settleInterrupted(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.settings.graceSeconds * 1000);
    const due = { status: 'live' as const, interruptedAt: { $lte: cutoff } };
    const ids = (await this.sessions.find(due, { _id: 1 }).lean()).map(d => d._id);
    if (ids.length === 0) return;
    // The session ends when the push stopped (its grace period is not live time).
    const ending = await this.sessions.find({ ...due, _id: { $in: ids } }, { interruptedAt: 1 }).lean();
    for (const s of ending) {
      await this.sessions.updateOne({ _id: s._id, status: 'live', interruptedAt: s.interruptedAt }, { $set: { status: 'ended', endedAt: s.interruptedAt ?? now } });
    }
    await this.sessions.updateMany({ _id: { $in: ids }, status: 'ended', 'recordings.0': { $exists: true } }, { $set: { status: 'replay' } });
    const settled = await this.sessions.find({ _id: { $in: ids } }, { status: 1 }).lean();
    for (const s of settled) this.room.streamChanged(s._id.toHexString(), s.status, false);
  }

  /**
   * The start notice of every student booked when the session goes live (inbox item, and a subscribe
   * message where they hold a credit), pushed onto the session's outbox with the transition. Its key
   * names the session, so a repeated flush tells nobody twice; a student booking between this read
   * and the transition is not told (the recipients are fixed with the entry).
   */
  private async startNotice(session: Pick<LiveSessionDoc, '_id' | 'title' | 'hostName'>, now: Date): Promise<NoticeOutboxEntry> {
    const userIds = (await this.bookings.find({ sessionId: session._id }, { userId: 1 }).lean()).map(b => b.userId);
    return this.notices.outboxEntry(userIds, { type: 'live.started', sessionId: session._id.toHexString(), title: session.title, hostName: session.hostName, startedAt: now.toISOString() }, now);
  }

  // ---- helpers ----

  private endpoint(streamName: string) {
    return { domain: this.settings.pushDomain, appName: this.settings.appName, streamName };
  }

  private async visible(id: string, user?: AuthUser): Promise<LiveSessionDoc> {
    const doc = await this.sessions.findById(new Types.ObjectId(id)).lean();
    if (!doc) throw new BizError('LIVE_SESSION_NOT_FOUND');
    if (PUBLIC_STATUSES.includes(doc.status) && !doc.hidden) return doc;
    if (user && (user.roles.includes('bureau') || user.roles.includes('admin'))) return doc;
    const mine = user ? await this.enterprises.findMine(user) : null;
    if (mine && mine._id.equals(doc.enterpriseId)) return doc;
    throw new BizError('LIVE_SESSION_NOT_FOUND');
  }

  private async hosted(user: AuthUser, id: string): Promise<LiveSessionDoc> {
    const doc = await this.sessions.findById(new Types.ObjectId(id)).lean();
    if (!doc) throw new BizError('LIVE_SESSION_NOT_FOUND');
    const mine = await this.enterprises.findMine(user);
    if (!mine || !mine._id.equals(doc.enterpriseId)) throw new BizError('LIVE_NOT_HOST');
    return doc;
  }

  private async bookedIds(user: AuthUser | undefined, ids: Types.ObjectId[]): Promise<Set<string>> {
    if (!user || ids.length === 0) return new Set();
    const rows = await this.bookings.find({ userId: new Types.ObjectId(user.id), sessionId: { $in: ids } }, { sessionId: 1 }).lean();
    return new Set(rows.map(r => r.sessionId.toHexString()));
  }

  /** The demo sessions of the demo enterprises and jobs (seeded before); idempotent by seed key. */
  async seedDemo(calendar: DemoCalendar, count: SeedCounter, log: SeedLog): Promise<void> {
    const [enterprises, jobs, users] = await Promise.all([
      this.enterprises.seeded(LIVE_SESSION_SEEDS.map(s => s.enterprise)),
      this.jobs.seeded(LIVE_SESSION_SEEDS.flatMap(s => s.jobs)),
      this.users.demoAccounts(LIVE_SEED_ACCOUNTS),
    ]);
    const live = await applyLiveSeeds(this.db, { enterprises, jobs, users }, calendar, count);
    log(`live sessions: ${LIVE_SESSION_SEEDS.length} (示例)${live.skipped.length ? `, skipped (jobs missing): ${live.skipped.join(', ')}` : ''}`);
  }

  private toSummary(doc: LiveSessionDoc, booked?: boolean): LiveSessionSummary {
    return {
      id: doc._id.toHexString(),
      title: doc.title,
      coverUrl: doc.coverUrl,
      startAt: doc.startAt.toISOString(),
      status: doc.status,
      hostName: doc.hostName,
      bookingCount: doc.bookingCount,
      ...(booked === undefined ? {} : { booked }),
      mode: doc.channels ? 'channels' : 'player',
    };
  }

  private async toDetail(doc: LiveSessionDoc, withPlay: boolean, booked?: boolean, now = new Date()): Promise<LiveSessionDetail> {
    const jobs = await this.jobs.briefsOf(doc.jobIds);
    const byId = new Map(jobs.map(j => [j._id.toHexString(), j]));
    const cards: LiveJobCard[] = doc.jobIds.flatMap(id => {
      const j = byId.get(id.toHexString());
      return j ? [{ id: id.toHexString(), title: j.title, enterpriseName: j.enterpriseName, salaryMin: j.salaryMin, salaryMax: j.salaryMax }] : [];
    });
    const detail: LiveSessionDetail = {
      ...this.toSummary(doc, booked),
      jobs: cards,
      ...(doc.startedAt ? { startedAt: doc.startedAt.toISOString() } : {}),
      ...(doc.endedAt ? { endedAt: doc.endedAt.toISOString() } : {}),
      ...(doc.status === 'live' && doc.interruptedAt ? { interrupted: true as const } : {}),
      ...(doc.channels ? { channels: { finderUserName: doc.channels.finderUserName, ...(doc.channels.feedId ? { feedId: doc.channels.feedId } : {}), ...(doc.channels.nonceId ? { nonceId: doc.channels.nonceId } : {}) } } : {}),
    };
    if (withPlay && doc.status === 'live' && !doc.channels) {
      const expiry = signedUrlExpiry(doc, now, this.settings.urlTtlSeconds, this.settings.plannedMinutes);
      detail.play = playUrlsOf(
        {
          domain: this.settings.playDomain,
          appName: this.settings.appName,
          streamName: doc.streamName,
          httpBase: this.settings.playHttpBase,
          hls: this.settings.hls,
          webrtc: this.settings.webrtc,
        },
        this.settings.playKey,
        expiry,
      );
    }
    return detail;
  }
}
