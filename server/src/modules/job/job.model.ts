import { Schema, Types } from 'mongoose';
import { JOB_HOLDS, JOB_KINDS, type JobHold, type JobKind } from '../../contract/job';
import { DEGREES, type Degree, type DistrictCode } from '../../contract/reference';
import { defineModel } from '../../core/database';

export const JOB_STATUSES = ['draft', 'published', 'closed', 'taken-down', 'frozen', 'filled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobDoc {
  _id: Types.ObjectId;
  kind: JobKind;
  title: string;
  description: string;
  /** Absent on jobs stored before postings had to state them (read as ''). */
  duties?: string;
  requirements?: string;
  repost?: boolean;
  repostSource?: string;
  enterpriseId: Types.ObjectId;
  /** The recruiter who published it; absent on older jobs (then the enterprise's registrant answers for it). */
  postedBy?: Types.ObjectId;
  enterpriseName: string;
  salaryMin: number;
  salaryMax: number;
  education: Degree;
  majors: string[];
  headcount: number;
  district: DistrictCode;
  address: string;
  deadline: Date;
  contactPolicy: string;
  tags: string[];
  /** Copied from the enterprise at publish time, for the industry filter. */
  industry: string;
  /** Characters, bigrams and words of title, enterprise, tags and majors (no $text on the stand-in). */
  searchKeys: string[];
  reportCount: number;
  applicationCount: number;
  hiredCount: number;
  takeDownReason?: string;
  /** Frozen together with its enterprise (a complaint); lifted with it. */
  frozenWithEnterprise?: boolean;
  /** Causes that hide a published job from students (lapsed real-name check, 异常名录); `hidden` mirrors "any". */
  holds?: JobHold[];
  hidden?: boolean;
  status: JobStatus;
  publishedAt?: Date;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<JobDoc>(
  {
    kind: { type: String, enum: JOB_KINDS, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    duties: String,
    requirements: String,
    repost: Boolean,
    repostSource: String,
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    postedBy: Schema.Types.ObjectId,
    enterpriseName: { type: String, required: true },
    salaryMin: { type: Number, required: true },
    salaryMax: { type: Number, required: true },
    education: { type: String, enum: DEGREES, required: true },
    majors: { type: [String], default: [] },
    headcount: { type: Number, default: 1 },
    district: { type: String, required: true },
    address: { type: String, default: '' },
    deadline: { type: Date, required: true },
    contactPolicy: { type: String, default: '通过平台投递简历' },
    tags: { type: [String], default: [] },
    industry: { type: String, default: '' },
    searchKeys: { type: [String], default: [] },
    reportCount: { type: Number, default: 0 },
    applicationCount: { type: Number, default: 0 },
    hiredCount: { type: Number, default: 0 },
    takeDownReason: String,
    frozenWithEnterprise: Boolean,
    holds: { type: [String], enum: JOB_HOLDS, default: undefined },
    hidden: Boolean,
    status: { type: String, enum: JOB_STATUSES, default: 'draft' },
    publishedAt: Date,
    seedKey: String,
  },
  { collection: 'jobs', timestamps: true, versionKey: false },
);

schema.index({ status: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, kind: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, district: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, industry: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, searchKeys: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, majors: 1, publishedAt: -1, _id: -1 });
schema.index({ enterpriseId: 1, status: 1 });
schema.index({ postedBy: 1 });
schema.index({ enterpriseId: 1, createdAt: -1, _id: -1 });
schema.index({ status: 1, reportCount: -1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });

export const JobModel = defineModel('Job', schema);
