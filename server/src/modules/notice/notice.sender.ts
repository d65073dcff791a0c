import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { randomUUID } from 'crypto';
import { Types } from 'mongoose';
import { Database } from '../../core/database';
import type { AppSettings } from '../../interface';
import { pageWithInboxItem } from './notice.catalogue';
import { DeliveryModel, type DeliveryDoc } from './notice.model';
import { fitTemplateData } from './notice.rules';
import { SubscribeMessageSender, verdictOf } from './notice.send';
import { afterRetryable, backoffMs, mayStartSend } from './push.rules';
import { SubscriptionModel } from './subscription.model';

const EPOCH = new Date(0);

export type EventSendResult = 'idle' | 'sent' | 'retry' | 'failed' | 'lost';

/**
 * Sends event notices queued by `NoticeService.tell`, one delivery per claim: a conditional update
 * takes a due row (`queue: 'send'`) with a lease and a fresh claim token; the write-ahead mark goes on
 * before the send; the outcome is recorded only while the claim is still ours. A process that dies
 * mid-send leaves the mark, so the next holder knows the attempt was ambiguous (see docs/notice.md).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class NoticeSender {
  @Inject()
  private db!: Database;

  @Inject()
  private sender!: SubscribeMessageSender;

  @Config('app.push')
  private settings!: AppSettings['push'];

  @Config('app.wechat')
  private wechatSettings!: AppSettings['wechat'];

  @Logger()
  private logger!: ILogger;

  /** Claims and sends one due event notice. */
  async processOne(workerId: string, now: Date = new Date()): Promise<EventSendResult> {
    const deliveries = this.db.model(DeliveryModel);
    const token = `${workerId}/${randomUUID()}`;
    const leaseUntil = now.getTime() + this.settings.leaseMs;
    const d = await deliveries
      .findOneAndUpdate(
        { queue: 'send', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } },
        { $set: { claim: token, claimedBy: workerId, leaseUntil: new Date(leaseUntil) } },
        { new: true, sort: { createdAt: 1 }, projection: { userId: 1, openid: 1, page: 1, templateId: 1, data: 1, attempts: 1, attemptedAt: 1, ambiguous: 1 } },
      )
      .lean<Pick<DeliveryDoc, '_id' | 'userId' | 'openid' | 'page' | 'templateId' | 'data' | 'attempts' | 'attemptedAt' | 'ambiguous'>>();
    if (!d) return 'idle';
    const mine = { _id: d._id, claim: token };
    if (!d.openid || !d.templateId) {
      await deliveries.updateOne(mine, { $set: { status: 'failed', reason: 'no-openid', claim: null, leaseUntil: EPOCH }, $unset: { queue: 1 } });
      return 'failed';
    }
    // Marked before this claim and never answered: the previous holder died around its send.
    const ambiguous = d.ambiguous || Boolean(d.attemptedAt);
    const lastCredit = await this.isLastCredit(d.userId, d.templateId);
    const margin = Math.min(this.settings.leaseMs / 2, this.wechatSettings.timeoutMs + 2000);
    let lost = false;
    const answer = await this.sender.send(
      { touser: d.openid, templateId: d.templateId, page: pageWithInboxItem(d.page ?? '', d._id.toHexString()), data: fitTemplateData(d.data ?? {}) },
      async () => {
        if (!mayStartSend(leaseUntil, Date.now(), margin)) return false;
        const marked = await deliveries.updateOne(mine, { $set: { attemptedAt: new Date(), ambiguous, lastCredit } });
        lost = marked.modifiedCount !== 1;
        return !lost;
      },
    );
    if (lost) return 'lost';
    const verdict = verdictOf(answer, { ambiguous, lastCredit });
    const release = { claim: null, claimedBy: null, leaseUntil: EPOCH, attemptedAt: null };
    if (!verdict) {
      await deliveries.updateOne(mine, { $set: release });
      return 'retry';
    }
    const attempts = d.attempts + 1;
    const subscription = { userId: d.userId.toHexString(), templateId: d.templateId };
    if (verdict.kind === 'sent') {
      const recorded = await deliveries.updateOne(mine, {
        $set: { ...release, status: 'sent', sentAt: new Date(), attempts, ...(verdict.confirmedByCredit ? { errcode: 43101 } : {}) },
        $unset: { queue: 1 },
      });
      // The credit ledger is advisory for event notices (WeChat holds the truth): keep it close.
      if (recorded.modifiedCount && !verdict.confirmedByCredit) {
        await this.db.model(SubscriptionModel).updateOne({ ...subscription, longTerm: false, credits: { $gt: 0 } }, { $inc: { credits: -1 }, $set: { updatedAt: new Date() } });
      }
      return recorded.modifiedCount ? 'sent' : 'lost';
    }
    if (verdict.kind === 'retry' && afterRetryable(attempts, this.settings.maxAttempts) === 'retry') {
      const next = new Date(Date.now() + backoffMs(attempts, this.settings.backoffBaseMs, this.settings.backoffMaxMs));
      const recorded = await deliveries.updateOne(mine, {
        $set: { ...release, attempts, nextAttemptAt: next, ambiguous: ambiguous || verdict.ambiguous, ...(verdict.errcode !== undefined ? { errcode: verdict.errcode } : {}) },
      });
      return recorded.modifiedCount ? 'retry' : 'lost';
    }
    const reason = verdict.kind === 'fail' ? verdict.reason : 'retries-exhausted';
    const errcode = verdict.errcode;
    if (errcode !== 43101) this.logger.warn(`[notice] delivery ${d._id.toHexString()} failed for good: ${reason}${errcode !== undefined ? ` (errcode ${errcode})` : ''}`);
    const recorded = await deliveries.updateOne(mine, {
      $set: { ...release, attempts, status: 'failed', reason, ...(errcode !== undefined ? { errcode } : {}) },
      $unset: { queue: 1 },
    });
    if (recorded.modifiedCount && errcode === 43101) {
      await this.db.model(SubscriptionModel).updateOne(subscription, { $set: { credits: 0, updatedAt: new Date() } });
    }
    return recorded.modifiedCount ? 'failed' : 'lost';
  }

  /** Whether a send now would use the user's last known credit (a resend after 43101 then proves the first went through). */
  private async isLastCredit(userId: Types.ObjectId, templateId: string): Promise<boolean> {
    const sub = await this.db.model(SubscriptionModel).findOne({ userId: userId.toHexString(), templateId }, { credits: 1, longTerm: 1 }).lean();
    return !sub?.longTerm && (sub?.credits ?? 0) <= 1;
  }

  /** Whether any event notice still waits for a send (drain stops when none does). */
  async anyQueued(): Promise<boolean> {
    return Boolean(await this.db.model(DeliveryModel).exists({ queue: 'send' }));
  }

  /** A restarted worker with a stable id takes back the event notices it held when it died. */
  async releaseClaimsOf(workerId: string): Promise<number> {
    const released = await this.db.model(DeliveryModel).updateMany({ queue: 'send', claimedBy: workerId }, { $set: { leaseUntil: EPOCH } });
    return released.modifiedCount;
  }
}
