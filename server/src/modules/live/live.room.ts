import { Config, ILogger, Init, Inject, Logger, OnWSConnection, Provide, Scope, ScopeEnum, WSController } from '@midwayjs/core';
import type { IncomingMessage } from 'http';
import { Types } from 'mongoose';
import type WebSocket from 'ws';
import { ERROR_CODES, type ErrorCode } from '../../contract/error-codes';
import type { LiveClientEvent, LiveJobCard, LiveRoomMessage, LiveServerEvent, LiveStatus } from '../../contract/live';
import { unsafeTextAt } from '../../contract/text';
import { Database } from '../../core/database';
import { Drain } from '../../core/drain';
import { BizError } from '../../core/errors';
import type { ProxyTrust } from '../../core/client-address.rules';
import { clientAddress, RateLimits } from '../../core/rate-limit';
import { RedisConnections } from '../../core/redis';
import { SessionVersions } from '../../core/session-version';
import type { AppSettings, AuthUser, LiveSettings } from '../../interface';
import { verifyAccessToken } from '../../core/tokens';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { ApplicationService } from '../job/application.service';
import { JobService } from '../job/job.service';
import { UserService } from '../user/user.service';
import { ContentSecurityService } from '../wechat/content-security.service';
import { LiveMessageModel, LiveSessionModel, LiveViewModel, type LiveMessageDoc } from './live.model';
import { checkChatText, liveSecondsBetween, streamOffsetMs } from './live.rules';

/** Words refused in the room before WeChat's check; `app.live.bannedWords` (LIVE_BANNED_WORDS) adds more. */
const BANNED_WORDS = ['赌博', '博彩', '代考', '刷单', '裸聊'];
const HISTORY_LIMIT = 200;
/** Draws of a message number before giving up (a draw only fails when another writer took the number). */
const SEQ_ATTEMPTS = 5;
/** WebSocket close codes (4000–4999 are the application's). */
/** 1012 (service restart) is the standard code the client takes as "reconnect now, to another process". */
const CLOSE = { unauthenticated: 4401, notFound: 4404, removed: 4403, takenDown: 4410, restarting: 1012 } as const;
/** How long a drain waits for viewers to answer the close before it cuts their sockets. */
const DRAIN_CLOSE_WAIT_MS = 2_000;
/** Room events travel through this Redis channel when Redis is configured, so viewers on every process get them. */
const CHANNEL = 'liulian:live:room';

interface RoomEnvelope {
  sessionId: string;
  event: LiveServerEvent;
}

interface Client {
  socket: WebSocket;
  user: AuthUser;
  nickname: string;
  /** For WeChat's text check; absent for users who never signed in through WeChat. */
  openid?: string;
  host: boolean;
  /** Chat and likes are limited per user and per address (app.rateLimits), shared by every process. */
  ip: string;
}

function send(socket: WebSocket, event: LiveServerEvent): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
}

function errorEvent(code: ErrorCode): LiveServerEvent {
  return { type: 'error', code, message: ERROR_CODES[code].message };
}

export function toRoomMessage(doc: LiveMessageDoc): LiveRoomMessage {
  return {
    id: doc._id.toHexString(),
    seq: doc.seq,
    userId: doc.userId.toHexString(),
    nickname: doc.nickname,
    kind: doc.kind,
    text: doc.text,
    host: doc.host,
    offsetMs: doc.offsetMs,
    at: doc.at.toISOString(),
  };
}

function parseEvent(raw: string): LiveClientEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const hex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{24}$/.test(v);
  switch (e.type) {
    case 'chat':
      return typeof e.text === 'string' && e.text.length <= 2000 ? { type: 'chat', text: e.text, question: e.question === true } : null;
    case 'like':
      return { type: 'like' };
    case 'pin':
      return e.jobId === null || hex(e.jobId) ? { type: 'pin', jobId: e.jobId } : null;
    case 'apply':
      return hex(e.jobId) ? { type: 'apply', jobId: e.jobId } : null;
    case 'mute':
    case 'remove':
      return hex(e.userId) ? { type: e.type, userId: e.userId } : null;
    default:
      return null;
  }
}

