import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { randomUUID } from 'crypto';
import { Types } from 'mongoose';
import type { PushFailReason } from '../../contract/notice';
import { Database } from '../../core/database';
import type { AppSettings } from '../../interface';
import { renderNotice } from './notice.catalogue';
import { DeliveryModel, type DeliveryDoc } from './notice.model';
import { fitTemplateData } from './notice.rules';
import { SubscribeMessageSender, verdictOf } from './notice.send';
import { NoticeSender } from './notice.sender';
import { NoticeService } from './notice.service';
import { PushChunkModel, PushModel, type PushChunkDoc, type PushDoc } from './push.model';
import { PushService } from './push.service';
import { afterRetryable, backoffMs, claimableFilter, mayStartSend, policyPage } from './push.rules';
import { SubscriptionModel } from './subscription.model';

const EPOCH = new Date(0);
/** Chunks one worker works on at once, so database round trips overlap with sends. */
const PARALLEL_CHUNKS = 6;
/** Event notices one worker sends at once (each is its own claim). */
const EVENT_LOOPS = 4;
/** How often a worker checks whether a weekly digest is due. */
const DIGEST_CHECK_MS = 60_000;
/** Outcomes are written in groups of this many (one updateMany per outcome kind). */
const FLUSH_EVERY = 200;

type Outcome =
  | { id: Types.ObjectId; kind: 'sent'; confirmedByCredit: boolean }
  | { id: Types.ObjectId; kind: 'retry'; attempts: number; errcode?: number; ambiguous: boolean }
  | { id: Types.ObjectId; kind: 'fail'; reason: PushFailReason; errcode?: number; refundSub?: Types.ObjectId; zeroSub?: Types.ObjectId };

export interface ChunkReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  noCredit: number;
}

