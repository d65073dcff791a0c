/**
 * Subscribe-message topics a student can choose in settings. Each topic is backed by one
 * WeChat template configured on the server; a topic without a template is inbox-only.
 */
export const SUBSCRIBE_TOPICS = ['policy', 'application', 'subsidy', 'live'] as const;
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number];

export const SUBSCRIBE_TOPIC_LABELS: Record<SubscribeTopic, { title: string; description: string }> = {
  policy: { title: '政策推送', description: '适合我的新政策、服务和机构发布时提醒' },
  application: { title: '求职进度', description: '投递的岗位被查看、邀约面试或录用时提醒' },
  subsidy: { title: '补贴审核', description: '补贴申请审核通过、退回或发放时提醒' },
  live: { title: '直播开播', description: '预约的直播带岗开播时提醒' },
};

/** WeChat answers per template in `requestSubscribeMessage` (any `accept…` counts as accept). */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** WeChat shows at most this many templates in one subscribe popup (wechat.md §2.1). */
export const SUBSCRIBE_TEMPLATES_PER_REQUEST = 3;

export interface SubscribeTemplate {
  topic: SubscribeTopic;
  templateId: string;
}

export interface SubscriptionView {
  templateId: string;
  credits: number;
  longTerm: boolean;
  lastResult: SubscribeResult;
}

/** A student's settings page: chosen topics, the configured templates and the credits held. */
export interface SubscriptionSettings {
  topics: SubscribeTopic[];
  templates: SubscribeTemplate[];
  subscriptions: SubscriptionView[];
}

export interface SubscriptionTopicsInput {
  topics: SubscribeTopic[];
}

export interface SubscribeResultInput {
  results: Record<string, SubscribeResult>;
}
