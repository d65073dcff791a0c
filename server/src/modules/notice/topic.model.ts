import { Schema, Types } from 'mongoose';
import { SUBSCRIBE_TOPICS, type SubscribeTopic } from '../../contract/subscription';
import { defineModel } from '../../core/database';

/**
 * The topics a user chose in settings; no document means every topic on, none in the digest.
 * `topics` lists those on. `off` lists those turned off; documents written before it existed lack it,
 * and then a topic they could not know about is on (`topicState` in notice.rules.ts).
 */
export interface TopicChoiceDoc {
  _id: Types.ObjectId;
  userId: string;
  topics: SubscribeTopic[];
  off?: SubscribeTopic[];
  /** Topics gathered into the weekly digest. */
  digest?: SubscribeTopic[];
  updatedAt: Date;
}

const schema = new Schema<TopicChoiceDoc>(
  {
    userId: { type: String, required: true },
    topics: { type: [String], enum: SUBSCRIBE_TOPICS, default: [] },
    off: { type: [String], enum: SUBSCRIBE_TOPICS, default: undefined },
    digest: { type: [String], enum: SUBSCRIBE_TOPICS, default: undefined },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'subscription_topics', versionKey: false },
);
schema.index({ userId: 1 }, { unique: true });

export const TopicChoiceModel = defineModel('SubscriptionTopicChoice', schema);
