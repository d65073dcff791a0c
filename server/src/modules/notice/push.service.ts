import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { hostname } from 'os';
import { Types } from 'mongoose';
import type { PushStats } from '../../contract/notice';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import type { AppSettings, AuthUser } from '../../interface';
import { audienceFit } from '../../contract/audience';
import { UserService } from '../user/user.service';
import { renderNotice } from './notice.catalogue';
import { DeliveryModel, type DeliveryDoc } from './notice.model';
import { topicState } from './notice.rules';
import { NoticeService, insertIgnoringDuplicates } from './notice.service';
import { PushChunkModel, PushModel, type PushDoc } from './push.model';
import { audiencePrefilter, deliveryId, foldStats, type StatusCount } from './push.rules';
import { SubscriptionModel } from './subscription.model';
import { TopicChoiceModel } from './topic.model';

const EXPAND_LEASE_MS = 2 * 60_000;
const EPOCH = new Date(0);

/** What a push copies from the published entry (content's records satisfy it as they are). */
export interface PublishedEntry {
  _id: Types.ObjectId;
  kind: PushDoc['kind'];
  version: number;
  title: string;
  summary: string;
  issuer: string;
  publishedAt?: Date | null;
  audience: PushDoc['audience'];
  owner?: PushDoc['owner'];
  createdBy?: string;
}

/** Policies published since a time (at most `limit`), for the sweep that plans missed pushes. */
export type PolicySource = (since: Date, limit: number) => Promise<PublishedEntry[]>;

