import { Schema, Types } from 'mongoose';
import { PAYMENT_LINE_STATUSES, type PaymentLineStatus } from '../../contract/subsidy';
import { defineModel } from '../../core/database';
import type { StoredPublicity } from './subsidy.publicity.rules';

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
  /** An open 公示 objection holds the line out of the bank file until the bureau decides. */
  held?: boolean;
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
  /** 公示: set once when the bureau publishes the batch; payment waits until it ended. */
  publicity?: StoredPublicity;
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
    held: Boolean,
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
    publicity: {
      type: new Schema<StoredPublicity>(
        {
          startsAt: { type: Date, required: true },
          endsAt: { type: Date, required: true },
          lastDay: { type: String, required: true },
          workingDays: { type: Number, required: true },
          publishedBy: { type: String, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
    lines: { type: [lineSchema], default: [] },
  },
  { collection: 'subsidy_batches', timestamps: true, versionKey: false },
);
schema.index({ reference: 1 }, { unique: true });
schema.index({ status: 1, createdAt: -1 });
schema.index({ previewKey: 1 }, { unique: true, sparse: true });
schema.index({ 'publicity.endsAt': -1 }, { sparse: true });

export const PaymentBatchModel = defineModel('SubsidyPaymentBatch', schema);
