import { Schema, Types } from 'mongoose';
import { MATCH_RUN_STATUSES, type MatchRunStatus } from '../../contract/subsidy-offer';
import { defineModel } from '../../core/database';
import type { AuthUser } from '../../interface';

/**
 * One run of a 免申即享 match, worked outside the request by whichever process holds its lease
 * (`leaseOwner` until `leaseUntil`, renewed each page). `after` is the last registry record done: a process that
 * takes over an expired run resumes there, and the unique offer key makes a page done twice write nothing twice.
 * `runningKey` (program and period) exists only while the run runs: unique, so one run per program at a time.
 */
export interface SubsidyMatchRunDoc {
  _id: Types.ObjectId;
  programId: Types.ObjectId;
  period: string;
  runningKey?: string;
  status: MatchRunStatus;
  /** Who started it (the audit entry at the end is theirs). */
  actor: AuthUser;
  requestId?: string;
  total: number;
  scanned: number;
  matched: number;
  created: number;
  notified: number;
  after?: Types.ObjectId;
  leaseOwner?: string;
  leaseUntil?: Date;
  /** Processes that took the run over from an owner whose lease ran out. */
  takeovers: number;
  startedAt: Date;
  finishedAt?: Date;
  elapsedMs?: number;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<SubsidyMatchRunDoc>(
  {
    programId: { type: Schema.Types.ObjectId, required: true },
    period: { type: String, required: true },
    runningKey: String,
    status: { type: String, enum: MATCH_RUN_STATUSES, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    requestId: String,
    total: { type: Number, default: 0 },
    scanned: { type: Number, default: 0 },
    matched: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    notified: { type: Number, default: 0 },
    after: Schema.Types.ObjectId,
    leaseOwner: String,
    leaseUntil: Date,
    takeovers: { type: Number, default: 0 },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    elapsedMs: Number,
    error: String,
  },
  { collection: 'subsidy_match_runs', timestamps: true, versionKey: false, minimize: false },
);
schema.index({ runningKey: 1 }, { unique: true, sparse: true });
schema.index({ programId: 1, startedAt: -1 });
schema.index({ status: 1, leaseUntil: 1 });

export const SubsidyMatchRunModel = defineModel('SubsidyMatchRun', schema);
