import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { SUBSCRIBE_TOPICS, type SubscribeTemplate, type SubscribeTopic, type SubscriptionSettings } from '../../contract/subscription';
import { Database } from '../../core/database';
import { TOPIC_TEMPLATES } from './notice.catalogue';
import { NoticeService } from './notice.service';
import { topicState } from './notice.rules';
import { SubscriptionService } from './subscription.service';
import { TopicChoiceModel } from './topic.model';

@Provide()
@Scope(ScopeEnum.Singleton)
export class TopicService {
  @Inject()
  private db!: Database;

  @Inject()
  private subscriptions!: SubscriptionService;

  @Inject()
  private notices!: NoticeService;

  /** The topics whose template is configured, in topic order. */
  configuredTemplates(): SubscribeTemplate[] {
    return SUBSCRIBE_TOPICS.flatMap(topic => {
      const template = TOPIC_TEMPLATES[topic];
      const templateId = template ? this.notices.templateId(template) : '';
      return templateId ? [{ topic, templateId }] : [];
    });
  }

  async settings(userId: string): Promise<SubscriptionSettings> {
    const [doc, subscriptions] = await Promise.all([this.db.model(TopicChoiceModel).findOne({ userId }).lean(), this.subscriptions.mine(userId)]);
    return {
      topics: SUBSCRIBE_TOPICS.filter(t => topicState(doc, t).on),
      digest: SUBSCRIBE_TOPICS.filter(t => topicState(doc, t).digest),
      templates: this.configuredTemplates(),
      subscriptions,
    };
  }

  /** Replaces the choice (the digest choice only when given); repeating the same request changes nothing. */
  async choose(userId: string, topics: SubscribeTopic[], digest?: SubscribeTopic[]): Promise<SubscriptionSettings> {
    const on = SUBSCRIBE_TOPICS.filter(t => topics.includes(t));
    await this.db.model(TopicChoiceModel).updateOne(
      { userId },
      {
        $set: {
          topics: on,
          off: SUBSCRIBE_TOPICS.filter(t => !topics.includes(t)),
          ...(digest ? { digest: SUBSCRIBE_TOPICS.filter(t => digest.includes(t)) } : {}),
          updatedAt: new Date(),
        },
      },
      { upsert: true },
    );
    return this.settings(userId);
  }
}
