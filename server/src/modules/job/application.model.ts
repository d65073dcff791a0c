import { Schema, Types } from 'mongoose';
import { APPLICATION_SOURCE_KINDS, APPLICATION_STATUSES, INTERVIEW_MODES, type ApplicationSourceKind, type ApplicationStatus, type InterviewMode } from '../../contract/job';
import type { Degree } from '../../contract/reference';
import { defineModel } from '../../core/database';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

export interface ApplicationStepDoc {
  status: ApplicationStatus;
  note?: string;
  at: Date;
  /** Who took the step; absent on 未反馈 (the clock's) and on the demo history's recruiter steps. */
  by?: Types.ObjectId;
}

/** The latest interview invitation: what the candidate needs to attend (a new invitation replaces it). */
export interface InterviewDoc {
  startsAt: Date;
  mode: InterviewMode;
  location: string;
  contactName: string;
  contactPhone: string;
  message?: string;
  at: Date;
}

/** The live session an application came from; written once, with the application (the first source wins). */
export interface ApplicationSourceDoc {
  kind: ApplicationSourceKind;
  sessionId: Types.ObjectId;
  sessionTitle: string;
}

export interface ApplicationDoc {
  _id: Types.ObjectId;
  jobId: Types.ObjectId;
  jobTitle: string;
  enterpriseId: Types.ObjectId;
  enterpriseName: string;
  studentId: Types.ObjectId;
  /** The profile as it was when the student applied. */
  profile: { name: string; schoolName: string; degree: Degree; major: string; graduationYear: number };
  resumeKey?: string;
  source?: ApplicationSourceDoc;
  interview?: InterviewDoc;
  status: ApplicationStatus;
  steps: ApplicationStepDoc[];
  /** Notices of steps not yet told: written with the step, pulled once told (notice.outbox.ts). */
  pendingNotices?: NoticeOutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const stepSchema = new Schema<ApplicationStepDoc>(
  {
    status: { type: String, enum: APPLICATION_STATUSES, required: true },
    note: String,
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: false },
  },
  { _id: false },
);

const schema = new Schema<ApplicationDoc>(
  {
    jobId: { type: Schema.Types.ObjectId, required: true },
    jobTitle: { type: String, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    enterpriseName: { type: String, required: true },
    studentId: { type: Schema.Types.ObjectId, required: true },
    profile: {
      name: { type: String, required: true },
      schoolName: { type: String, required: true },
      degree: { type: String, required: true },
      major: { type: String, required: true },
      graduationYear: { type: Number, required: true },
    },
    resumeKey: String,
    source: {
      type: new Schema<ApplicationSourceDoc>(
        {
          kind: { type: String, enum: APPLICATION_SOURCE_KINDS, required: true },
          sessionId: { type: Schema.Types.ObjectId, required: true },
          sessionTitle: { type: String, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
    interview: {
      type: new Schema<InterviewDoc>(
        {
          startsAt: { type: Date, required: true },
          mode: { type: String, enum: INTERVIEW_MODES, required: true },
          location: { type: String, required: true },
          contactName: { type: String, required: true },
          contactPhone: { type: String, required: true },
          message: String,
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      required: false,
    },
    status: { type: String, enum: APPLICATION_STATUSES, default: 'submitted' },
    steps: { type: [stepSchema], default: [] },
    pendingNotices: noticeOutboxField,
  },
  { collection: 'job_applications', timestamps: true, versionKey: false },
);
// One application per job per student: two simultaneous requests create one document.
schema.index({ jobId: 1, studentId: 1 }, { unique: true });
schema.index({ studentId: 1, createdAt: -1, _id: -1 });
schema.index({ enterpriseId: 1, jobId: 1, createdAt: -1, _id: -1 });
schema.index(noticeOutboxIndex);
// Responsiveness figures read an enterprise's applications of the window; the stale check the oldest waiting ones.
schema.index({ enterpriseId: 1, createdAt: -1 });
schema.index({ status: 1, updatedAt: 1 });
// A session's statistics count its applications.
schema.index({ 'source.sessionId': 1 }, { sparse: true });

export const ApplicationModel = defineModel('JobApplication', schema);

/** Students' reports of a job; one per student per job. */
export interface JobReportDoc {
  _id: Types.ObjectId;
  jobId: Types.ObjectId;
  studentId: Types.ObjectId;
  reason: string;
  createdAt: Date;
}

const reportSchema = new Schema<JobReportDoc>(
  {
    jobId: { type: Schema.Types.ObjectId, required: true },
    studentId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
  },
  { collection: 'job_reports', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
reportSchema.index({ jobId: 1, studentId: 1 }, { unique: true });

export const JobReportModel = defineModel('JobReport', reportSchema);

/**
 * A graduate's destination (去向), written when a recruiter hires. Other modules (registry,
 * dashboard) read this collection; one row per student and source record.
 */
export interface DestinationDoc {
  _id: Types.ObjectId;
  studentId: Types.ObjectId;
  source: 'job-application';
  sourceId: Types.ObjectId;
  kind: string;
  enterpriseId: Types.ObjectId;
  enterpriseName: string;
  district: string;
  recordedAt: Date;
}

const destinationSchema = new Schema<DestinationDoc>(
  {
    studentId: { type: Schema.Types.ObjectId, required: true },
    source: { type: String, required: true },
    sourceId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    enterpriseName: { type: String, required: true },
    district: { type: String, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'destinations', versionKey: false },
);
destinationSchema.index({ source: 1, sourceId: 1 }, { unique: true });
destinationSchema.index({ studentId: 1, recordedAt: -1 });
destinationSchema.index({ district: 1, recordedAt: -1 });

export const DestinationModel = defineModel('Destination', destinationSchema);
