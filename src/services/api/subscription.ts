import Taro from '@tarojs/taro';
import type { SubscribeResult, SubscribeTopic, SubscriptionSettings, SubscriptionView } from '@contract/subscription';
import { request } from '../http';

export function subscriptionSettings(): Promise<SubscriptionSettings> {
  return request<SubscriptionSettings>({ path: '/subscriptions/settings' });
}

/** The topics to be reminded of on WeChat, and (when given) those gathered into the weekly digest. */
export function chooseTopics(topics: SubscribeTopic[], digest?: SubscribeTopic[]): Promise<SubscriptionSettings> {
  return request<SubscriptionSettings>({ method: 'PUT', path: '/subscriptions/topics', data: digest ? { topics, digest } : { topics } });
}

export function recordSubscribeResults(results: Record<string, SubscribeResult>): Promise<SubscriptionView[]> {
  return request<SubscriptionView[]>({ method: 'POST', path: '/subscriptions', data: { results } });
}

/**
 * Shows WeChat's subscribe popup. Must run synchronously inside a tap handler (no await before
 * it). Resolves the per-template answers; rejects with WeChat's errCode message.
 */
export function requestSubscribe(templateIds: string[]): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    Taro.requestSubscribeMessage({
      tmplIds: templateIds,
      // Taro's typings require entityIds (a weapp-alipay union); WeChat ignores it.
      entityIds: [],
      success: res => resolve(res as unknown as Record<string, string>),
      fail: err => reject(err),
    });
  });
}
