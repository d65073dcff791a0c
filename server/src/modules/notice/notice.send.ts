import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { AppSettings } from '../../interface';
import { WeChatApiError, WeChatService, WeChatTransportError } from '../wechat/wechat.service';
import { TokenBucket, classifySend, type AttemptContext, type SendVerdict } from './push.rules';

export const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  /** Already fitted to WeChat's per-type limits (`fitTemplateData`). */
  data: Record<string, { value: string }>;
}

/**
 * What came of one send: WeChat answered (errcode 0 is success); no answer (transport failure:
 * WeChat may have delivered); nothing left (the token could not be obtained); or not started (the
 * caller's last check before sending said no, e.g. its lease is about to end).
 */
export type SendAnswer = { kind: 'answered'; errcode: number } | { kind: 'no-answer' } | { kind: 'not-sent' } | { kind: 'not-started' };

/** The answer as the retry rules see it; null when nothing was attempted. */
export function verdictOf(answer: SendAnswer, ctx: AttemptContext): SendVerdict | null {
  switch (answer.kind) {
    case 'answered':
      return classifySend(answer.errcode, ctx);
    case 'no-answer':
      return classifySend(undefined, ctx);
    case 'not-sent':
      return { kind: 'retry', ambiguous: false };
    case 'not-started':
      return null;
  }
}

/**
 * The one caller of subscribeMessage.send in the server: policy chunks and event notices both send
 * here, so the per-worker limits (`PUSH_CONCURRENCY` in flight, `PUSH_RATE_PER_SECOND`) hold for
 * all of them together.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubscribeMessageSender {
  @Inject()
  private wechat!: WeChatService;

  @Config('app.push')
  private settings!: AppSettings['push'];

  private bucket: TokenBucket | null = null;
  private inflight = 0;
  private readonly waiting: Array<() => void> = [];

  /**
   * Sends once. `ready` runs after a slot is free and before the call (a lease check, a write-ahead
   * mark); false means the send is not started.
   */
  async send(message: SubscribeMessage, ready: () => boolean | Promise<boolean> = () => true): Promise<SendAnswer> {
    await this.acquire();
    try {
      if (!(await ready())) return { kind: 'not-started' };
      await this.wechat.call(SUBSCRIBE_SEND_PATH, { touser: message.touser, template_id: message.templateId, page: message.page, data: message.data });
      return { kind: 'answered', errcode: 0 };
    } catch (err) {
      if (err instanceof WeChatApiError && err.path === SUBSCRIBE_SEND_PATH) return { kind: 'answered', errcode: err.errcode };
      if (err instanceof WeChatTransportError && err.path === SUBSCRIBE_SEND_PATH) return { kind: 'no-answer' };
      return { kind: 'not-sent' };
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    // A released slot is handed straight to the next waiter, so `inflight` never overshoots.
    if (this.inflight < this.settings.concurrency) this.inflight += 1;
    else await new Promise<void>(resolve => this.waiting.push(resolve));
    this.bucket ??= new TokenBucket(this.settings.ratePerSecond, Math.max(1, Math.ceil(this.settings.ratePerSecond / 20)), Date.now());
    for (let wait = this.bucket.take(Date.now()); wait > 0; wait = this.bucket.take(Date.now())) await sleep(wait);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inflight -= 1;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
