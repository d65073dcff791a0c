import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { Types, type FilterQuery, type Model } from 'mongoose';
import type { DigestEntry, InboxItem, InboxPage, MarkAllReadResult, MarkReadResult, NoticeEvent, UnreadCount } from '../../contract/notice';
import type { SubscribeTopic } from '../../contract/subscription';
import { beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import { notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings } from '../../interface';
import { UserService } from '../user/user.service';
import { WeChatService } from '../wechat/wechat.service';
import { noticeKey, renderNotice, type NoticeTemplate } from './notice.catalogue';
import { DeliveryModel, type DeliveryDoc } from './notice.model';
import type { NoticeOutboxEntry, NoticeOutboxHolder } from '../../core/notice-outbox';
import { noticeOutboxEntry } from './notice.outbox';
import { digestDueAt, topicState, type TopicChoice } from './notice.rules';
import { deliveryId, eventPushId } from './push.rules';
import { TopicChoiceModel } from './topic.model';

const EPOCH = new Date(0);
/** Inbox statuses a user never sees as items of their own: held for, or gathered into, a digest. */
const HIDDEN = ['held', 'digested'] as const;

export interface InboxQueryInput {
  cursor?: string;
  limit: number;
  unreadOnly?: boolean;
}

type UserRef = Types.ObjectId | string;

/**
 * Telling users: the one owner of the inbox and of event notices. `tell(userIds, event)` writes the
 * inbox item of each user (once per event and user) and queues its subscribe message on the same
 * row; the worker's notice sender sends it (notice.sender.ts). Modules that change state and tell
 * in one go keep an outbox on their own documents (notice.outbox.ts) that `flush` and the worker's
 * drain turn into `tell` calls. docs/notice.md has the whole argument.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class NoticeService {
  @Inject()
  private db!: Database;

  @Inject()
  private wechat!: WeChatService;

  @Inject()
  private users!: UserService;

  @Config('app.notice')
  private settings!: AppSettings['notice'];

  @Config('app.push')
  private push!: AppSettings['push'];

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Logger()
  private logger!: ILogger;

  /** The clock the digest reads (tests move it across a week boundary). */
  now: () => Date = () => new Date();

  private readonly outboxes = new Map<string, Model<NoticeOutboxHolder>>();
  private readonly reminderSources = new Map<string, (now: Date) => Promise<number>>();
  private readonly queuedListeners = new Set<() => void>();
  private warnedOff = false;

  /** The configured subscribe template id of a catalogue template, '' when WeChat or the template is not configured. */
  templateId(template: NoticeTemplate): string {
    const id = this.settings.templates[template] ?? '';
    return id && this.wechat.configured ? id : '';
  }

  // ---------------------------------------------------------------- telling

  /**
   * Tells each user about the event: one inbox item per (event, user), written once however often
   * this is called, with its subscribe message queued on the same row when the event has a
   * configured template, WeChat is configured, the user wants the topic and has an openid. A topic
   * the user gathers into the weekly digest holds non-urgent events instead. Returns the number of
   * items written now.
   */
  async tell(userIds: readonly UserRef[], event: NoticeEvent, at: Date = new Date()): Promise<number> {
    const ids = objectIds(userIds);
    if (ids.length === 0) return 0;
    const notice = renderNotice(event, { at, policyFields: this.push.fields });
    const pushId = eventPushId(notice.key);
    const deliveries = this.db.model(DeliveryModel);
    const planned = ids.map(userId => ({ userId, _id: deliveryId(pushId, userId) }));
    const existing = new Set((await deliveries.find({ _id: { $in: planned.map(p => p._id) } }, { _id: 1 }).lean()).map(d => d._id.toHexString()));
    const fresh = planned.filter(p => !existing.has(p._id.toHexString()));
    if (fresh.length === 0) return 0;

    const templateId = notice.template ? this.templateId(notice.template) : '';
    if (notice.template && !templateId && !this.warnedOff) {
      this.warnedOff = true;
      this.logger.info('[notice] subscribe messages are off for some notices (WeChat credentials or WECHAT_TEMPLATE_* not configured): inbox only');
    }
    const [openids, choices] = await Promise.all([
      templateId ? this.users.openidsOf(fresh.map(f => f.userId)) : Promise.resolve(new Map<string, string>()),
      this.choicesOf(fresh.map(f => f.userId)),
    ]);
    const docs = fresh.map(({ userId, _id }): Omit<DeliveryDoc, 'readAt'> & { readAt: null } => {
      const key = userId.toHexString();
      const state = notice.topic === 'digest' ? { on: true, digest: false } : topicState(choices.get(key), notice.topic);
      const openid = openids.get(key);
      const status: DeliveryDoc['status'] =
        state.digest && !notice.urgent ? 'held' : !templateId ? 'off' : !state.on ? 'opted-out' : !openid ? 'failed' : 'pending';
      return {
        _id,
        pushId,
        userId,
        chunk: 0,
        source: notice.topic,
        type: event.type,
        page: notice.page,
        title: notice.title,
        summary: notice.summary,
        ...(event.type === 'digest.weekly' ? { digest: event.items } : {}),
        createdAt: at,
        readAt: null,
        status,
        ...(status === 'failed' ? { reason: 'no-openid' as const } : {}),
        ...(status === 'pending' ? { queue: 'send' as const, openid, templateId, data: notice.data } : {}),
        claim: null,
        claimedBy: null,
        leaseUntil: EPOCH,
        attempts: 0,
        nextAttemptAt: EPOCH,
        ambiguous: false,
        creditTaken: false,
        lastCredit: false,
      };
    });
    await insertIgnoringDuplicates(deliveries, docs);
    if (docs.some(d => d.status === 'pending')) for (const listener of this.queuedListeners) listener();
    return docs.length;
  }

  /** Called when a send is queued (the in-process worker wakes its sender instead of waiting for its poll). */
  onQueued(listener: () => void): void {
    this.queuedListeners.add(listener);
  }

  /** userId → stored topic choice (no document: every topic on, none in the digest). */
  private async choicesOf(userIds: readonly Types.ObjectId[]): Promise<Map<string, TopicChoice>> {
    const docs = await this.db
      .model(TopicChoiceModel)
      .find({ userId: { $in: userIds.map(id => id.toHexString()) } }, { userId: 1, topics: 1, off: 1, digest: 1 })
      .lean();
    return new Map(docs.map(d => [d.userId, d]));
  }

  // ---------------------------------------------------------------- outbox

  /**
   * Makes `model`'s documents an outbox the worker drains: entries older than `outboxGraceMs` were
   * left by a process that died between its state change and its flush. Call from the owning
   * service's `@Init` (with `@Autoload`, so a worker-only process registers it too).
   */
  /** The entry a state change pushes onto its document's `pendingNotices` (keyed by the event). */
  outboxEntry(userIds: ReadonlyArray<Types.ObjectId | string>, event: NoticeEvent, at: Date = new Date()): NoticeOutboxEntry {
    return noticeOutboxEntry(userIds, event, at);
  }

  registerOutbox<T extends NoticeOutboxHolder>(name: string, model: Model<T>): void {
    this.outboxes.set(name, model as unknown as Model<NoticeOutboxHolder>);
  }

  /**
   * Tells every pending entry of one document and pulls each entry once told. Never throws: the
   * state change is already made, and a failed flush is repeated by the worker's drain.
   */
  async flush<T extends NoticeOutboxHolder>(model: Model<T>, docId: Types.ObjectId): Promise<number> {
    const outbox = model as unknown as Model<NoticeOutboxHolder>;
    let told = 0;
    try {
      const doc = await outbox.findById(docId, { pendingNotices: 1 }).lean();
      for (const entry of doc?.pendingNotices ?? []) {
        await this.tell(entry.userIds, entry.event, entry.at);
        await outbox.updateOne({ _id: docId }, { $pull: { pendingNotices: { key: entry.key } } });
        told += 1;
      }
    } catch (err) {
      this.logger.warn(`[notice] flushing ${outbox.modelName} ${docId.toHexString()} failed, the worker will retry: ${(err as Error).message}`);
    }
    return told;
  }

  /** Flushes entries older than the grace period in every registered outbox. Returns entries told. */
  async drainOutboxes(now: Date = this.now()): Promise<number> {
    const before = new Date(now.getTime() - this.settings.outboxGraceMs);
    let told = 0;
    for (const outbox of this.outboxes.values()) {
      const due = await outbox.find({ 'pendingNotices.at': { $lte: before } }, { _id: 1 }).limit(100).lean();
      for (const doc of due) told += await this.flush(outbox, doc._id);
    }
    return told;
  }

  // ---------------------------------------------------------------- reminders

  /**
   * A module whose notices fall due at a time (fair reminders) registers a source from its `@Init`
   * (with `@Autoload`); the worker calls `fn(now)` every `NOTICE_REMINDER_CHECK_MS` (a minute). The source marks each
   * reminder and pushes it onto its own outbox in one conditional update, so two workers remind once.
   * Returns the number of reminders written. The notice module never imports the owners.
   */
  registerReminderSource(name: string, fn: (now: Date) => Promise<number>): void {
    this.reminderSources.set(name, fn);
  }

  /** Runs every registered reminder source; a failing source is logged and the others still run. */
  async sendReminders(now: Date = this.now()): Promise<number> {
    let written = 0;
    for (const [name, fn] of this.reminderSources) {
      try {
        written += await fn(now);
      } catch (err) {
        this.logger.warn(`[notice] reminder source ${name} failed, the next check retries: ${(err as Error).message}`);
      }
    }
    return written;
  }

  // ---------------------------------------------------------------- weekly digest

  /**
   * Gathers each user's held notices from before the latest digest time into one digest item
   * (its subscribe message queued like any notice). Idempotent per (user, week): a repeat after a
   * crash finds the digest written and only marks what it gathered.
   */
  async sendDigests(now: Date = this.now()): Promise<number> {
    const due = digestDueAt(now, this.settings.digestWeekday, this.settings.digestHour);
    const deliveries = this.db.model(DeliveryModel);
    const filter = { status: 'held' as const, createdAt: { $lt: due } };
    const users = (await deliveries.distinct('userId', filter)) as Types.ObjectId[];
    const week = beijingDay(due);
    for (const userId of users) {
      const held = await deliveries
        .find({ ...filter, userId }, { source: 1, contentId: 1, page: 1, title: 1, summary: 1, createdAt: 1 })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
      if (held.length === 0) continue;
      const items: DigestEntry[] = held.map(h => ({
        id: h._id.toHexString(),
        topic: (h.source ?? 'policy') as SubscribeTopic,
        title: h.title,
        summary: h.summary,
        ...(h.page ? { page: h.page } : {}),
        ...(h.contentId ? { contentId: h.contentId.toHexString() } : {}),
        createdAt: h.createdAt.toISOString(),
      }));
      const event: NoticeEvent = { type: 'digest.weekly', userId: userId.toHexString(), week, items };
      if ((await this.tell([userId], event, now)) === 0) {
        // This week's digest exists already (a repeat, or a notice held just as it was written):
        // add what it does not list yet.
        const digestId = deliveryId(eventPushId(noticeKey(event)), userId);
        const listed = new Set(((await deliveries.findById(digestId, { digest: 1 }).lean())?.digest ?? []).map(d => d.id));
        const missing = items.filter(i => !listed.has(i.id));
        if (missing.length) await deliveries.updateOne({ _id: digestId }, { $push: { digest: { $each: missing } } });
      }
      await deliveries.updateMany({ _id: { $in: held.map(h => h._id) }, status: 'held' }, { $set: { status: 'digested' } });
    }
    return users.length;
  }

  // ---------------------------------------------------------------- inbox

  async inbox(userId: string, query: InboxQueryInput): Promise<InboxPage> {
    const filter: FilterQuery<DeliveryDoc> = { userId: new Types.ObjectId(userId), status: { $nin: [...HIDDEN] } };
    if (query.unreadOnly) filter.readAt = null;
    if (query.cursor) filter.$and = [keysetAfter('createdAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.db
      .model(DeliveryModel)
      .find(filter, { source: 1, contentId: 1, kind: 1, page: 1, title: 1, summary: 1, digest: 1, createdAt: 1, readAt: 1 })
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean();
    return pageOf(docs, query.limit, toInboxItem, 'createdAt', this.auth.tokenSecret);
  }

  /** One item of the caller's inbox (the digest page reads its list here). */
  async item(userId: string, id: string): Promise<InboxItem> {
    const doc = await this.db
      .model(DeliveryModel)
      .findOne({ _id: new Types.ObjectId(id), userId: new Types.ObjectId(userId), status: { $nin: [...HIDDEN] } })
      .lean();
    if (!doc) throw notFound('消息');
    return toInboxItem(doc);
  }

  async unread(userId: string): Promise<UnreadCount> {
    const unread = await this.db.model(DeliveryModel).countDocuments({ userId: new Types.ObjectId(userId), readAt: null, status: { $nin: [...HIDDEN] } });
    return { unread };
  }

  /** Idempotent: a repeat returns the first `readAt`. */
  async markRead(userId: string, id: string): Promise<MarkReadResult> {
    const deliveries = this.db.model(DeliveryModel);
    const owner = new Types.ObjectId(userId);
    const _id = new Types.ObjectId(id);
    const marked = await deliveries.findOneAndUpdate({ _id, userId: owner, readAt: null }, { $set: { readAt: new Date() } }, { new: true }).lean();
    const doc = marked ?? (await deliveries.findOne({ _id, userId: owner }, { readAt: 1 }).lean());
    if (!doc?.readAt) throw notFound('通知');
    return { id, readAt: doc.readAt.toISOString() };
  }

  async markAllRead(userId: string): Promise<MarkAllReadResult> {
    const result = await this.db
      .model(DeliveryModel)
      .updateMany({ userId: new Types.ObjectId(userId), readAt: null, status: { $nin: [...HIDDEN] } }, { $set: { readAt: new Date() } });
    return { marked: result.modifiedCount };
  }
}

function objectIds(ids: readonly UserRef[]): Types.ObjectId[] {
  const out = new Map<string, Types.ObjectId>();
  for (const id of ids) {
    if (typeof id !== 'string') out.set(id.toHexString(), id);
    else if (Types.ObjectId.isValid(id)) out.set(id, new Types.ObjectId(id));
  }
  return [...out.values()];
}

function toInboxItem(d: Pick<DeliveryDoc, '_id' | 'source' | 'contentId' | 'kind' | 'page' | 'title' | 'summary' | 'digest' | 'createdAt' | 'readAt'>): InboxItem {
  return {
    id: d._id.toHexString(),
    source: d.source ?? 'policy',
    ...(d.contentId ? { contentId: d.contentId.toHexString() } : {}),
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.page ? { page: d.page } : {}),
    title: d.title,
    summary: d.summary,
    ...(d.digest?.length ? { digest: d.digest.map(e => ({ ...e })) } : {}),
    createdAt: d.createdAt.toISOString(),
    ...(d.readAt ? { readAt: d.readAt.toISOString() } : {}),
  };
}

/** insertMany that treats "already there" (a retried expansion or event) as success. */
export async function insertIgnoringDuplicates<T>(model: { insertMany: (docs: T[], opts: { ordered: false; lean: true }) => Promise<unknown> }, docs: T[]): Promise<void> {
  try {
    await model.insertMany(docs, { ordered: false, lean: true });
  } catch (err) {
    const e = err as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
    const errors = e.writeErrors ?? (e.code !== undefined ? [{ code: e.code }] : []);
    if (errors.length === 0 || errors.some(w => (w.code ?? w.err?.code) !== 11000)) throw err;
  }
}
