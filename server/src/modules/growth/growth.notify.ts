import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { GrowthNoticeConfig } from '../../contract/growth';
import { Database } from '../../core/database';
import { NoticeService } from '../notice/notice.service';
import { deliveryId, eventPushId } from '../notice/push.rules';
import { PushService } from '../notice/push.service';
import { WeChatService } from '../wechat/wechat.service';
import { isDuplicateKey } from './growth.access';
import { GrowthNoticeModel } from './growth.model';
import { growthNotice, type GrowthEvent } from './growth.rules';

export const GROWTH_TEMPLATE_ID = (): string => process.env.WECHAT_TEMPLATE_GROWTH_STATUS ?? '';

/**
 * Tells students about growth decisions and events: an inbox item for everyone concerned and a
 * subscribe-message notice for those holding a credit. Both are once per (event, student): inbox
 * ids derive from the event key, and a WeChat send is claimed first under a unique key. Callers
 * run this after the state change and again when a retried request finds the change already made,
 * so a request that died between the two is repaired by its retry without telling anyone twice.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class GrowthNotifier {
  @Inject()
  private db!: Database;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private wechat!: WeChatService;

  config(): GrowthNoticeConfig {
    const templateId = GROWTH_TEMPLATE_ID();
    return templateId && this.wechat.configured ? { templateId } : {};
  }

  async tell(userIds: readonly string[], event: GrowthEvent): Promise<void> {
    const ids = [...new Set(userIds)].filter(id => Types.ObjectId.isValid(id)).map(id => new Types.ObjectId(id));
    if (ids.length === 0) return;
    const notice = growthNotice(event);
    await this.pushes.addToInbox(ids, notice.key, { source: 'growth', title: notice.title, summary: notice.summary, page: notice.page });
    const { templateId } = this.config();
    if (!templateId) return;
    const claims = this.db.model(GrowthNoticeModel);
    const pushId = eventPushId(notice.key);
    for (const userId of ids) {
      const key = `${notice.key}:${userId.toHexString()}`;
      try {
        await claims.create({ key, userId: userId.toHexString() });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      // The card opens the page with the inbox item it belongs to (n), as policy cards do.
      const page = `${notice.page}?n=${deliveryId(pushId, userId).toHexString()}`;
      const outcome = await this.notices.sendToUser(userId, templateId, page, { thing1: notice.title, phrase2: notice.status, thing3: notice.note });
      // A transport failure may be retried by a later repeat of the event; a refusal (no credit) is final.
      if (outcome === 'failed') await claims.deleteOne({ key });
      else await claims.updateOne({ key }, { $set: { outcome } });
    }
  }
}
