import { Schema, Types } from 'mongoose';
import type { TargetFigures } from '../../contract/statistics';
import { defineModel } from '../../core/database';

/** One year's plan targets, as the bureau set them. One document per year; who changed it is in the audit trail. */
export interface YearTargetsDoc {
  _id: Types.ObjectId;
  year: number;
  figures: TargetFigures;
  source: string;
  /** 1 when created, raised by every change: a save names the version it edited (no lost edits). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<YearTargetsDoc>(
  {
    year: { type: Number, required: true },
    // Plain object keyed by target: the rules check it, the schema only stores it.
    figures: { type: Schema.Types.Mixed, required: true },
    source: { type: String, default: '' },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'statistics_targets', timestamps: true, versionKey: false, minimize: false },
);
schema.index({ year: 1 }, { unique: true });

export const YearTargetsModel = defineModel('YearTargets', schema);
