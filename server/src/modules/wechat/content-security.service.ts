import { ILogger, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { WeChatService } from './wechat.service';

/** msg_sec_check v2 scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type SecurityScene = 1 | 2 | 3 | 4;

/**
 * `pass`: WeChat found nothing; `refused`: it suggested review or risky; `unavailable`: the call
 * failed; `skipped`: not configured, or the author has no openid to check against.
 */
export type SecurityVerdict = 'pass' | 'refused' | 'unavailable' | 'skipped';

export interface SecurityCheck {
  openid?: string;
  scene: SecurityScene;
  content: string;
  title?: string;
}

/** WeChat's text security check (`/wxa/msg_sec_check`, version 2), for user-written text. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ContentSecurityService {
  @Inject()
  private wechat!: WeChatService;

  @Logger()
  private logger!: ILogger;

  private loggedOff = false;

  get configured(): boolean {
    return this.wechat.configured;
  }

  async check(input: SecurityCheck): Promise<SecurityVerdict> {
    if (!this.wechat.configured) {
      if (!this.loggedOff) this.logger.info('WeChat is not configured: user text is checked by local word lists only');
      this.loggedOff = true;
      return 'skipped';
    }
    if (!input.openid) return 'skipped';
    try {
      const answer = await this.wechat.call<{ result?: { suggest?: string } }>('/wxa/msg_sec_check', {
        version: 2,
        openid: input.openid,
        scene: input.scene,
        content: input.content,
        ...(input.title ? { title: input.title } : {}),
      });
      return !answer.result?.suggest || answer.result.suggest === 'pass' ? 'pass' : 'refused';
    } catch (err) {
      this.logger.warn(`msg_sec_check failed: ${(err as Error).message}`);
      return 'unavailable';
    }
  }
}
