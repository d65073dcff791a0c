import { Schema } from 'mongoose';
import { defineModel } from '../../core/database';

/** One document per appid: the shared access token and the refresh lock. */
export interface WeChatTokenDoc {
  _id: string;
  token: string | null;
  expiresAt: Date | null;
  lockOwner: string | null;
  lockUntil: Date | null;
  refreshedAt: Date | null;
  refreshCount: number;
}

const schema = new Schema<WeChatTokenDoc>(
  {
    _id: { type: String, required: true },
    token: { type: String, default: null },
    expiresAt: { type: Date, default: null },
    lockOwner: { type: String, default: null },
    lockUntil: { type: Date, default: null },
    refreshedAt: { type: Date, default: null },
    refreshCount: { type: Number, default: 0 },
  },
  { collection: 'wechat_tokens', versionKey: false },
);

export const WeChatTokenModel = defineModel('WeChatToken', schema);
