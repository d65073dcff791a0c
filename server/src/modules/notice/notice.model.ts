import { Schema, Types } from 'mongoose';
import {
  DELIVERY_STATUSES,
  INBOX_SOURCES,
  PUSH_FAIL_REASONS,
  type DeliveryStatus,
  type DigestEntry,
  type InboxSource,
  type NoticeEventType,
  type PushFailReason,
} from '../../contract/notice';
import { CONTENT_KINDS, type ContentKind } from '../../contract/policy';
import { defineModel } from '../../core/database';

const EPOCH = new Date(0);

/**
 * One notice to one user: the inbox item (`readAt`) and the WeChat send record at once.
 *
 * Policy items belong to a push: `_id` derives from (policy, user) (`deliveryId`), the push's chunks
 * carry their sends. Every other notice is written by `NoticeService.tell`: `pushId` derives from the
 * event's catalogue key (`eventPushId`), `_id` from (that key, user), so telling the same event twice
 * writes nothing new. Its send, when there is one, waits on the row itself (`queue: 'send'`) and is
 * claimed with a lease by the notice sender.
 */
export interface DeliveryDoc {
  _id: Types.ObjectId;
  pushId: Types.ObjectId;
  userId: Types.ObjectId;
  /** Policy items: the chunk that owns the delivery (set once at insert); 0 otherwise. */
  chunk: number;
  openid?: string;
  /** Policy items: the student's subscription for the template when the push was planned (credit ledger). */
  subId?: Types.ObjectId;
  /** Absent on deliveries written before sources existed: those are policy items. */
  source?: InboxSource;
  /** Catalogue event type (absent on policy items and items written before the catalogue). */
  type?: NoticeEventType;
  contentId?: Types.ObjectId;
  kind?: ContentKind;
  page?: string;
  title: string;
  summary: string;
  /** A weekly digest: the held notices it gathers. */
  digest?: DigestEntry[];
  createdAt: Date;
  readAt?: Date | null;
  status: DeliveryStatus;
  /** Event notices: the template id and its fields (before WeChat's limits) as told. */
  templateId?: string;
  data?: Record<string, string>;
  /** Present while the event notice's send is due or in flight: what the sender claims. */
  queue?: 'send';
  /** The sender's current claim on an event notice; a reclaim replaces it, so a stale holder's record misses. */
  claim?: string | null;
  claimedBy?: string | null;
  leaseUntil?: Date;
  attempts: number;
  nextAttemptAt: Date;
  /** Write-ahead mark: set just before a send goes out, cleared when its answer is recorded. */
  attemptedAt?: Date | null;
  /** An earlier attempt may have reached WeChat without us learning the answer. */
  ambiguous: boolean;
  /** Policy items: this delivery holds one credit of the student's subscription (reserved for its retries). */
  creditTaken: boolean;
  /** The credit used was the user's last one for the template (makes a resend safe, see push.rules). */
  lastCredit: boolean;
  errcode?: number;
  reason?: PushFailReason;
  sentAt?: Date;
}

const digestEntrySchema = new Schema<DigestEntry>(
  { id: String, topic: String, title: String, summary: String, page: String, contentId: String, createdAt: String },
  { _id: false },
);

const deliverySchema = new Schema<DeliveryDoc>(
  {
    pushId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    chunk: { type: Number, required: true },
    openid: String,
    subId: Schema.Types.ObjectId,
    source: { type: String, enum: INBOX_SOURCES },
    type: String,
    contentId: Schema.Types.ObjectId,
    kind: { type: String, enum: CONTENT_KINDS },
    page: String,
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    digest: { type: [digestEntrySchema], default: undefined },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    templateId: String,
    data: { type: Schema.Types.Mixed, default: undefined },
    queue: { type: String, enum: ['send'] },
    claim: { type: String, default: null },
    claimedBy: { type: String, default: null },
    leaseUntil: { type: Date, default: EPOCH },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: EPOCH },
    attemptedAt: { type: Date, default: null },
    ambiguous: { type: Boolean, default: false },
    creditTaken: { type: Boolean, default: false },
    lastCredit: { type: Boolean, default: false },
    errcode: Number,
    reason: { type: String, enum: PUSH_FAIL_REASONS },
    sentAt: Date,
  },
  { collection: 'deliveries', versionKey: false },
);
deliverySchema.index({ pushId: 1, userId: 1 }, { unique: true });
deliverySchema.index({ userId: 1, createdAt: -1, _id: -1 });
deliverySchema.index({ userId: 1, readAt: 1 });
// The sender's claim: only event notices waiting to be sent carry `queue`.
deliverySchema.index({ queue: 1, nextAttemptAt: 1, leaseUntil: 1 });
// The weekly digest looks for held notices older than its due time.
deliverySchema.index({ status: 1, createdAt: 1 });

export const DeliveryModel = defineModel('Delivery', deliverySchema);
