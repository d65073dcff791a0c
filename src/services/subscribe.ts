import {
  SUBSCRIBE_RESULTS,
  SUBSCRIBE_TEMPLATES_PER_REQUEST,
  type SubscribeResult,
  type SubscribeTemplate,
  type SubscribeTopic,
} from '@contract/subscription';

/** Template ids to ask for: the chosen topics' configured templates, at most one popup's worth. */
export function templatesToRequest(topics: readonly SubscribeTopic[], templates: readonly SubscribeTemplate[]): string[] {
  const ids = templates.filter(t => topics.includes(t.topic)).map(t => t.templateId);
  return [...new Set(ids)].slice(0, SUBSCRIBE_TEMPLATES_PER_REQUEST);
}

/**
 * WeChat's popup answer → what the server records. `acceptWithAudio`/`acceptWithAlert` are
 * accepts; `errMsg` and templates we did not ask for are dropped.
 */
export function subscribeResults(answer: Record<string, unknown>, asked: readonly string[]): Record<string, SubscribeResult> {
  const out: Record<string, SubscribeResult> = {};
  for (const id of asked) {
    const raw = answer[id];
    if (typeof raw !== 'string') continue;
    if (raw.startsWith('accept')) out[id] = 'accept';
    else if ((SUBSCRIBE_RESULTS as readonly string[]).includes(raw)) out[id] = raw as SubscribeResult;
  }
  return out;
}

/** A sentence for `requestSubscribeMessage`'s fail errCode (wechat.md §2.1). */
export function subscribeFailMessage(errCode: number | undefined): string {
  switch (errCode) {
    case 20004:
      return '你已关闭小程序的订阅消息总开关，请在右上角“…”→设置中打开';
    case 20005:
      return '小程序暂时无法发送订阅消息';
    case 10005:
      return '订阅窗口未能弹出，请重试';
    case 20001:
    case 10004:
    case 20002:
    case 20003:
      return '消息模板配置有误，请联系管理员';
    default:
      return '订阅未完成，请稍后重试';
  }
}
