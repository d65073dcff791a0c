import { Schema, Types } from 'mongoose';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../contract/privacy';
import { defineModel } from '../../core/database';

export interface ConsentEvent {
  event: 'given' | 'withdrawn';
  version: number;
  at: Date;
}

/** One document per user and purpose: where it stands now, and every grant and withdrawal (the record PIPL asks for). */
export interface ConsentDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  purpose: ConsentPurpose;
  status: 'given' | 'withdrawn';
  /** The text version given (kept after a withdrawal). */
  version: number;
  /** The items covered, as the text listed them when given. */
  scope: string[];
  givenAt: Date;
  withdrawnAt?: Date;
  history: ConsentEvent[];
}

const schema = new Schema<ConsentDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    purpose: { type: String, enum: CONSENT_PURPOSES, required: true },
    status: { type: String, enum: ['given', 'withdrawn'], required: true },
    version: { type: Number, required: true },
    scope: { type: [String], default: [] },
    givenAt: { type: Date, required: true },
    withdrawnAt: Date,
    history: { type: [{ _id: false, event: String, version: Number, at: Date }], default: [] },
  },
  { collection: 'consents', versionKey: false },
);
schema.index({ userId: 1, purpose: 1 }, { unique: true });

export const ConsentModel = defineModel('Consent', schema);
