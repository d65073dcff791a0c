import { Schema, Types } from 'mongoose';
import { SUPPORT_SERVICE_KINDS, type SupportServiceKind } from '../../contract/support';
import { defineModel } from '../../core/database';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

/** 一人一档: one case per unemployed leaver. */
export interface SupportCaseDoc {
  _id: Types.ObjectId;
  studentId?: Types.ObjectId;
  graduateId?: Types.ObjectId;
  name: string;
  districtCode: string;
  registeredBy: 'self' | 'staff';
  caseworkerId?: Types.ObjectId;
  intention: string;
  plan: string;
  services: Array<{ kind: SupportServiceKind; note: string; at: Date; by: Types.ObjectId }>;
  rounds: Array<{ at: Date; by: Types.ObjectId; jobIds: Types.ObjectId[] }>;
  closed: boolean;
  /** Round and service notices until they are told (written with the round or service). */
  pendingNotices?: NoticeOutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<SupportCaseDoc>(
  {
    studentId: { type: Schema.Types.ObjectId },
    graduateId: { type: Schema.Types.ObjectId },
    name: { type: String, required: true },
    districtCode: { type: String, required: true },
    registeredBy: { type: String, enum: ['self', 'staff'], required: true },
    caseworkerId: { type: Schema.Types.ObjectId },
    intention: { type: String, default: '' },
    plan: { type: String, default: '' },
    services: {
      type: [
        new Schema(
          { kind: { type: String, enum: SUPPORT_SERVICE_KINDS, required: true }, note: { type: String, default: '' }, at: Date, by: Schema.Types.ObjectId },
          { _id: false },
        ),
      ],
      default: [],
    },
    rounds: {
      type: [new Schema({ at: Date, by: Schema.Types.ObjectId, jobIds: [Schema.Types.ObjectId] }, { _id: false })],
      default: [],
    },
    closed: { type: Boolean, default: false },
    pendingNotices: noticeOutboxField,
  },
  { collection: 'support_cases', timestamps: true, versionKey: false },
);

schema.index({ studentId: 1 }, { unique: true, sparse: true });
schema.index({ graduateId: 1 }, { unique: true, sparse: true });
schema.index({ districtCode: 1, createdAt: -1, _id: -1 });
schema.index(noticeOutboxIndex);

export const SupportCaseModel = defineModel('SupportCase', schema);
