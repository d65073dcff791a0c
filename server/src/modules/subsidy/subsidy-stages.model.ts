import { Schema, Types } from 'mongoose';
import { PAYMENT_LINE_STATUSES, type PaymentLineStatus } from '../../contract/subsidy';
import { defineModel } from '../../core/database';

/** One year of the working-day calendar, edited by the bureau (seeded from the State Council's notice). */
export interface CalendarYearDoc {
  _id: Types.ObjectId;
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  updatedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const calendarSchema = new Schema<CalendarYearDoc>(
  {
    year: { type: Number, required: true },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    source: { type: String, default: '' },
    updatedBy: String,
  },
  { collection: 'subsidy_calendar', timestamps: true, versionKey: false },
);
calendarSchema.index({ year: 1 }, { unique: true });

export const CalendarYearModel = defineModel('SubsidyCalendarYear', calendarSchema);

/** The bureau's payment batch schedule: one document, key `schedule`. */
export interface BatchScheduleDoc {
  _id: Types.ObjectId;
  key: 'schedule';
  daysOfMonth: number[];
  bankWorkingDays: number;
  publicityWorkingDays?: number;
  updatedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const scheduleSchema = new Schema<BatchScheduleDoc>(
  {
    key: { type: String, required: true },
    daysOfMonth: { type: [Number], default: [] },
    bankWorkingDays: { type: Number, required: true },
    publicityWorkingDays: Number,
    updatedBy: String,
  },
  { collection: 'subsidy_schedule', timestamps: true, versionKey: false },
);
scheduleSchema.index({ key: 1 }, { unique: true });

export const BatchScheduleModel = defineModel('SubsidyBatchSchedule', scheduleSchema);

/**
 * One attempt to pay one application: its own line, keyed `<application id>#<n>`. `paidFor` is set
 * only on the attempt the bank paid, and is unique: a second success for the same application is
 * refused by the database whatever the batches say.
 */
export interface PaymentAttemptDoc {
  _id: Types.ObjectId;
  key: string;
  applicationId: Types.ObjectId;
  batchId: Types.ObjectId;
  attempt: number;
  amount: number;
  bankAccountMasked: string;
  status: PaymentLineStatus;
  reason?: string;
  paidFor?: Types.ObjectId;
  settledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const attemptSchema = new Schema<PaymentAttemptDoc>(
  {
    key: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    batchId: { type: Schema.Types.ObjectId, required: true },
    attempt: { type: Number, required: true },
    amount: { type: Number, required: true },
    bankAccountMasked: { type: String, required: true },
    status: { type: String, enum: PAYMENT_LINE_STATUSES, required: true },
    reason: String,
    paidFor: Schema.Types.ObjectId,
    settledAt: Date,
  },
  { collection: 'subsidy_payment_attempts', timestamps: true, versionKey: false },
);
attemptSchema.index({ key: 1 }, { unique: true });
attemptSchema.index({ paidFor: 1 }, { unique: true, sparse: true });
attemptSchema.index({ applicationId: 1, attempt: 1 });

export const PaymentAttemptModel = defineModel('SubsidyPaymentAttempt', attemptSchema);
