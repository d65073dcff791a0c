import { Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { Types } from 'mongoose';
import { Database } from '../../core/database';
import { UserModel } from '../user/user.model';
import { WeChatApiError } from '../wechat/wechat.client';
import { WeChatService } from '../wechat/wechat.service';
import { fitTemplateData } from './notice.rules';

export type NoticeOutcome = 'sent' | 'no-credit' | 'not-configured' | 'no-openid' | 'failed';

/**
 * One-off subscribe-message notices (application steps, subsidy decisions, live
 * starts). A missing credit (43101) is normal: the user simply gets no notice.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class NoticeService {
  @Inject()
  private db!: Database;

  @Inject()
  private wechat!: WeChatService;

  @Logger()
  private logger!: ILogger;

  private warnedUnconfigured = false;

  async sendToUser(
    userId: Types.ObjectId | string,
    templateId: string | undefined,
    page: string,
    data: Record<string, string>,
  ): Promise<NoticeOutcome> {
    if (!this.ready(templateId)) return 'not-configured';
    const user = await this.db.model(UserModel).findById(userId, { openid: 1 }).lean();
    if (!user?.openid) return 'no-openid';
    return this.sendToOpenid(user.openid, templateId as string, page, data);
  }

  async sendToOpenid(openid: string, templateId: string, page: string, data: Record<string, string>): Promise<NoticeOutcome> {
    if (!this.ready(templateId)) return 'not-configured';
    try {
      await this.wechat.call('/cgi-bin/message/subscribe/send', {
        touser: openid,
        template_id: templateId,
        page,
        data: fitTemplateData(data),
      });
      return 'sent';
    } catch (err) {
      if (err instanceof WeChatApiError && err.errcode === 43101) return 'no-credit';
      this.logger.warn(`[notice] ${templateId} to ${openid} not sent: ${(err as Error).message}`);
      return 'failed';
    }
  }

  private ready(templateId: string | undefined): boolean {
    if (this.wechat.configured && templateId) return true;
    if (!this.warnedUnconfigured) {
      this.warnedUnconfigured = true;
      this.logger.info('[notice] subscribe messages are off: WeChat credentials or template ids are not configured');
    }
    return false;
  }
}
