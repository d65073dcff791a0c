import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import { ContentService } from '../content/content.service';
import { PushModel } from './push.model';
import { PushService } from './push.service';

/**
 * Demo inbox: the seeded policies count as published once, so demo students find them in their
 * inbox (without WeChat credentials the push is inbox-only). Idempotent: one push per version.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PushDemoService {
  @Inject()
  private db!: Database;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private contents!: ContentService;

  async seed(count: (kind: string, inserted: boolean) => void, log: (line: string) => void): Promise<void> {
    const policies = await this.contents.seededPolicies();
    for (const p of policies) {
      const existed = await this.db.model(PushModel).exists({ contentId: p._id, version: p.version ?? 1 });
      await this.pushes.planForPublish(p, p.version ?? 1, 'demo-seed', { wait: true });
      count('pushes', !existed);
    }
    log(`policy pushes: ${policies.length} (inbox items for the demo students)`);
  }
}
