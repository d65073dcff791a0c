import { Schema, Types } from 'mongoose';
import { SUBSCRIBE_RESULTS, type SubscribeResult } from '../../contract/subscription';
import { defineModel } from '../../core/database';

/**
 * A student's subscribe-message standing for one template: one-time credits accepted on the client
 * (`requestSubscribeMessage` → `accept`), each good for one send; `longTerm` where WeChat grants it.
 */
export interface SubscriptionDoc {
  _id: Types.ObjectId;
  userId: string;
  templateId: string;
  credits: number;
  longTerm: boolean;
  /** Last answer the client reported for this template. */
  lastResult: SubscribeResult;
  updatedAt: Date;
}

export { SUBSCRIBE_RESULTS, type SubscribeResult } from '../../contract/subscription';

const schema = new Schema<SubscriptionDoc>(
  {
    userId: { type: String, required: true },
    templateId: { type: String, required: true },
    credits: { type: Number, default: 0, min: 0 },
    longTerm: { type: Boolean, default: false },
    lastResult: { type: String, enum: SUBSCRIBE_RESULTS, required: true },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { collection: 'subscriptions', versionKey: false },
);
schema.index({ userId: 1, templateId: 1 }, { unique: true });

export const SubscriptionModel = defineModel('Subscription', schema);
