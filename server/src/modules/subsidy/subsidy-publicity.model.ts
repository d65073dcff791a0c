import { Schema, Types } from 'mongoose';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../../contract/subsidy-publicity';
import { defineModel } from '../../core/database';

/**
 * One person's objection to one published application. Its reason, contact and evidence are a
 * 公示异议 complaint (the complaint module's); this record ties it to the batch line it holds and
 * carries the bureau's decision. Unique per (application, objector): a retry finds the first.
 */
export interface ObjectionDoc {
  _id: Types.ObjectId;
  batchId: Types.ObjectId;
  applicationId: Types.ObjectId;
  objectorId: Types.ObjectId;
  complaintId: Types.ObjectId;
  /** The entry as the notice showed it (masked), for the objector's own list. */
  entryName: string;
  programName: string;
  amount: number;
  status: ObjectionStatus;
  decisionReason?: string;
  decidedBy?: string;
  decidedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<ObjectionDoc>(
  {
    batchId: { type: Schema.Types.ObjectId, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    objectorId: { type: Schema.Types.ObjectId, required: true },
    complaintId: { type: Schema.Types.ObjectId, required: true },
    entryName: { type: String, required: true },
    programName: { type: String, required: true },
    amount: { type: Number, required: true },
    status: { type: String, enum: OBJECTION_STATUSES, required: true },
    decisionReason: String,
    decidedBy: String,
    decidedAt: Date,
  },
  { collection: 'subsidy_objections', timestamps: true, versionKey: false },
);
schema.index({ applicationId: 1, objectorId: 1 }, { unique: true });
schema.index({ batchId: 1, status: 1 });
schema.index({ objectorId: 1, createdAt: -1 });

export const ObjectionModel = defineModel('SubsidyObjection', schema);
