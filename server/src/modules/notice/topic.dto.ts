import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { SUBSCRIBE_TOPICS, type SubscribeTopic, type SubscriptionTopicsInput } from '../../contract/subscription';

const topicList = () => RuleType.array().items(RuleType.string().valid(...SUBSCRIBE_TOPICS)).unique().max(SUBSCRIBE_TOPICS.length);

export class SubscriptionTopicsDTO implements SubscriptionTopicsInput {
  @ApiProperty({ type: [String], enum: SUBSCRIBE_TOPICS, description: '想接收微信提醒的消息主题（可为空）' })
  @Rule(topicList().required())
  topics!: SubscribeTopic[];

  @ApiProperty({ type: [String], enum: SUBSCRIBE_TOPICS, required: false, description: '改为每周摘要的主题（紧急消息仍即时送达）；不传则不变' })
  @Rule(topicList())
  digest?: SubscribeTopic[];
}
