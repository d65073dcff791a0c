import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { SUBSCRIBE_TOPICS, type SubscribeTopic, type SubscriptionTopicsInput } from '../../contract/subscription';

export class SubscriptionTopicsDTO implements SubscriptionTopicsInput {
  @ApiProperty({ type: [String], enum: SUBSCRIBE_TOPICS, description: '想接收的消息主题（可为空）' })
  @Rule(RuleType.array().items(RuleType.string().valid(...SUBSCRIBE_TOPICS)).unique().max(SUBSCRIBE_TOPICS.length).required())
  topics!: SubscribeTopic[];
}
