/**
 * What a user can be told about, as the settings page groups it. Each topic is backed by at most one
 * WeChat template configured on the server; a topic without a template is inbox-only. The first four
 * are the topics settings stored before the others existed (a stored choice that predates a topic
 * leaves it on).
 */
export const SUBSCRIBE_TOPICS = ['policy', 'application', 'subsidy', 'live', 'fair', 'support', 'complaint', 'growth'] as const;
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number];

export const SUBSCRIBE_TOPIC_LABELS: Record<SubscribeTopic, { title: string; description: string }> = {
  policy: { title: '政策推送', description: '适合我的新政策、服务和机构发布时提醒' },
  application: { title: '求职进度', description: '投递的岗位被查看、邀约面试或录用时提醒' },
  subsidy: { title: '补贴审核', description: '补贴申请每一步审核、退回补正或发放时提醒' },
  live: { title: '直播开播', description: '预约的直播带岗开播时提醒' },
  fair: { title: '招聘会', description: '招聘会报名成功时提醒' },
  support: { title: '就业帮扶', description: '工作人员推荐岗位、安排培训见习或指导时提醒' },
  complaint: { title: '投诉办理', description: '我的投诉受理、答复和办结时提醒' },
  growth: { title: '成长服务', description: '课程、预约、大赛和故事审核有结果时提醒' },
};

/**
 * How a topic's notices arrive: one by one, or held and gathered into one weekly digest (urgent
 * notices, such as an interview invitation or a subsidy returned for correction, always come at once).
 */
export const NOTICE_MODES = ['each', 'digest'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

export const NOTICE_MODE_LABELS: Record<NoticeMode, string> = { each: '每条提醒', digest: '每周摘要' };

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

/**
 * A student's settings page: chosen topics, those gathered into the weekly digest, the configured
 * templates and the credits held.
 */
export interface SubscriptionSettings {
  topics: SubscribeTopic[];
  /** Topics whose non-urgent notices come as one weekly digest (Monday 09:00, Beijing time). */
  digest: SubscribeTopic[];
  templates: SubscribeTemplate[];
  subscriptions: SubscriptionView[];
}

export interface SubscriptionTopicsInput {
  topics: SubscribeTopic[];
  /** Absent: the digest choice stays as it was. */
  digest?: SubscribeTopic[];
}

export interface SubscribeResultInput {
  results: Record<string, SubscribeResult>;
}