/**
 * The live room: one process keeps the sockets of its viewers per session; state that must survive a
 * reconnect (messages, pin, mutes, likes) is in the session and message collections.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class LiveRoomService {
  @Inject()
  private db!: Database;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private applications!: ApplicationService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private users!: UserService;

  @Inject()
  private security!: ContentSecurityService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Config('app.live')
  private settings!: LiveSettings;

  @Inject()
  private redis!: RedisConnections;

  @Inject()
  private drain!: Drain;

  @Config('app.proxyTrust')
  private proxyTrust!: ProxyTrust;

  @Inject()
  private versions!: SessionVersions;

  @Inject()
  private limits!: RateLimits;

  @Logger()
  private logger!: ILogger;

  private readonly rooms = new Map<string, Set<Client>>();
  private readonly writing = new Map<string, Promise<void>>();
  /** Bookkeeping after a socket closed (viewer count, watch time), awaited by a drain. */
  private readonly closing = new Set<Promise<void>>();
  private bannedWords: readonly string[] = BANNED_WORDS;

  @Init()
  async init(): Promise<void> {
    this.bannedWords = [...BANNED_WORDS, ...(this.settings.bannedWords ?? [])];
    this.drain.onDrain(() => this.closeAllForRestart());
    if (!this.redis.enabled) return;
    // Events published while the subscriber was down are lost; counts and states are re-sent by the next event.
    await this.redis.subscribe(CHANNEL, raw => this.deliver(JSON.parse(raw) as RoomEnvelope), () => undefined);
    this.logger.info('live room events via Redis pub/sub');
  }

  /** On a stop: every socket closes with the reconnect hint; their close handlers still reach the database. */
  private async closeAllForRestart(): Promise<void> {
    const clients = [...this.rooms.values()].flatMap(room => [...room]);
    if (clients.length === 0) return;
    const closed = clients.map(c => new Promise(resolve => (c.socket.readyState === c.socket.CLOSED ? resolve(null) : c.socket.once('close', resolve))));
    for (const c of clients) c.socket.close(CLOSE.restarting, 'restarting');
    const timer = new Promise(resolve => setTimeout(resolve, DRAIN_CLOSE_WAIT_MS));
    await Promise.race([Promise.all(closed), timer]);
    for (const c of clients) if (c.socket.readyState !== c.socket.CLOSED) c.socket.terminate();
    // The viewers' counts and watch time are written while the database is still open.
    await Promise.race([Promise.all([...this.closing]), new Promise(resolve => setTimeout(resolve, DRAIN_CLOSE_WAIT_MS))]);
    this.logger.info(`live rooms: ${clients.length} sockets closed for a restart`);
  }

  private afterClose(work: Promise<void>): void {
    this.closing.add(work);
    void work.finally(() => this.closing.delete(work));
  }

  /** Viewers (the host is not one) in a room across processes (a Redis counter) or in this process. */
  private async viewerCount(sessionId: string, delta: 1 | -1 | 0): Promise<number> {
    const local = this.localViewers(sessionId).length;
    const redis = this.redis.commands();
    if (!redis) return local;
    const key = `liulian:live:viewers:${sessionId}`;
    try {
      const count = delta > 0 ? await redis.incr(key) : delta < 0 ? await redis.decr(key) : Number((await redis.get(key)) ?? 0);
      return Math.max(0, count);
    } catch (err) {
      this.logger.warn(`live viewer count from this process only: ${(err as Error).message}`);
      return local;
    }
  }

  private localViewers(sessionId: string): Client[] {
    return [...(this.rooms.get(sessionId) ?? [])].filter(c => !c.host);
  }

  /**
   * The media service changed the stream's state (LiveService after a callback or the grace period):
   * every room member is told, on every process. Going live starts the statistics: the viewers in the
   * room from then on count, and the peak.
   */
  streamChanged(sessionId: string, status: LiveStatus, interrupted: boolean): void {
    this.broadcast(sessionId, { type: 'status', status, interrupted });
  }

  /** The session was taken down: every member is told why and the room closes, on every process. */
  takenDown(sessionId: string, reason: string): void {
    this.broadcast(sessionId, { type: 'taken-down', reason });
  }

  private get sessions() {
    return this.db.model(LiveSessionModel);
  }

  async accept(socket: WebSocket, request: IncomingMessage): Promise<void> {
    // A client may send as soon as the socket opens, while the join below is still reading the
    // database; ws drops events nobody listens to, so they wait here until the join is done.
    const early: WebSocket.RawData[] = [];
    let onMessage: (data: WebSocket.RawData) => void = data => early.push(data);
    socket.on('message', (data: WebSocket.RawData) => onMessage(data));
    if (!this.drain.ready) {
      socket.close(CLOSE.restarting, 'restarting');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://room');
    if (url.pathname !== '/api/live/ws') {
      socket.close(CLOSE.notFound, 'not found');
      return;
    }
    const verified = verifyAccessToken(url.searchParams.get('token') ?? '', this.auth.tokenSecret, Math.floor(Date.now() / 1000));
    if (!verified.ok) {
      send(socket, errorEvent('UNAUTHENTICATED'));
      socket.close(CLOSE.unauthenticated, 'unauthenticated');
      return;
    }
    // A token from before a logout or a change of roles joins no room, as it calls no API.
    if (!(await this.versions.isCurrent(verified.claims))) {
      send(socket, errorEvent('TOKEN_REVOKED'));
      socket.close(CLOSE.unauthenticated, 'unauthenticated');
      return;
    }
    const { sub, sid, roles, scope } = verified.claims;
    const user: AuthUser = { id: sub, sessionId: sid, roles, scope };
    const sessionId = url.searchParams.get('session') ?? '';
    const session = /^[0-9a-f]{24}$/.test(sessionId)
      ? await this.sessions.findOne({ _id: new Types.ObjectId(sessionId), status: { $in: ['scheduled', 'live', 'ended', 'replay'] }, hidden: { $ne: true } }).lean()
      : null;
    if (!session) {
      send(socket, errorEvent('LIVE_SESSION_NOT_FOUND'));
      socket.close(CLOSE.notFound, 'not found');
      return;
    }
    if (session.removedIds.some(id => id.equals(user.id))) {
      send(socket, { type: 'removed', userId: user.id });
      socket.close(CLOSE.removed, 'removed');
      return;
    }
    const mine = user.roles.includes('recruiter') ? await this.enterprises.findMine(user) : null;
    const [profile, openid] = await Promise.all([this.users.cardOf(user.id), this.users.openidOf(user.id)]);
    const client: Client = {
      socket,
      user,
      nickname: profile?.nickname ?? '同学',
      openid,
      host: !!mine && mine._id.equals(session.enterpriseId),
      ip: clientAddress(request, this.proxyTrust),
    };

    // The join read the database since the check above: a drain that began meanwhile has already
    // closed the rooms' sockets, and this one, left open, would hold the process's stop.
    if (!this.drain.ready) {
      socket.close(CLOSE.restarting, 'restarting');
      return;
    }
    const room = this.rooms.get(sessionId) ?? new Set<Client>();
    this.rooms.set(sessionId, room);
    room.add(client);
    // The host's console is in the room but never a viewer: not counted, no watch time, not in the peak.
    const counted = client.host ? this.viewerCount(sessionId, 0) : this.viewerCount(sessionId, 1);
    const joinedAt = new Date();
    socket.on('close', () => {
      room.delete(client);
      if (room.size === 0) this.rooms.delete(sessionId);
      if (client.host) return;
      this.afterClose(counted
        .then(() => this.viewerCount(sessionId, -1))
        .then(count => this.broadcast(sessionId, { type: 'viewers', count }))
        .catch((err: Error) => this.logger.warn(`live viewer count not updated: ${err.message}`)));
      this.afterClose(this.recordWatch(session._id, user.id, joinedAt, new Date())
        .catch((err: Error) => this.logger.warn(`live watch time not recorded: ${err.message}`)));
    });
    const viewers = await counted;
    if (!client.host) {
      const viewer = { sessionId: session._id, userId: new Types.ObjectId(user.id) };
      const live = session.status === 'live';
      await this.db.model(LiveViewModel).updateOne(viewer, { $setOnInsert: viewer, $inc: { joins: 1 }, ...(live ? { $set: { watched: true } } : {}) }, { upsert: true });
      if (live) await this.sessions.updateOne({ _id: session._id }, { $max: { peakViewers: viewers } });
    }
    onMessage = (data: WebSocket.RawData) => {
      const event = parseEvent(data.toString());
      if (!event) {
        send(socket, errorEvent('VALIDATION_FAILED'));
        return;
      }
      this.handle(sessionId, client, event).catch((err: Error) => {
        if (err instanceof BizError) send(socket, errorEvent(err.code));
        else {
          this.logger.error(`live room ${sessionId}: ${err.message}`);
          send(socket, errorEvent('INTERNAL'));
        }
      });
    };

    const since = Number(url.searchParams.get('since') ?? 0);
    const history = await this.db
      .model(LiveMessageModel)
      .find({ sessionId: session._id, seq: { $gt: Number.isInteger(since) && since > 0 ? since : 0 }, hidden: { $ne: true } })
      .sort({ seq: -1 })
      .limit(HISTORY_LIMIT)
      .lean();
    send(socket, {
      type: 'welcome',
      host: client.host,
      viewers,
      likes: session.likeCount,
      pinned: await this.card(session.pinnedJobId),
      history: history.reverse().map(toRoomMessage),
      applied: await this.appliedJobs(user, session.jobIds),
      status: session.status,
      interrupted: session.status === 'live' && !!session.interruptedAt,
      muted: session.mutedIds.some(id => id.equals(user.id)),
    });
    this.broadcast(sessionId, { type: 'viewers', count: viewers });
    early.splice(0).forEach(data => onMessage(data));
  }

  /** Featured jobs the student has already applied to, so the cards show 已投递 from the start. */
  private async appliedJobs(user: AuthUser, jobIds: Types.ObjectId[]): Promise<string[]> {
    if (!user.roles.includes('student') || jobIds.length === 0) return [];
    return this.applications.appliedAmong(user.id, jobIds);
  }

  private async handle(sessionId: string, client: Client, event: LiveClientEvent): Promise<void> {
    // Chat is the hot path: its one conditional update also reads what it needs (mute, stream start).
    if (event.type === 'chat') return this.chat(sessionId, client, event.text, event.question === true);
    if (event.type === 'like') {
      // Over the limit a like is refused, not counted: one viewer cannot inflate the total.
      await this.limits.consume('like', 'user', client.user.id);
      await this.limits.consume('like', 'ip', client.ip);
    }
    const session = await this.sessions.findById(sessionId).lean();
    if (!session) throw new BizError('LIVE_SESSION_NOT_FOUND');
    switch (event.type) {
      case 'like': {
        const updated = await this.sessions.findOneAndUpdate({ _id: session._id }, { $inc: { likeCount: 1 } }, { new: true }).lean();
        this.broadcast(sessionId, { type: 'likes', count: updated?.likeCount ?? session.likeCount + 1 });
        return;
      }
      case 'pin': {
        this.requireHost(client);
        if (event.jobId && !session.jobIds.some(id => id.equals(event.jobId as string))) throw new BizError('LIVE_JOBS_INVALID');
        await this.sessions.updateOne(
          { _id: session._id },
          event.jobId ? { $set: { pinnedJobId: new Types.ObjectId(event.jobId) } } : { $unset: { pinnedJobId: 1 } },
        );
        this.broadcast(sessionId, { type: 'pinned', job: await this.card(event.jobId ? new Types.ObjectId(event.jobId) : undefined) });
        return;
      }
      case 'apply': {
        if (!client.user.roles.includes('student')) throw new BizError('FORBIDDEN');
        if (!session.jobIds.some(id => id.equals(event.jobId))) throw new BizError('LIVE_JOBS_INVALID');
        let applicationId: string;
        try {
          const source = { kind: 'live' as const, sessionId, sessionTitle: session.title };
          applicationId = (await this.applications.apply(client.user, event.jobId, { source })).id;
        } catch (err) {
          // A second tap (or a retry after a dropped answer) confirms the application that exists.
          if (!(err instanceof BizError && err.code === 'JOB_ALREADY_APPLIED')) throw err;
          const existing = await this.applications.idOf(client.user.id, event.jobId);
          if (!existing) throw err;
          send(client.socket, { type: 'applied', jobId: event.jobId, applicationId: existing.toHexString() });
          return;
        }
        send(client.socket, { type: 'applied', jobId: event.jobId, applicationId });
        const card = await this.card(new Types.ObjectId(event.jobId));
        this.broadcast(sessionId, { type: 'application', jobId: event.jobId, title: card?.title ?? '' });
        return;
      }
      case 'mute':
      case 'remove': {
        this.requireHost(client);
        const target = new Types.ObjectId(event.userId);
        if (target.equals(client.user.id)) throw new BizError('VALIDATION_FAILED');
        await this.sessions.updateOne({ _id: session._id }, { $addToSet: event.type === 'mute' ? { mutedIds: target } : { removedIds: target } });
        // A removed viewer's messages leave the room's history and the replay (the clients drop them on this event).
        if (event.type === 'remove') await this.db.model(LiveMessageModel).updateMany({ sessionId: session._id, userId: target }, { $set: { hidden: true } });
        this.broadcast(sessionId, { type: event.type === 'mute' ? 'muted' : 'removed', userId: event.userId });
        return;
      }
    }
  }

  private async chat(sessionId: string, client: Client, raw: string, question: boolean): Promise<void> {
    // Socket messages pass no DTO: the one text rule is applied here (control characters, bidi overrides).
    if (unsafeTextAt(raw)) throw new BizError('TEXT_CHARACTER_NOT_ALLOWED');
    const verdict = checkChatText(raw, this.bannedWords);
    if (!verdict.ok) throw new BizError(verdict.code);
    await this.limits.consume('chat', 'user', client.user.id, 'LIVE_CHAT_RATE_LIMITED');
    await this.limits.consume('chat', 'ip', client.ip, 'LIVE_CHAT_RATE_LIMITED');
    // A failed check lets the message through: the word list has run, and chat should not stop when WeChat does.
    if ((await this.security.check({ openid: client.openid, scene: 2, content: verdict.text })) === 'refused') {
      throw new BizError('LIVE_CHAT_BANNED_WORD');
    }
    const doc = await this.store(sessionId, {
      userId: new Types.ObjectId(client.user.id),
      nickname: client.host ? `${client.nickname}（主播）` : client.nickname,
      kind: question && !client.host ? 'question' : 'chat',
      text: verdict.text,
      host: client.host,
    });
    this.broadcast(sessionId, { type: 'message', message: toRoomMessage(doc) });
  }

  /**
   * Runs a session's numbering draws one after another in this process (the embedded stand-in's
   * findAndModify can hand two concurrent callers the same value). Only the draw is queued, so the
   * queue stays one database round trip deep per message.
   */
  private inOrder<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (this.writing.get(key) ?? Promise.resolve()).then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(key, tail);
    void tail.then(() => {
      if (this.writing.get(key) === tail) this.writing.delete(key);
    });
    return run;
  }

  /**
   * Numbers and stores one message. The number is drawn by a conditional update that also refuses a
   * muted sender. The unique (sessionId, seq) index is the arbiter between processes: a number another
   * writer took is skipped and the next one drawn; the gap is harmless for `since`.
   */
  private async store(sessionId: string, fields: Pick<LiveMessageDoc, 'userId' | 'nickname' | 'kind' | 'text' | 'host'>): Promise<LiveMessageDoc> {
    const _id = new Types.ObjectId(sessionId);
    for (let attempt = 1; ; attempt += 1) {
      const numbered = await this.inOrder(sessionId, () =>
        this.sessions
          .findOneAndUpdate({ _id, mutedIds: { $ne: fields.userId } }, { $inc: { messageSeq: 1 } }, { new: true, projection: { messageSeq: 1, startedAt: 1 } })
          .lean(),
      );
      if (!numbered) throw new BizError((await this.sessions.exists({ _id })) ? 'LIVE_MUTED' : 'LIVE_SESSION_NOT_FOUND');
      const at = new Date();
      try {
        const doc = await this.db.model(LiveMessageModel).create({
          ...fields,
          sessionId: _id,
          seq: numbered.messageSeq,
          offsetMs: streamOffsetMs(numbered.startedAt, at),
          at,
        });
        return doc.toObject() as LiveMessageDoc;
      } catch (err) {
        if ((err as { code?: unknown }).code !== 11000 || attempt >= SEQ_ATTEMPTS) throw err;
        this.logger.info(`live room ${sessionId}: seq ${numbered.messageSeq} taken, drawing another`);
      }
    }
  }

  private requireHost(client: Client): void {
    if (!client.host) throw new BizError('LIVE_NOT_HOST');
  }

  private async card(jobId?: Types.ObjectId): Promise<LiveJobCard | null> {
    if (!jobId) return null;
    const j = await this.jobs.briefOf(jobId);
    return j ? { id: j._id.toHexString(), title: j.title, enterpriseName: j.enterpriseName, salaryMin: j.salaryMin, salaryMax: j.salaryMax } : null;
  }

  /**
   * Watch time is time in the room while the session was live: the live period is read when the viewer
   * leaves, so a viewer who waited for the start counts from the start.
   */
  private async recordWatch(sessionId: Types.ObjectId, userId: string, joinedAt: Date, leftAt: Date): Promise<void> {
    const session = await this.sessions.findById(sessionId, { startedAt: 1, endedAt: 1 }).lean();
    const seconds = liveSecondsBetween(joinedAt, leftAt, session?.startedAt, session?.endedAt);
    if (seconds > 0) await this.db.model(LiveViewModel).updateOne({ sessionId, userId: new Types.ObjectId(userId) }, { $inc: { seconds } });
  }

  /** Going live (not resuming): this process's viewers in the room count from now, and so does the peak. */
  private async startWatching(sessionId: string): Promise<void> {
    const viewers = this.localViewers(sessionId);
    if (viewers.length > 0) {
      await this.db.model(LiveViewModel).updateMany(
        { sessionId: new Types.ObjectId(sessionId), userId: { $in: viewers.map(v => new Types.ObjectId(v.user.id)) } },
        { $set: { watched: true } },
      );
    }
    const count = await this.viewerCount(sessionId, 0);
    await this.sessions.updateOne({ _id: new Types.ObjectId(sessionId) }, { $max: { peakViewers: count } });
  }

  private broadcast(sessionId: string, event: LiveServerEvent): void {
    if (this.redis.enabled) {
      this.redis.publish(CHANNEL, JSON.stringify({ sessionId, event } satisfies RoomEnvelope))
        .catch((err: Error) => this.logger.warn(`live room event not published: ${err.message}`));
      return;
    }
    this.deliver({ sessionId, event });
  }

  private deliver({ sessionId, event }: RoomEnvelope): void {
    if (event.type === 'status' && event.status === 'live' && !event.interrupted) {
      this.startWatching(sessionId).catch((err: Error) => this.logger.warn(`live viewers not counted at start: ${err.message}`));
    }
    // Encoded once: ws would turn a string into a new Buffer for every socket.
    const payload = Buffer.from(JSON.stringify(event));
    for (const c of this.rooms.get(sessionId) ?? []) {
      // Who applied is the host's business, not the other viewers'.
      if (event.type === 'application' && !c.host) continue;
      if (c.socket.readyState === c.socket.OPEN) c.socket.send(payload, { binary: false });
      if (event.type === 'removed' && c.user.id === event.userId) c.socket.close(CLOSE.removed, 'removed');
      if (event.type === 'taken-down') c.socket.close(CLOSE.takenDown, 'taken down');
    }
  }
}

/** Mini-program sockets are plain WebSocket; every connection is a room join. */
@WSController()
export class LiveRoomSocket {
  @Inject()
  private room!: LiveRoomService;

  @OnWSConnection()
  async onConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    await this.room.accept(socket, request);
  }
}
