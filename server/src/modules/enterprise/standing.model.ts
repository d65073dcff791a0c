import { Schema, Types } from 'mongoose';
import { ABNORMAL_KINDS, type AbnormalKind } from '../../contract/job';
import { defineModel } from '../../core/database';

/** A recruiter's real-name check: name and resident ID sealed (PiiService), renewed every six months. */
export interface RealNameDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  nameEnc: string;
  idNumberEnc: string;
  idNumberHash: string;
  phoneHash: string;
  verifiedAt: Date;
  expiresAt: Date;
  /** The expiry a reminder was sent for (one reminder per period). */
  remindedFor?: Date;
  /** The expiry whose lapse was applied (jobs held, recruiter told). */
  lapsedFor?: Date;
  /** Set when the person was put on the 异常名录: the check no longer counts. */
  revokedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const realNameSchema = new Schema<RealNameDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    nameEnc: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    phoneHash: { type: String, required: true },
    verifiedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    remindedFor: Date,
    lapsedFor: Date,
    revokedAt: Date,
  },
  { collection: 'recruiter_real_names', timestamps: true, versionKey: false },
);
realNameSchema.index({ userId: 1 }, { unique: true });
realNameSchema.index({ idNumberHash: 1 });
realNameSchema.index({ expiresAt: 1 });

export const RealNameModel = defineModel('RecruiterRealName', realNameSchema);

/** One 异常名录 subject; removal keeps the row (the audit trail says who and why). */
export interface AbnormalDoc {
  _id: Types.ObjectId;
  kind: AbnormalKind;
  /** Credit code, or the keyed hash of a resident ID. */
  key: string;
  /** What staff see: the credit code, or the masked ID. */
  subject: string;
  name: string;
  reason: string;
  evidence?: string;
  active: boolean;
  listedAt: Date;
  listedBy: Types.ObjectId;
  removedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const abnormalSchema = new Schema<AbnormalDoc>(
  {
    kind: { type: String, enum: ABNORMAL_KINDS, required: true },
    key: { type: String, required: true },
    subject: { type: String, required: true },
    name: { type: String, default: '' },
    reason: { type: String, required: true },
    evidence: String,
    active: { type: Boolean, default: true },
    listedAt: { type: Date, required: true },
    listedBy: { type: Schema.Types.ObjectId, required: true },
    removedAt: Date,
  },
  { collection: 'abnormal_list', timestamps: true, versionKey: false },
);
abnormalSchema.index({ kind: 1, key: 1 }, { unique: true });
abnormalSchema.index({ active: 1, listedAt: -1, _id: -1 });

export const AbnormalModel = defineModel('AbnormalListEntry', abnormalSchema);
