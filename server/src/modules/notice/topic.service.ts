import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import {
  SUBSCRIBE_TOPICS,
  type SubscribeTemplate,
  type SubscribeTopic,
  type SubscriptionSettings,
} from '../../contract/subscription';
import { Database } from '../../core/database';
import { SubscriptionService } from './subscription.service';
import { TopicChoiceModel } from './topic.model';

/** Environment variable holding each topic's WeChat template id (set in the mini-program admin). */
export const TOPIC_TEMPLATE_ENV: Record<SubscribeTopic, string> = {
  policy: 'WECHAT_TEMPLATE_POLICY_NOTICE',
  application: 'WECHAT_TEMPLATE_APPLICATION_STATUS',
  subsidy: 'WECHAT_TEMPLATE_SUBSIDY_STATUS',
  live: 'WECHAT_TEMPLATE_LIVE_START',
};

/** The topics whose template is configured, in topic order; read per call so tests can set env. */
export function configuredTemplates(env: NodeJS.ProcessEnv = process.env): SubscribeTemplate[] {
  return SUBSCRIBE_TOPICS.flatMap(topic => {
    const templateId = env[TOPIC_TEMPLATE_ENV[topic]]?.trim();
    return templateId ? [{ topic, templateId }] : [];
  });
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class TopicService {
  @Inject()
  private db!: Database;

  @Inject()
  private subscriptions!: SubscriptionService;

  async topicsOf(userId: string): Promise<SubscribeTopic[]> {
    const doc = await this.db.model(TopicChoiceModel).findOne({ userId }).lean();
    return doc ? SUBSCRIBE_TOPICS.filter(t => doc.topics.includes(t)) : [...SUBSCRIBE_TOPICS];
  }

  /** Whether a student wants notices of a topic (senders check this before spending a credit). */
  async wants(userId: string, topic: SubscribeTopic): Promise<boolean> {
    return (await this.topicsOf(userId)).includes(topic);
  }

  async settings(userId: string): Promise<SubscriptionSettings> {
    const [topics, subscriptions] = await Promise.all([this.topicsOf(userId), this.subscriptions.mine(userId)]);
    return { topics, templates: configuredTemplates(), subscriptions };
  }

  /** Replaces the choice; repeating the same request changes nothing. */
  async choose(userId: string, topics: SubscribeTopic[]): Promise<SubscriptionSettings> {
    await this.db.model(TopicChoiceModel).updateOne(
      { userId },
      { $set: { topics: SUBSCRIBE_TOPICS.filter(t => topics.includes(t)), updatedAt: new Date() } },
      { upsert: true },
    );
    return this.settings(userId);
  }
}
