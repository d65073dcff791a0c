import { Schema, Types } from 'mongoose';
import { FAIR_KINDS, type FairKind } from '../../contract/job';
import { defineModel } from '../../core/database';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

export interface FairDoc {
  _id: Types.ObjectId;
  kind: FairKind;
  title: string;
  description: string;
  startAt: Date;
  endAt: Date;
  venue: string;
  district?: string;
  boothCapacity: number;
  /** Booths taken; only ever changed by a conditional $inc, so it never passes the capacity. */
  boothCount: number;
  registrationCount: number;
  status: 'published' | 'cancelled';
  organiserId: Types.ObjectId;
  /** The organising unit (the creator's college or district), whose other staff may run the door too. */
  organiserScope?: { collegeId?: string; districtCode?: string };
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<FairDoc>(
  {
    kind: { type: String, enum: FAIR_KINDS, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    startAt: { type: Date, required: true },
    endAt: { type: Date, required: true },
    venue: { type: String, required: true },
    district: String,
    boothCapacity: { type: Number, required: true },
    boothCount: { type: Number, default: 0 },
    registrationCount: { type: Number, default: 0 },
    status: { type: String, enum: ['published', 'cancelled'], default: 'published' },
    organiserId: { type: Schema.Types.ObjectId, required: true },
    organiserScope: { type: { collegeId: String, districtCode: String, _id: false }, default: undefined },
    seedKey: String,
  },
  { collection: 'fairs', timestamps: true, versionKey: false },
);
schema.index({ status: 1, startAt: 1, _id: 1 });
schema.index({ status: 1, endAt: 1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });

export const FairModel = defineModel('Fair', schema);

export interface FairBoothDoc {
  _id: Types.ObjectId;
  fairId: Types.ObjectId;
  enterpriseId: Types.ObjectId;
  enterpriseName: string;
  jobIds: Types.ObjectId[];
  bookedBy: Types.ObjectId;
  createdAt: Date;
}

const boothSchema = new Schema<FairBoothDoc>(
  {
    fairId: { type: Schema.Types.ObjectId, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    enterpriseName: { type: String, required: true },
    jobIds: { type: [Schema.Types.ObjectId], default: [] },
    bookedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'fair_booths', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
boothSchema.index({ fairId: 1, enterpriseId: 1 }, { unique: true });

export const FairBoothModel = defineModel('FairBooth', boothSchema);

export interface FairRegistrationDoc {
  _id: Types.ObjectId;
  fairId: Types.ObjectId;
  studentId: Types.ObjectId;
  /** The nonce of the one ticket that is currently valid; cleared at check-in. */
  ticketNonce?: string;
  checkedInAt?: Date;
  checkedInBy?: Types.ObjectId;
  /** When the day-before reminder was written to the outbox; unset until then (FairService.remindDue). */
  remindedAt?: Date;
  /** The registration's confirmation until it is told (written with the registration itself). */
  pendingNotices?: NoticeOutboxEntry[];
  createdAt: Date;
}

const registrationSchema = new Schema<FairRegistrationDoc>(
  {
    fairId: { type: Schema.Types.ObjectId, required: true },
    studentId: { type: Schema.Types.ObjectId, required: true },
    ticketNonce: String,
    checkedInAt: Date,
    checkedInBy: Schema.Types.ObjectId,
    remindedAt: Date,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'fair_registrations', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
registrationSchema.index({ fairId: 1, studentId: 1 }, { unique: true });
registrationSchema.index({ studentId: 1, createdAt: -1, _id: -1 });
registrationSchema.index(noticeOutboxIndex);

export const FairRegistrationModel = defineModel('FairRegistration', registrationSchema);