/**
 * The sending worker. Policy pushes: workers claim chunks of deliveries with a lease whose token
 * changes on every claim and renewal, so a holder that lost its lease can no longer finish the
 * chunk. Event notices: a second set of loops claims queued deliveries one by one (NoticeSender).
 * Loop 0 also finishes interrupted push expansions, drains notice outboxes left by dead processes,
 * sends the weekly digest when it is due and asks the reminder sources (fair reminders) what fell
 * due. Exactly-once argument and its one window:
 * docs/push.md and docs/notice.md.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PushWorker {
  @Inject()
  private db!: Database;

  @Inject()
  private sender!: SubscribeMessageSender;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private events!: NoticeSender;

  @Config('app.notice')
  private noticeSettings!: AppSettings['notice'];

  @Config('app.push')
  private settings!: AppSettings['push'];

  @Config('app.wechat')
  private wechatSettings!: AppSettings['wechat'];

  @Logger()
  private logger!: ILogger;

  private running = false;
  private loops: Array<Promise<void>> = [];
  private readonly wakers = new Set<() => void>();
  private lastOutboxDrain = 0;
  private lastDigestCheck = 0;
  private lastReminderCheck = 0;
  private readonly wakeOnQueue = (): void => this.wakeAll();

  get id(): string {
    return this.pushes.workerId;
  }

  /** Starts the polling loops (idempotent). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (!this.pushes.sendingEnabled) {
      this.logger.info('[push] worker: WeChat sending is off (no credentials or template); only finishing inbox writes');
    }
    if (this.settings.workerId) {
      // Same stable name as before a crash: those claims are ours and nobody else's, take them back now.
      const released = await this.db.model(PushChunkModel).updateMany({ claimedBy: this.id, state: 'pending' }, { $set: { leaseUntil: EPOCH } });
      if (released.modifiedCount) this.logger.info(`[push] worker ${this.id}: reclaiming ${released.modifiedCount} chunks left by a previous run`);
      const notices = await this.events.releaseClaimsOf(this.id);
      if (notices) this.logger.info(`[push] worker ${this.id}: reclaiming ${notices} notices left by a previous run`);
      const expansions = await this.pushes.releaseOwnExpansions();
      if (expansions) this.logger.info(`[push] worker ${this.id}: resuming ${expansions} push expansions left by a previous run`);
    }
    this.notices.onQueued(this.wakeOnQueue);
    this.logger.info(`[push] worker ${this.id} started: ${this.settings.ratePerSecond}/s, ${this.settings.concurrency} in flight`);
    this.loops = [
      ...Array.from({ length: PARALLEL_CHUNKS }, (_, i) => this.loop(i)),
      ...Array.from({ length: EVENT_LOOPS }, () => this.eventLoop()),
    ];
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /**
   * Works until nothing is claimable or waiting (tests, scripts): push chunks, expansions, queued
   * event notices (their retries included) and outbox entries past the grace period. Returns the
   * chunks and notices processed.
   */
  async drain(deadlineMs = 30_000): Promise<number> {
    const until = Date.now() + deadlineMs;
    let processed = 0;
    await this.pushes.planMissing(true);
    for (;;) {
      await this.pushes.resumeExpansions();
      await this.notices.drainOutboxes();
      if (await this.processOneChunk()) {
        processed += 1;
        continue;
      }
      if ((await this.events.processOne(this.id)) !== 'idle') {
        processed += 1;
        continue;
      }
      const open = await this.db.model(PushChunkModel).findOne({ state: 'pending' }, { nextAttemptAt: 1, leaseUntil: 1 }).sort({ nextAttemptAt: 1 }).lean();
      const expanding = await this.db.model(PushModel).exists({ expandState: 'pending' });
      if (!open && !expanding && !(await this.events.anyQueued())) return processed;
      if (Date.now() > until) throw new Error('push worker: drain deadline passed with work left');
      await sleep(Math.min(50, this.settings.pollMs));
    }
  }

  private async loop(index: number): Promise<void> {
    while (this.running) {
      try {
        if (index === 0) await this.maintain();
        if (await this.processOneChunk()) continue;
      } catch (err) {
        this.logger.error(`[push] worker loop: ${(err as Error).message}`);
      }
      await this.idle();
    }
  }

  private async eventLoop(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.events.processOne(this.id)) !== 'idle') continue;
      } catch (err) {
        this.logger.error(`[notice] sender loop: ${(err as Error).message}`);
      }
      await this.idle();
    }
  }

  /** Work that is not sending: plans and expansions, outboxes of dead processes, the weekly digest. */
  private async maintain(): Promise<void> {
    await this.pushes.planMissing();
    await this.pushes.resumeExpansions();
    const now = Date.now();
    if (now - this.lastOutboxDrain >= this.noticeSettings.outboxPollMs) {
      this.lastOutboxDrain = now;
      await this.notices.drainOutboxes();
    }
    if (now - this.lastDigestCheck >= DIGEST_CHECK_MS) {
      this.lastDigestCheck = now;
      await this.notices.sendDigests();
    }
    if (now - this.lastReminderCheck >= this.noticeSettings.reminderCheckMs) {
      this.lastReminderCheck = now;
      await this.notices.sendReminders();
    }
  }

  private idle(): Promise<void> {
    return new Promise<void>(resolve => {
      const wake = (): void => {
        clearTimeout(t);
        this.wakers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, this.settings.pollMs);
      this.wakers.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Claims one due chunk and works through it. Returns false when there was nothing to claim. */
  async processOneChunk(): Promise<ChunkReport | false> {
    const chunks = this.db.model(PushChunkModel);
    const now = new Date();
    let token = `${this.id}/${randomUUID()}`;
    const chunk = await chunks
      .findOneAndUpdate(claimableFilter(now), { $set: { claim: token, claimedBy: this.id, leaseUntil: new Date(now.getTime() + this.settings.leaseMs) } }, { new: true })
      .lean();
    if (!chunk) return false;

    let leaseUntil = chunk.leaseUntil.getTime();
    let lost = false;
    const renew = setInterval(() => {
      const next = `${this.id}/${randomUUID()}`;
      const until = Date.now() + this.settings.leaseMs;
      chunks
        .findOneAndUpdate({ _id: chunk._id, claim: token }, { $set: { claim: next, leaseUntil: new Date(until) } })
        .lean()
        .then(prev => {
          if (prev) {
            token = next;
            leaseUntil = until;
          } else lost = true;
        })
        .catch(() => undefined);
    }, Math.max(250, Math.floor(this.settings.leaseMs / 3)));

    try {
      const report = await this.work(chunk, () => !lost && mayStartSend(leaseUntil, Date.now(), this.leaseMargin()), () => !lost);
      await this.finish(chunk, token, lost);
      return report;
    } finally {
      clearInterval(renew);
    }
  }

  /** A send must be able to finish (client timeout) well inside the lease. */
  private leaseMargin(): number {
    return Math.min(this.settings.leaseMs / 2, this.wechatSettings.timeoutMs + 2000);
  }

  private async work(chunk: PushChunkDoc, mayStart: () => boolean, owned: () => boolean): Promise<ChunkReport> {
    const deliveries = this.db.model(DeliveryModel);
    const report: ChunkReport = { claimed: 0, sent: 0, retried: 0, failed: 0, noCredit: 0 };
    const push = await this.db.model(PushModel).findById(chunk.pushId).lean();
    if (!push) return report;
    const now = new Date();
    const fields = { pushId: 1, userId: 1, chunk: 1, openid: 1, subId: 1, status: 1, attempts: 1, nextAttemptAt: 1, attemptedAt: 1, ambiguous: 1, creditTaken: 1, lastCredit: 1 };
    const docs = (await deliveries.find({ _id: { $in: chunk.deliveryIds } }, fields).lean<DeliveryDoc[]>()).filter(
      d => d.pushId.equals(chunk.pushId) && d.chunk === chunk.seq && d.status === 'pending' && d.nextAttemptAt <= now,
    );
    report.claimed = docs.length;
    if (docs.length === 0) return report;

    // Credits: one read of the subscriptions by id, then take one credit per delivery that has none yet.
    const subIds = docs.filter(d => !d.creditTaken && d.subId).map(d => d.subId as Types.ObjectId);
    const subs = new Map((await this.db.model(SubscriptionModel).find({ _id: { $in: subIds } }, { credits: 1, longTerm: 1 }).lean()).map(s => [s._id.toHexString(), s]));
    const noCredit: Types.ObjectId[] = [];
    const taking: DeliveryDoc[] = [];
    const ready: DeliveryDoc[] = [];
    for (const d of docs) {
      const ambiguous = d.ambiguous || Boolean(d.attemptedAt);
      if (d.creditTaken) {
        ready.push({ ...d, ambiguous });
        continue;
      }
      const sub = d.subId ? subs.get(d.subId.toHexString()) : undefined;
      if (sub?.longTerm) ready.push({ ...d, ambiguous });
      else if (sub && sub.credits > 0) {
        const taken = { ...d, ambiguous, creditTaken: true, lastCredit: sub.credits === 1 };
        taking.push(taken);
        ready.push(taken);
      } else noCredit.push(d._id);
    }
    if (!owned()) return report;
    // Write-ahead first, credit second: a crash in between over-counts a credit (WeChat then says
    // 43101) rather than losing one. Deliveries marked before this run but never answered were
    // around a send when the previous holder died: they become ambiguous.
    const startedAt = new Date();
    const groups = new Map<string, { set: Record<string, unknown>; ids: Types.ObjectId[] }>();
    const takingSet = new Set(taking);
    for (const d of ready) {
      const set: Record<string, unknown> = { attemptedAt: startedAt };
      if (takingSet.has(d)) Object.assign(set, { creditTaken: true, lastCredit: d.lastCredit });
      if (d.attemptedAt) set.ambiguous = true;
      const key = Object.keys(set).join() + String(set.lastCredit);
      const group = groups.get(key) ?? { set, ids: [] };
      group.ids.push(d._id);
      groups.set(key, group);
    }
    for (const g of groups.values()) await deliveries.updateMany({ _id: { $in: g.ids } }, { $set: g.set });
    if (taking.length) {
      await this.db.model(SubscriptionModel).updateMany({ _id: { $in: taking.map(d => d.subId as Types.ObjectId) } }, { $inc: { credits: -1 }, $set: { updatedAt: startedAt } });
    }
    if (noCredit.length) {
      await deliveries.updateMany({ _id: { $in: noCredit } }, { $set: { status: 'no-credit' } });
      report.noCredit = noCredit.length;
    }

    const notice = renderNotice(
      { type: 'policy.published', contentId: push.contentId.toHexString(), title: push.title, summary: push.summary, issuer: push.issuer, publishedAt: push.publishedAt.toISOString() },
      { at: push.publishedAt, policyFields: this.settings.fields },
    );
    const data = fitTemplateData(notice.data);
    const outcomes: Outcome[] = [];
    let flushing: Promise<void> = Promise.resolve();
    const flushSome = (): void => {
      const batch = outcomes.splice(0, outcomes.length);
      flushing = flushing.then(() => (owned() ? this.record(batch, report) : undefined));
    };
    await Promise.all(
      ready.map(async d => {
        const outcome = await this.sendOne(push, d, data, mayStart);
        if (!outcome) return;
        outcomes.push(outcome);
        if (outcomes.length >= FLUSH_EVERY) flushSome();
      }),
    );
    flushSome();
    await flushing;
    return report;
  }

  private async sendOne(push: PushDoc, d: DeliveryDoc, data: Record<string, { value: string }>, mayStart: () => boolean): Promise<Outcome | null> {
    const answer = await this.sender.send({ touser: d.openid ?? '', templateId: push.templateId, page: policyPage(push.contentId.toHexString(), d._id.toHexString()), data }, mayStart);
    const verdict = verdictOf(answer, { ambiguous: d.ambiguous, lastCredit: d.lastCredit });
    if (!verdict) return null;
    const attempts = d.attempts + 1;
    if (verdict.kind === 'sent') return { id: d._id, kind: 'sent', confirmedByCredit: verdict.confirmedByCredit };
    if (verdict.kind === 'retry') {
      if (afterRetryable(attempts, this.settings.maxAttempts) === 'retry') {
        return { id: d._id, kind: 'retry', attempts, ambiguous: verdict.ambiguous || d.ambiguous, ...(verdict.errcode !== undefined ? { errcode: verdict.errcode } : {}) };
      }
      const refund = d.creditTaken && !d.ambiguous && !verdict.ambiguous && d.subId ? d.subId : undefined;
      return { id: d._id, kind: 'fail', reason: 'retries-exhausted', ...(verdict.errcode !== undefined ? { errcode: verdict.errcode } : {}), ...(refund ? { refundSub: refund } : {}) };
    }
    if (verdict.errcode !== 43101) this.logger.warn(`[push] delivery ${d._id.toHexString()} failed for good: errcode ${verdict.errcode}`);
    return {
      id: d._id,
      kind: 'fail',
      reason: verdict.reason,
      errcode: verdict.errcode,
      ...(verdict.refund && d.creditTaken && d.subId ? { refundSub: d.subId } : {}),
      ...(verdict.errcode === 43101 && d.subId ? { zeroSub: d.subId } : {}),
    };
  }

  /** Writes outcomes grouped by kind: a handful of updateMany calls per few hundred sends. */
  private async record(batch: Outcome[], report: ChunkReport): Promise<void> {
    if (batch.length === 0) return;
    const deliveries = this.db.model(DeliveryModel);
    const subs = this.db.model(SubscriptionModel);
    const now = new Date();
    const sent = batch.filter((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent');
    for (const confirmed of [false, true]) {
      const ids = sent.filter(o => o.confirmedByCredit === confirmed).map(o => o.id);
      if (ids.length === 0) continue;
      // A delivery confirmed by 43101 keeps that errcode, so the record shows how it was settled.
      await deliveries.updateMany({ _id: { $in: ids } }, { $set: { status: 'sent', sentAt: now, attemptedAt: null, ...(confirmed ? { errcode: 43101 } : {}) }, $inc: { attempts: 1 } });
    }
    report.sent += sent.length;
    const retries = batch.filter((o): o is Extract<Outcome, { kind: 'retry' }> => o.kind === 'retry');
    const byKey = new Map<string, Array<Extract<Outcome, { kind: 'retry' }>>>();
    for (const r of retries) {
      const key = `${r.attempts}:${r.errcode ?? 'net'}:${r.ambiguous}`;
      byKey.set(key, [...(byKey.get(key) ?? []), r]);
    }
    for (const group of byKey.values()) {
      const first = group[0];
      const next = new Date(now.getTime() + backoffMs(first.attempts, this.settings.backoffBaseMs, this.settings.backoffMaxMs));
      await deliveries.updateMany(
        { _id: { $in: group.map(o => o.id) } },
        { $set: { attemptedAt: null, nextAttemptAt: next, ambiguous: first.ambiguous, ...(first.errcode !== undefined ? { errcode: first.errcode } : {}) }, $inc: { attempts: 1 } },
      );
      report.retried += group.length;
    }
    const fails = batch.filter((o): o is Extract<Outcome, { kind: 'fail' }> => o.kind === 'fail');
    // Refund before the delivery is settled: a crash in between repeats the send and the refund
    // (one credit too many, which WeChat corrects with 43101), never loses a credit.
    const refunds = fails.flatMap(f => (f.refundSub ? [f.refundSub] : []));
    if (refunds.length) await subs.updateMany({ _id: { $in: refunds } }, { $inc: { credits: 1 } });
    const zeros = fails.flatMap(f => (f.zeroSub ? [f.zeroSub] : []));
    if (zeros.length) await subs.updateMany({ _id: { $in: zeros } }, { $set: { credits: 0 } });
    const failGroups = new Map<string, Array<Extract<Outcome, { kind: 'fail' }>>>();
    for (const f of fails) {
      const key = `${f.reason}:${f.errcode ?? ''}:${Boolean(f.refundSub)}`;
      failGroups.set(key, [...(failGroups.get(key) ?? []), f]);
    }
    for (const group of failGroups.values()) {
      const first = group[0];
      await deliveries.updateMany(
        { _id: { $in: group.map(o => o.id) } },
        {
          $set: { status: 'failed', reason: first.reason, attemptedAt: null, ...(first.errcode !== undefined ? { errcode: first.errcode } : {}), ...(first.refundSub ? { creditTaken: false } : {}) },
          $inc: { attempts: 1 },
        },
      );
      report.failed += group.length;
    }
  }

  /** Releases the chunk: done when nothing is left, otherwise due again at the earliest retry. */
  private async finish(chunk: PushChunkDoc, token: string, lost: boolean): Promise<void> {
    if (lost) return;
    const chunks = this.db.model(PushChunkModel);
    // By id only, status checked here: the embedded stand-in scans the whole collection for an
    // `$in` filter combined with any other field (see docs/push.md).
    const left = await this.db.model(DeliveryModel).find({ _id: { $in: chunk.deliveryIds } }, { status: 1, nextAttemptAt: 1, chunk: 1, pushId: 1 }).lean();
    const mine = left.filter(d => d.status === 'pending' && d.pushId.equals(chunk.pushId) && d.chunk === chunk.seq);
    const next = mine.reduce<Date | null>((min, d) => (!min || d.nextAttemptAt < min ? d.nextAttemptAt : min), null);
    const release = { claim: null, claimedBy: null, leaseUntil: EPOCH };
    // The size check notices ids a resumed expansion added meanwhile: then the chunk stays open.
    const done = await chunks.findOneAndUpdate(
      { _id: chunk._id, claim: token, deliveryIds: { $size: chunk.deliveryIds.length } },
      { $set: { ...release, state: next ? 'pending' : 'done', nextAttemptAt: next ?? EPOCH } },
    );
    if (!done) await chunks.updateOne({ _id: chunk._id, claim: token }, { $set: { ...release, state: 'pending', nextAttemptAt: EPOCH } });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
