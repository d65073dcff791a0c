import { Schema, Types } from 'mongoose';
import { MEDIA_CHECK_STATUSES, MEDIA_PURPOSES, type MediaCheckStatus, type MediaPurpose } from '../../contract/moderation';
import { defineModel } from '../../core/database';

/** One uploaded medium others may see, and where its check stands. One per storage key. */
export interface MediaCheckDoc {
  _id: Types.ObjectId;
  key: string;
  ownerId: Types.ObjectId;
  purpose: MediaPurpose;
  /** The record the medium belongs to (the complaint, the enterprise). */
  subjectId: string;
  /** The file's type as sniffed on upload (png, jpeg, pdf). */
  type: string;
  status: MediaCheckStatus;
  traceId?: string;
  label?: number;
  reason?: string;
  decidedBy?: 'wechat' | 'staff';
  decidedById?: string;
  decidedAt?: Date;
  createdAt: Date;
}

const schema = new Schema<MediaCheckDoc>(
  {
    key: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    purpose: { type: String, enum: MEDIA_PURPOSES, required: true },
    subjectId: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, enum: MEDIA_CHECK_STATUSES, required: true },
    traceId: String,
    label: Number,
    reason: String,
    decidedBy: { type: String, enum: ['wechat', 'staff'] },
    decidedById: String,
    decidedAt: Date,
    createdAt: { type: Date, required: true },
  },
  { collection: 'media_checks', versionKey: false },
);
schema.index({ key: 1 }, { unique: true });
schema.index({ traceId: 1 }, { unique: true, sparse: true });
schema.index({ status: 1, createdAt: -1 });

export const MediaCheckModel = defineModel('MediaCheck', schema);

/** A message push already taken (timestamp and nonce): the same push again is a replay. Kept past the freshness window. */
export interface PushNonceDoc {
  _id: string;
  expiresAt: Date;
}

const nonceSchema = new Schema<PushNonceDoc>(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'wechat_push_nonces', versionKey: false },
);
nonceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const PushNonceModel = defineModel('PushNonce', nonceSchema);
