import { Schema, Types } from 'mongoose';
import { OFFER_STATUSES, type OfferPrefill, type OfferStatus } from '../../contract/subsidy-offer';
import { defineModel } from '../../core/database';

/**
 * One 免申即享 offer: a graduate the records show qualifies for a program in a period. `offerKey`
 * (program, period, person) is unique, so a rerun of the match, or two at once, never writes a second one.
 */
export interface SubsidyOfferDoc {
  _id: Types.ObjectId;
  /** `<programId>:<period>:<idNumberHash>` */
  offerKey: string;
  programId: Types.ObjectId;
  programName: string;
  period: string;
  /** The person: keyed hash of the resident ID (the registry's); the ID itself stays in the registry. */
  idNumberHash: string;
  registryId: Types.ObjectId;
  /** The account, when the registry record is linked to one (or the graduate opened it by their ID). */
  userId?: Types.ObjectId;
  amount: number;
  explanation: string;
  prefill: OfferPrefill;
  sources: string[];
  /** `offered` past `expiresAt` reads as expired; no sweep writes it. */
  status: Exclude<OfferStatus, 'expired'>;
  expiresAt: Date;
  applicationId?: Types.ObjectId;
  decidedAt?: Date;
  /** Set once the account was told (the inbox row is keyed by the offer, so telling twice writes nothing). */
  notifiedAt?: Date;
  /** The match run that wrote it, and the one that told the account (a run's exact figures). */
  runId?: Types.ObjectId;
  notifiedRun?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<SubsidyOfferDoc>(
  {
    offerKey: { type: String, required: true },
    programId: { type: Schema.Types.ObjectId, required: true },
    programName: { type: String, required: true },
    period: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    registryId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId },
    amount: { type: Number, required: true },
    explanation: { type: String, required: true },
    prefill: { type: Schema.Types.Mixed, required: true },
    sources: { type: [String], default: [] },
    status: { type: String, enum: OFFER_STATUSES.filter(s => s !== 'expired'), required: true },
    expiresAt: { type: Date, required: true },
    applicationId: { type: Schema.Types.ObjectId },
    decidedAt: Date,
    notifiedAt: Date,
    runId: Schema.Types.ObjectId,
    notifiedRun: Schema.Types.ObjectId,
  },
  { collection: 'subsidy_offers', timestamps: true, versionKey: false, minimize: false },
);
// Single-field unique: the embedded stand-in answers a batch `$in` on it from the index.
schema.index({ offerKey: 1 }, { unique: true });
schema.index({ userId: 1 }, { sparse: true });
schema.index({ idNumberHash: 1 });
schema.index({ programId: 1, status: 1, expiresAt: 1 });
schema.index({ runId: 1 }, { sparse: true });
schema.index({ notifiedRun: 1 }, { sparse: true });

export const SubsidyOfferModel = defineModel('SubsidyOffer', schema);
