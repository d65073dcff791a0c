import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { SubscriptionView } from '../../contract/subscription';
import { Database } from '../../core/database';
import { SubscriptionModel, type SubscribeResult } from './subscription.model';

export type { SubscriptionView } from '../../contract/subscription';

@Provide()
@Scope(ScopeEnum.Singleton)
export class SubscriptionService {
  @Inject()
  private db!: Database;

  /** Records one client answer: each `accept` adds one send credit for that template. */
  async record(userId: string, results: Record<string, SubscribeResult>): Promise<SubscriptionView[]> {
    const now = new Date();
    await this.db.model(SubscriptionModel).bulkWrite(
      Object.entries(results).map(([templateId, result]) => ({
        updateOne: {
          filter: { userId, templateId },
          update: {
            $inc: { credits: result === 'accept' ? 1 : 0 },
            $set: { lastResult: result, updatedAt: now },
            $setOnInsert: { longTerm: false },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return this.mine(userId);
  }

  async mine(userId: string): Promise<SubscriptionView[]> {
    const rows = await this.db.model(SubscriptionModel).find({ userId }).sort({ templateId: 1 }).lean();
    return rows.map(r => ({ templateId: r.templateId, credits: r.credits, longTerm: r.longTerm, lastResult: r.lastResult }));
  }
}
