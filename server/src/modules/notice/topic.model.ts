import { Schema, Types } from 'mongoose';
import { SUBSCRIBE_TOPICS, type SubscribeTopic } from '../../contract/subscription';
import { defineModel } from '../../core/database';

/** The topics a student chose in settings; no document means every topic (the default). */
export interface TopicChoiceDoc {
  _id: Types.ObjectId;
  userId: string;
  topics: SubscribeTopic[];
  updatedAt: Date;
}

const schema = new Schema<TopicChoiceDoc>(
  {
    userId: { type: String, required: true },
    topics: { type: [String], enum: SUBSCRIBE_TOPICS, default: [] },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'subscription_topics', versionKey: false },
);
schema.index({ userId: 1 }, { unique: true });

export const TopicChoiceModel = defineModel('SubscriptionTopicChoice', schema);
