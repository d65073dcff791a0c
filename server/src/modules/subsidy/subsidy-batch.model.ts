import { Schema, Types } from 'mongoose';
import { PAYMENT_LINE_STATUSES, type PaymentLineStatus } from '../../contract/subsidy';
import { defineModel } from '../../core/database';

export interface PaymentLine {
  applicationId: Types.ObjectId;
  /** The payment attempt, `<application id>#<n>` (absent on lines from before attempts had keys: the application id). */
  key?: string;
  name: string;
  programName: string;
  bankAccountMasked: string;
  amount: number;
  status: PaymentLineStatus;
  reason?: string;
  settledAt?: Date;
}

/**
 * A payment batch. Written first as `building` (the intent), then each approved
 * application is claimed by a conditional update, then the lines are filled in:
 * a crash in between leaves claims that `SubsidyPaymentService` completes.
 */
export interface PaymentBatchDoc {
  _id: Types.ObjectId;
  reference: string;
  status: 'building' | 'open' | 'settled';
  programId?: Types.ObjectId;
  /** The preview the bureau confirmed (absent on batches from before previews): a repeated confirmation finds this batch. */
  previewKey?: string;
  createdBy: string;
  lines: PaymentLine[];
  createdAt: Date;
  updatedAt: Date;
}

const lineSchema = new Schema<PaymentLine>(
  {
    applicationId: { type: Schema.Types.ObjectId, required: true },
    key: String,
    name: { type: String, required: true },
    programName: { type: String, required: true },
    bankAccountMasked: { type: String, required: true },
    amount: { type: Number, required: true },
    status: { type: String, enum: PAYMENT_LINE_STATUSES, required: true },
    reason: String,
    settledAt: Date,
  },
  { _id: false },
);

const schema = new Schema<PaymentBatchDoc>(
  {
    reference: { type: String, required: true },
    status: { type: String, required: true },
    programId: Schema.Types.ObjectId,
    previewKey: String,
    createdBy: { type: String, required: true },
    lines: { type: [lineSchema], default: [] },
  },
  { collection: 'subsidy_batches', timestamps: true, versionKey: false },
);
schema.index({ reference: 1 }, { unique: true });
schema.index({ status: 1, createdAt: -1 });
schema.index({ previewKey: 1 }, { unique: true, sparse: true });

export const PaymentBatchModel = defineModel('SubsidyPaymentBatch', schema);
