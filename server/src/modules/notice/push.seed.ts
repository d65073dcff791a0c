import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import { ContentModel } from '../content/content.model';
import { PushModel } from './push.model';
import { PushService } from './push.service';

/**
 * Demo inbox: the seeded policies count as published once, so demo students find them in their
 * inbox (without WeChat credentials the push is inbox-only). Idempotent: one push per version.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PushSeeder {
  @Inject()
  private db!: Database;

  @Inject()
  private pushes!: PushService;

  async seed(count: (kind: string, inserted: boolean) => void, log: (line: string) => void): Promise<void> {
    const policies = await this.db
      .model(ContentModel)
      .find({ seedKey: { $exists: true }, kind: 'policy', status: 'published' })
      .sort({ publishedAt: 1 })
      .lean();
    for (const p of policies) {
      const existed = await this.db.model(PushModel).exists({ contentId: p._id, version: p.version ?? 1 });
      await this.pushes.planForPublish(p, p.version ?? 1, 'demo-seed', { wait: true });
      count('pushes', !existed);
    }
    log(`policy pushes: ${policies.length} (inbox items for the demo students)`);
  }
}
