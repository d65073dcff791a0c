import { Schema, Types } from 'mongoose';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintEvidenceType,
  type ComplaintLiveSnapshot,
  type ComplaintStatus,
} from '../../contract/complaint';
import { defineModel } from '../../core/database';
import { storedFileFields, type StoredFile } from '../../core/files/stored-file';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

export interface StoredComplaintEvent {
  at: Date;
  action: ComplaintAction;
  actorRole: 'complainant' | 'district' | 'bureau';
  actorId: string;
  note?: string;
}

/** Its `hash` (sha256 of the bytes): the same file sent twice (a retried upload) is stored once. */
export type StoredEvidence = StoredFile<ComplaintEvidenceType>;

/** What a live room showed when reported; written with the complaint and never changed. */
export type LiveSnapshotDoc = Omit<ComplaintLiveSnapshot, 'sessionId' | 'shownAt'> & { sessionId: Types.ObjectId; shownAt: Date };

export interface ComplaintDoc {
  _id: Types.ObjectId;
  complainantId: Types.ObjectId;
  complainantName: string;
  idempotencyKey: string;
  fingerprint: string;
  category: ComplaintCategory;
  jobId?: Types.ObjectId;
  jobTitle?: string;
  enterpriseId?: Types.ObjectId;
  enterpriseName?: string;
  partyName?: string;
  /** 公示异议: the published subsidy application objected to. */
  subsidyApplicationId?: Types.ObjectId;
  district: string;
  description: string;
  phoneEnc: string;
  phoneHash: string;
  phoneMasked: string;
  evidence: StoredEvidence[];
  status: ComplaintStatus;
  handlerId?: Types.ObjectId;
  handlerName?: string;
  handlerRole?: 'district' | 'bureau';
  handlerDistrict?: string;
  /** Deadline of the current step; cleared once answered. Overdue = open and past it. */
  dueAt?: Date;
  triagedAt?: Date;
  reply?: string;
  rejectReason?: string;
  repliedAt?: Date;
  closedAt?: Date;
  /** This complaint holds a freeze on its job / enterprise (several complaints may hold one). */
  jobFrozen: boolean;
  enterpriseFrozen: boolean;
  timeline: StoredComplaintEvent[];
  live?: LiveSnapshotDoc;
  /** Notices of steps not yet told: written with the step, pulled once told (notice.outbox.ts). */
  pendingNotices?: NoticeOutboxEntry[];
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

const eventSchema = new Schema<StoredComplaintEvent>(
  {
    at: { type: Date, required: true },
    action: { type: String, enum: COMPLAINT_ACTIONS, required: true },
    actorRole: { type: String, required: true },
    actorId: { type: String, required: true },
    note: String,
  },
  { _id: false },
);

const liveSnapshotSchema = new Schema<LiveSnapshotDoc>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    sessionTitle: { type: String, required: true },
    hostName: { type: String, required: true },
    target: { type: String, enum: ['stream', 'job'], required: true },
    shownAt: { type: Date, required: true },
    offsetMs: Number,
    card: {
      type: new Schema(
        {
          jobId: { type: String, required: true },
          title: { type: String, required: true },
          enterpriseName: { type: String, required: true },
          salaryMin: { type: Number, required: true },
          salaryMax: { type: Number, required: true },
          pinned: { type: Boolean, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
    chat: {
      type: [new Schema({ nickname: String, text: String, offsetMs: Number, host: Boolean }, { _id: false })],
      default: [],
    },
  },
  { _id: false },
);

const evidenceSchema = new Schema<StoredEvidence>({ ...storedFileFields }, { _id: false });

const schema = new Schema<ComplaintDoc>(
  {
    complainantId: { type: Schema.Types.ObjectId, required: true },
    complainantName: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    fingerprint: { type: String, required: true },
    category: { type: String, enum: COMPLAINT_CATEGORIES, required: true },
    jobId: Schema.Types.ObjectId,
    jobTitle: String,
    enterpriseId: Schema.Types.ObjectId,
    enterpriseName: String,
    partyName: String,
    subsidyApplicationId: Schema.Types.ObjectId,
    district: { type: String, required: true },
    description: { type: String, required: true },
    phoneEnc: { type: String, required: true },
    phoneHash: { type: String, required: true },
    phoneMasked: { type: String, required: true },
    evidence: { type: [evidenceSchema], default: [] },
    status: { type: String, enum: COMPLAINT_STATUSES, required: true },
    handlerId: Schema.Types.ObjectId,
    handlerName: String,
    handlerRole: String,
    handlerDistrict: String,
    dueAt: Date,
    triagedAt: Date,
    reply: String,
    rejectReason: String,
    repliedAt: Date,
    closedAt: Date,
    jobFrozen: { type: Boolean, default: false },
    enterpriseFrozen: { type: Boolean, default: false },
    timeline: { type: [eventSchema], default: [] },
    live: { type: liveSnapshotSchema, required: false },
    pendingNotices: noticeOutboxField,
    seedKey: String,
  },
  { collection: 'complaints', timestamps: true, versionKey: false },
);
// Two simultaneous submissions with one key: the database lets exactly one in.
schema.index({ complainantId: 1, idempotencyKey: 1 }, { unique: true });
schema.index({ complainantId: 1, createdAt: -1 });
schema.index({ district: 1, status: 1, createdAt: -1, _id: -1 });
schema.index({ status: 1, createdAt: -1, _id: -1 });
schema.index({ status: 1, dueAt: 1 });
schema.index({ jobId: 1, jobFrozen: 1 });
schema.index({ enterpriseId: 1, enterpriseFrozen: 1 });
schema.index({ phoneHash: 1 });
schema.index(noticeOutboxIndex);
schema.index({ seedKey: 1 }, { unique: true, sparse: true });

export const ComplaintModel = defineModel('Complaint', schema);

export interface HotlineDoc {
  _id: Types.ObjectId;
  /** A district code, or 'city' for the city bureau's line. */
  district: string;
  name: string;
  phone: string;
  hours: string;
  example: boolean;
  updatedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const hotlineSchema = new Schema<HotlineDoc>(
  {
    district: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    hours: { type: String, required: true },
    example: { type: Boolean, default: false },
    updatedBy: String,
  },
  { collection: 'complaint_hotlines', timestamps: true, versionKey: false },
);
hotlineSchema.index({ district: 1 }, { unique: true });

export const HotlineModel = defineModel('ComplaintHotline', hotlineSchema);
