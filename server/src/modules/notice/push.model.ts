import { Schema, Types } from 'mongoose';
import { CONTENT_KINDS, type Audience, type ContentKind } from '../../contract/policy';
import { defineModel } from '../../core/database';

const EPOCH = new Date(0);

/**
 * One publication of one policy version with an audience: the intent the worker finishes.
 * Writing recipients is resumable (`expand*` lease), so a publish whose process died still reaches
 * everyone.
 */
export interface PushDoc {
  _id: Types.ObjectId;
  contentId: Types.ObjectId;
  version: number;
  kind: ContentKind;
  title: string;
  summary: string;
  issuer: string;
  publishedAt: Date;
  audience: Audience;
  /** Staff scope of the content, copied for statistics access checks. */
  owner: { collegeId?: string; districtCode?: string };
  /** Whether WeChat sending was configured when the push was planned (false: inbox only). */
  sending: boolean;
  templateId: string;
  expandState: 'pending' | 'done';
  expandLeaseUntil: Date;
  /** The worker holding (or last holding) the expansion lease: a restart under the same id takes it back at once. */
  expandedBy?: string | null;
  audienceSize: number;
  chunks: number;
  createdBy: string;
  createdAt: Date;
}

const pushSchema = new Schema<PushDoc>(
  {
    contentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    kind: { type: String, enum: CONTENT_KINDS, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    issuer: { type: String, default: '' },
    publishedAt: { type: Date, required: true },
    audience: { type: Schema.Types.Mixed, required: true },
    owner: { type: new Schema({ collegeId: String, districtCode: String }, { _id: false }), default: () => ({}) },
    sending: { type: Boolean, required: true },
    templateId: { type: String, default: '' },
    expandState: { type: String, enum: ['pending', 'done'], default: 'pending' },
    expandLeaseUntil: { type: Date, default: EPOCH },
    expandedBy: { type: String, default: null },
    audienceSize: { type: Number, default: 0 },
    chunks: { type: Number, default: 0 },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'pushes', versionKey: false },
);
// One push per published version, however often publish (or its follow-up) is retried.
pushSchema.index({ contentId: 1, version: 1 }, { unique: true });
pushSchema.index({ contentId: 1, createdAt: -1 });
pushSchema.index({ expandState: 1, expandLeaseUntil: 1 });
pushSchema.index({ expandedBy: 1, expandState: 1 });

export const PushModel = defineModel('Push', pushSchema);

/**
 * A fixed group of a push's deliveries: the unit workers claim with a lease. Claiming hundreds of
 * deliveries with one conditional update keeps the claim atomic and cheap.
 */
export interface PushChunkDoc {
  _id: Types.ObjectId;
  pushId: Types.ObjectId;
  seq: number;
  deliveryIds: Types.ObjectId[];
  state: 'pending' | 'done';
  /** Earliest time a delivery in it is due (retries wait here). */
  nextAttemptAt: Date;
  /** Current claim; a new claim or a renewal replaces it, so a stale holder's updates miss. */
  claim: string | null;
  claimedBy: string | null;
  leaseUntil: Date;
}

const chunkSchema = new Schema<PushChunkDoc>(
  {
    pushId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    deliveryIds: { type: [Schema.Types.ObjectId], default: [] },
    state: { type: String, enum: ['pending', 'done'], default: 'pending' },
    nextAttemptAt: { type: Date, default: EPOCH },
    claim: { type: String, default: null },
    claimedBy: { type: String, default: null },
    leaseUntil: { type: Date, default: EPOCH },
  },
  { collection: 'push_chunks', versionKey: false },
);
chunkSchema.index({ pushId: 1, seq: 1 }, { unique: true });
chunkSchema.index({ state: 1, nextAttemptAt: 1, leaseUntil: 1 });
chunkSchema.index({ claimedBy: 1, state: 1 });

export const PushChunkModel = defineModel('PushChunk', chunkSchema);
