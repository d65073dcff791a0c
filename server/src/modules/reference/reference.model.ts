import { Schema, Types } from 'mongoose';
import { REFERENCE_KINDS, type ReferenceKind } from '../../contract/reference';
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
