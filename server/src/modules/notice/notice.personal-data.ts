import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { DeliveryModel } from './notice.model';
import { SubscriptionModel } from './subscription.model';
import { TopicChoiceModel } from './topic.model';

/** Inbox, subscribe-message standing and topic choices: copied, and dropped with the account. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class NoticePersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    const r = this.registry;
    r.register(
      'notice-inbox',
      r.collection({
        title: '消息',
        model: DeliveryModel,
        field: 'userId',
        idType: 'objectId',
        columns: { 标题: d => d.title, 摘要: d => d.summary, 时间: d => copyDate(d.createdAt), 已读: d => Boolean(d.readAt) },
      }),
    );
    r.register(
      'notice-subscriptions',
      r.collection({
        title: '订阅消息授权',
        model: SubscriptionModel,
        field: 'userId',
        idType: 'string',
        columns: { 模板: d => d.templateId, 剩余次数: d => d.credits, 长期订阅: d => d.longTerm },
      }),
    );
    r.register(
      'notice-topics',
      r.collection({ title: '消息设置', model: TopicChoiceModel, field: 'userId', idType: 'string', columns: { 接收的主题: d => d.topics.join('、') } }),
    );
  }
}
