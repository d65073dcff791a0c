import { Schema, Types } from 'mongoose';
import { defineModel } from '../../core/database';

/**
 * An enterprise's responsiveness figures, precomputed so job cards only read them (contract/responsiveness.ts).
 * `dirtyAt` is set whenever one of its applications changes; a worker claims the row (`claim`,
 * `leaseUntil`), recomputes and clears `dirtyAt` unless it moved on meanwhile. Rows are also recomputed
 * once a day, as the 90-day window slides.
 */
export interface ResponsivenessDoc {
  /** The enterprise's id. */
  _id: Types.ObjectId;
  enterpriseName: string;
  applications: number;
  settled: number;
  answered: number;
  unanswered: number;
  firstViewMedianHours: number | null;
  decisionMedianHours: number | null;
  /** Enough settled applications to show the figures. */
  enough: boolean;
  /** Sort key of the staff list of the slowest (responsiveness.rules.ts `slownessOf`). */
  slowness: number;
  computedAt: Date | null;
  dirtyAt: Date | null;
  claim: string | null;
  leaseUntil: Date;
}

const schema = new Schema<ResponsivenessDoc>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    enterpriseName: { type: String, default: '' },
    applications: { type: Number, default: 0 },
    settled: { type: Number, default: 0 },
    answered: { type: Number, default: 0 },
    unanswered: { type: Number, default: 0 },
    firstViewMedianHours: { type: Number, default: null },
    decisionMedianHours: { type: Number, default: null },
    enough: { type: Boolean, default: false },
    slowness: { type: Number, default: 0 },
    computedAt: { type: Date, default: null },
    dirtyAt: { type: Date, default: null },
    claim: { type: String, default: null },
    leaseUntil: { type: Date, default: () => new Date(0) },
  },
  { collection: 'enterprise_responsiveness', versionKey: false },
);
schema.index({ dirtyAt: 1 });
schema.index({ computedAt: 1 });
schema.index({ enough: 1, slowness: -1, _id: 1 });

export const ResponsivenessModel = defineModel('EnterpriseResponsiveness', schema);
