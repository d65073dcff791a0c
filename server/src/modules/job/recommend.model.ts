import { Schema, Types, type Model } from 'mongoose';
import type { JobSummary } from '../../contract/job';
import { defineModel } from '../../core/database';

/**
 * The one document that coordinates "recommended for me" across processes: which candidate
 * window is current, how many job changes were announced (`dirty`) and how many the current
 * window has seen (`builtFor`), and the lease of the process rebuilding it.
 */
export interface RecommendStateDoc {
  _id: string;
  dirty: number;
  builtFor: number;
  windowId?: Types.ObjectId;
  previousWindowId?: Types.ObjectId;
  fingerprint?: string;
  builtAt?: Date;
  /** ISO deadline after which the window no longer holds enough open jobs (absent: never). */
  validUntil?: string;
  leaseOwner?: string;
  leaseUntil?: Date;
}

const stateSchema = new Schema<RecommendStateDoc>(
  {
    _id: { type: String, required: true },
    dirty: { type: Number, default: 0 },
    builtFor: { type: Number, default: -1 },
    windowId: Schema.Types.ObjectId,
    previousWindowId: Schema.Types.ObjectId,
    fingerprint: String,
    builtAt: Date,
    validUntil: String,
    leaseOwner: String,
    leaseUntil: Date,
  },
  { collection: 'job_recommend_state', versionKey: false },
);

export const RecommendStateModel = defineModel('JobRecommendState', stateSchema);

/** A candidate as stored: the summary a page returns, plus the majors the score reads. */
export type WindowEntry = JobSummary & { majors: string[] };

/** The newest open jobs at build time, newest first (read whole, by `_id`). */
export interface RecommendWindowDoc {
  _id: Types.ObjectId;
  jobs: WindowEntry[];
  /** The query returned every open job (fewer than it asked for). */
  complete: boolean;
  builtAt: Date;
}

const windowSchema = new Schema<RecommendWindowDoc>(
  {
    jobs: { type: Schema.Types.Mixed, required: true },
    complete: { type: Boolean, required: true },
    builtAt: { type: Date, required: true },
  },
  { collection: 'job_recommend_windows', versionKey: false },
);

export const RecommendWindowModel = defineModel('JobRecommendWindow', windowSchema);

export const RECOMMEND_STATE_ID = 'recommend';

/** Counts one job change; the state document is created by the first one (a racing insert retries as an update). */
export async function announceJobChange(states: Model<RecommendStateDoc>): Promise<void> {
  try {
    await states.updateOne({ _id: RECOMMEND_STATE_ID }, { $inc: { dirty: 1 } }, { upsert: true });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 11000) throw err;
    await states.updateOne({ _id: RECOMMEND_STATE_ID }, { $inc: { dirty: 1 } });
  }
}