/**
 * Policy pushes: planning a push when a policy version is published, writing one delivery per
 * recipient (also the student's inbox item, worded by the notice catalogue), and per-push
 * statistics. Sending is the worker's job (push.worker.ts). A push is the chunked path for large
 * audiences; every other notice goes through `NoticeService.tell`.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PushService {
  @Inject()
  private db!: Database;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private users!: UserService;

  @Config('app.push')
  private settings!: AppSettings['push'];

  @Logger()
  private logger!: ILogger;

  private warnedOff = false;
  private workerName = '';
  private lastSweep = 0;
  private policySource: PolicySource = async () => [];

  /** This process's worker name: the stable PUSH_WORKER_ID, or host:pid. */
  get workerId(): string {
    this.workerName ||= this.settings.workerId || `${hostname()}:${process.pid}`;
    return this.workerName;
  }

  get sendingEnabled(): boolean {
    return this.notices.templateId('policyNotice') !== '';
  }

  // ---------------------------------------------------------------- planning

  /**
   * Records the push of a just-published policy version (once per version) and starts writing its
   * recipients in the background; a worker finishes the job if this process stops first.
   */
  async planForPublish(content: PublishedEntry, version: number, actorId: string, opts: { wait?: boolean } = {}): Promise<Types.ObjectId | null> {
    if (content.kind !== 'policy') return null;
    const sending = this.sendingEnabled;
    if (!sending && !this.warnedOff) {
      this.warnedOff = true;
      this.logger.info('[push] WeChat sending is off (no credentials or WECHAT_TEMPLATE_POLICY_NOTICE): notices go to the inbox only');
    }
    const pushes = this.db.model(PushModel);
    try {
      await pushes.updateOne(
        { contentId: content._id, version },
        {
          $setOnInsert: {
            kind: content.kind,
            title: content.title,
            summary: content.summary,
            issuer: content.issuer,
            publishedAt: content.publishedAt ?? new Date(),
            audience: content.audience,
            owner: content.owner ?? {},
            sending,
            templateId: sending ? this.notices.templateId('policyNotice') : '',
            expandState: 'pending',
            expandLeaseUntil: EPOCH,
            audienceSize: 0,
            chunks: 0,
            createdBy: actorId,
            createdAt: new Date(),
          },
        },
        { upsert: true },
      );
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const push = await pushes.findOne({ contentId: content._id, version }, { _id: 1 }).lean();
    if (!push) return null;
    if (opts.wait) {
      await this.expand(push._id);
      return push._id;
    }
    this.expand(push._id).catch(err => this.logger.error(`[push] expanding ${push._id.toHexString()} failed, a worker will resume it: ${(err as Error).message}`));
    return push._id;
  }

  /** The publish path: planning never fails a publish; a worker's `planMissing` catches up. */
  async planAfterPublish(content: PublishedEntry, version: number, actorId: string): Promise<void> {
    try {
      await this.planForPublish(content, version, actorId);
    } catch (err) {
      this.logger.error(`[push] planning ${content._id.toHexString()} v${version} failed, a worker will plan it: ${(err as Error).message}`);
    }
  }

  /**
   * Writes every recipient's delivery and the chunks workers claim. Idempotent and resumable:
   * delivery ids are derived from (push, student), inserts ignore duplicates, chunks are upserted.
   * Returns false when another process holds the expansion lease or it is already done.
   */
  async expand(pushId: Types.ObjectId): Promise<boolean> {
    const pushes = this.db.model(PushModel);
    const now = new Date();
    const push = await pushes
      .findOneAndUpdate(
        { _id: pushId, expandState: 'pending', expandLeaseUntil: { $lte: now } },
        { $set: { expandLeaseUntil: new Date(now.getTime() + EXPAND_LEASE_MS), expandedBy: this.workerId } },
        { new: true },
      )
      .lean();
    if (!push) return false;

    // Credits are looked up once per push; the worker re-reads them by id when it sends.
    const credits = push.sending ? await this.creditHolders(push.templateId) : new Map<string, Types.ObjectId>();
    const choices = await this.policyChoices();
    const notice = renderNotice(
      { type: 'policy.published', contentId: push.contentId.toHexString(), title: push.title, summary: push.summary, issuer: push.issuer, publishedAt: push.publishedAt.toISOString() },
      { at: push.createdAt, policyFields: this.settings.fields },
    );
    const users = this.users.studentsMatching(audiencePrefilter(push.audience));

    let group: Array<Omit<DeliveryDoc, 'readAt'>> = [];
    let seq = 0;
    let audience = 0;
    const flush = async (): Promise<void> => {
      if (group.length === 0) return;
      const docs = group;
      group = [];
      await insertIgnoringDuplicates(this.db.model(DeliveryModel), docs);
      const pending = docs.filter(d => d.status === 'pending').map(d => d._id);
      if (pending.length > 0) {
        await this.db.model(PushChunkModel).updateOne(
          { pushId: push._id, seq },
          { $addToSet: { deliveryIds: { $each: pending } }, $setOnInsert: { state: 'pending', nextAttemptAt: EPOCH, claim: null, claimedBy: null, leaseUntil: EPOCH } },
          { upsert: true },
        );
      }
      seq += 1;
      await pushes.updateOne({ _id: push._id }, { $set: { expandLeaseUntil: new Date(Date.now() + EXPAND_LEASE_MS) } });
    };

    for await (const user of users) {
      if (!audienceFit(push.audience, user.profile ?? {}).matches) continue;
      audience += 1;
      const userKey = user._id.toHexString();
      const subId = credits.get(userKey);
      const status: DeliveryDoc['status'] = choices.digest.has(userKey)
        ? 'held'
        : !push.sending
          ? 'off'
          : choices.off.has(userKey)
            ? 'opted-out'
            : !user.openid
              ? 'failed'
              : subId
                ? 'pending'
                : 'no-credit';
      group.push({
        _id: deliveryId(push.contentId, user._id),
        pushId: push._id,
        userId: user._id,
        chunk: seq,
        ...(user.openid ? { openid: user.openid } : {}),
        ...(subId ? { subId } : {}),
        source: 'policy',
        contentId: push.contentId,
        kind: push.kind,
        title: notice.title,
        summary: notice.summary,
        createdAt: push.createdAt,
        status,
        ...(status === 'failed' ? { reason: 'no-openid' as const } : {}),
        attempts: 0,
        nextAttemptAt: EPOCH,
        ambiguous: false,
        creditTaken: false,
        lastCredit: false,
      });
      if (group.length >= this.settings.batchSize) await flush();
    }
    await flush();
    const size = await this.db.model(DeliveryModel).countDocuments({ pushId: push._id });
    await pushes.updateOne({ _id: push._id }, { $set: { expandState: 'done', audienceSize: size, chunks: seq } });
    this.logger.info(`[push] ${push.title}: ${audience} recipients in ${seq} chunks${push.sending ? '' : ' (inbox only)'}`);
    return true;
  }

  /**
   * Plans pushes a publish did not get to (its process died between publishing and planning):
   * policies published in the last week whose version has no push. At most every 30 s unless forced.
   */
  /**
   * Content registers where its recently published policies are read from (at start-up, every
   * process): notice never reads content's records itself, and content calls push on publish.
   */
  registerPolicySource(source: PolicySource): void {
    this.policySource = source;
  }

  async planMissing(force = false): Promise<number> {
    const now = Date.now();
    if (!force && now - this.lastSweep < 30_000) return 0;
    this.lastSweep = now;
    const recent = await this.policySource(new Date(now - 7 * 86_400_000), 200);
    let planned = 0;
    for (const c of recent) {
      if (await this.db.model(PushModel).exists({ contentId: c._id, version: c.version })) continue;
      await this.planForPublish(c, c.version, c.createdBy ?? 'system', { wait: true });
      planned += 1;
    }
    return planned;
  }

  /**
   * A restarted process under the same stable worker id (PUSH_WORKER_ID) takes back the expansion
   * leases its previous run held: that run is dead, so nobody needs to wait for them to run out.
   */
  async releaseOwnExpansions(): Promise<number> {
    if (!this.settings.workerId) return 0;
    const released = await this.db.model(PushModel).updateMany({ expandedBy: this.workerId, expandState: 'pending' }, { $set: { expandLeaseUntil: EPOCH } });
    return released.modifiedCount;
  }

  /** Finishes expansions whose process died (their lease ran out, or was released by its restart). */
  async resumeExpansions(): Promise<number> {
    const due = await this.db.model(PushModel).find({ expandState: 'pending', expandLeaseUntil: { $lte: new Date() } }, { _id: 1 }).limit(10).lean();
    let done = 0;
    for (const p of due) if (await this.expand(p._id)) done += 1;
    return done;
  }

  /** userId → subscription id, for students who can receive the template now. */
  private async creditHolders(templateId: string): Promise<Map<string, Types.ObjectId>> {
    const map = new Map<string, Types.ObjectId>();
    const cursor = this.db
      .model(SubscriptionModel)
      .find({ templateId }, { userId: 1, credits: 1, longTerm: 1 })
      .lean()
      .cursor({ batchSize: 5000 });
    for await (const s of cursor) if (s.longTerm || s.credits > 0) map.set(s.userId, s._id);
    return map;
  }

  /**
   * Students who turned policy reminders off in settings (inbox only) and those who gather policy
   * notices into the weekly digest (held); no stored choice means neither.
   */
  private async policyChoices(): Promise<{ off: Set<string>; digest: Set<string> }> {
    const off = new Set<string>();
    const digest = new Set<string>();
    const cursor = this.db.model(TopicChoiceModel).find({}, { userId: 1, topics: 1, off: 1, digest: 1 }).lean().cursor({ batchSize: 5000 });
    for await (const c of cursor) {
      const state = topicState(c, 'policy');
      if (!state.on) off.add(c.userId);
      if (state.digest) digest.add(c.userId);
    }
    return { off, digest };
  }

  // ---------------------------------------------------------------- statistics

  async stats(actor: AuthUser, pushId: string): Promise<PushStats> {
    const push = await this.db.model(PushModel).findById(new Types.ObjectId(pushId)).lean();
    if (!push || !canManage(actor, push.owner)) throw notFound('推送');
    return this.statsOf(push);
  }

  /** The pushes of one entry; `owner` is the entry's staff scope (null: no such entry). */
  async listForContent(actor: AuthUser, contentId: string, owner: PushDoc['owner'] | null): Promise<PushStats[]> {
    if (!owner || !canManage(actor, owner)) throw notFound('内容');
    const pushes = await this.db.model(PushModel).find({ contentId: new Types.ObjectId(contentId) }).sort({ createdAt: -1 }).limit(50).lean();
    const out: PushStats[] = [];
    for (const p of pushes) out.push(await this.statsOf(p));
    return out;
  }

  private async statsOf(push: PushDoc): Promise<PushStats> {
    const groups = await this.db.model(DeliveryModel).aggregate<{ _id: { status: StatusCount['status']; reason?: StatusCount['reason']; errcode?: number }; count: number; read: number }>([
      { $match: { pushId: push._id } },
      {
        $group: {
          _id: { status: '$status', reason: '$reason', errcode: '$errcode' },
          count: { $sum: 1 },
          read: { $sum: { $cond: [{ $gt: ['$readAt', null] }, 1, 0] } },
        },
      },
    ]);
    const rows: StatusCount[] = groups.map(g => ({
      status: g._id.status,
      ...(g._id.reason ? { reason: g._id.reason } : {}),
      ...(typeof g._id.errcode === 'number' ? { errcode: g._id.errcode } : {}),
      count: g.count,
    }));
    const audienceFinal = push.expandState === 'done';
    return {
      id: push._id.toHexString(),
      contentId: push.contentId.toHexString(),
      version: push.version,
      title: push.title,
      createdAt: push.createdAt.toISOString(),
      ...foldStats(rows, push.sending, audienceFinal),
      audienceFinal,
      read: groups.reduce((n, g) => n + g.read, 0),
    };
  }
}

/** Same reach as the content module: bureau/admin everything, college/district their own scope. */
export function canManage(actor: AuthUser, owner: { collegeId?: string; districtCode?: string }): boolean {
  if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return true;
  if (actor.roles.includes('college') && actor.scope.collegeId) return owner.collegeId === actor.scope.collegeId;
  if (actor.roles.includes('district') && actor.scope.districtCode) return owner.districtCode === actor.scope.districtCode;
  throw new BizError('CONTENT_OUT_OF_SCOPE');
}
