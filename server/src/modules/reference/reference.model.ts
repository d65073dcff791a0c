import { Schema, Types } from 'mongoose';
import { REFERENCE_KINDS, type DistrictCode, type ReferenceKind } from '../../contract/reference';
import { defineModel } from '../../core/database';

export interface ReferenceItemDoc {
  _id: Types.ObjectId;
  kind: ReferenceKind;
  /** What enterprises store; fixed once created. */
  value: string;
  description: string;
  active: boolean;
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<ReferenceItemDoc>(
  {
    kind: { type: String, enum: REFERENCE_KINDS, required: true },
    value: { type: String, required: true },
    description: { type: String, default: '' },
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
  },
  { collection: 'reference_items', timestamps: true, versionKey: false },
);
schema.index({ kind: 1, value: 1 }, { unique: true });
schema.index({ kind: 1, order: 1 });

export const ReferenceItemModel = defineModel('ReferenceItem', schema);

/** One 最低工资标准 (monthly, yuan) and the day it applies from; a new notice is a new row. */
export interface MinimumWageDoc {
  _id: Types.ObjectId;
  amount: number;
  /** YYYY-MM-DD, Beijing. */
  effectiveFrom: string;
  source: string;
  /** Areas in another tier than `amount`; absent or empty: one figure for the city. */
  areas?: Array<{ district: DistrictCode; amount: number }>;
  createdAt: Date;
  updatedAt: Date;
}

const wageSchema = new Schema<MinimumWageDoc>(
  {
    amount: { type: Number, required: true },
    effectiveFrom: { type: String, required: true },
    source: { type: String, default: '' },
    areas: { type: [new Schema({ district: { type: String, required: true }, amount: { type: Number, required: true } }, { _id: false })], default: undefined },
  },
  { collection: 'minimum_wages', timestamps: true, versionKey: false },
);
wageSchema.index({ effectiveFrom: 1 }, { unique: true });

export const MinimumWageModel = defineModel('MinimumWage', wageSchema);
