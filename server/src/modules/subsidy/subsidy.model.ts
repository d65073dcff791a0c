import { Schema, Types } from 'mongoose';
import {
  APPLICANT_KINDS,
  REVIEW_STAGES,
  SUBSIDY_STATUSES,
  type AmountRule,
  type ApplicantKind,
  type Eligibility,
  type ReviewStage,
  type RuleCondition,
  type SubsidyDocumentKind,
  type SubsidyGuide,
  type SubsidyStatus,
  type TimelineEntry,
} from '../../contract/subsidy';
import type { StageLimits } from '../../contract/subsidy-stages';
import { OFFER_MODES, type OfferMode } from '../../contract/subsidy-offer';
import { defineModel } from '../../core/database';
import { storedFileFields, type StoredFile } from '../../core/files/stored-file';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

export interface SubsidyProgramDoc {
  _id: Types.ObjectId;
  seedKey?: string;
  name: string;
  legalBasis: string;
  applicantKind: ApplicantKind;
  period: string;
  opensAt: string;
  closesAt: string;
  requiredDocuments: SubsidyDocumentKind[];
  conditions: RuleCondition[];
  amount: AmountRule;
  workflow: ReviewStage[];
  stageLimits?: StageLimits;
  offerMode?: OfferMode;
  note: string;
  exampleAmounts?: boolean;
  guide?: SubsidyGuide;
  policyIds?: Types.ObjectId[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const programSchema = new Schema<SubsidyProgramDoc>(
  {
    seedKey: String,
    name: { type: String, required: true },
    legalBasis: { type: String, required: true },
    applicantKind: { type: String, enum: APPLICANT_KINDS, required: true },
    period: { type: String, required: true },
    opensAt: { type: String, required: true },
    closesAt: { type: String, required: true },
    requiredDocuments: { type: [String], default: [] },
    conditions: { type: Schema.Types.Mixed, default: [] },
    amount: { type: Schema.Types.Mixed, required: true },
    workflow: { type: [String], enum: REVIEW_STAGES, required: true },
    stageLimits: { type: Schema.Types.Mixed },
    offerMode: { type: String, enum: OFFER_MODES },
    note: { type: String, default: '' },
    exampleAmounts: Boolean,
    guide: { type: Schema.Types.Mixed },
    policyIds: { type: [Schema.Types.ObjectId], default: undefined },
    active: { type: Boolean, default: true },
  },
  { collection: 'subsidy_programs', timestamps: true, versionKey: false, minimize: false },
);
programSchema.index({ seedKey: 1 }, { unique: true, sparse: true });
programSchema.index({ active: 1, closesAt: -1 });
programSchema.index({ policyIds: 1 });

export const SubsidyProgramModel = defineModel('SubsidyProgram', programSchema);

export interface StoredTimelineEntry extends Omit<TimelineEntry, 'at'> {
  at: Date;
  actorId: string;
}

/** Its `hash` (sha256 of the bytes): the same file in another person's application is flagged. */
export interface StoredDocument extends StoredFile<'pdf' | 'png' | 'jpeg'> {
  kind: SubsidyDocumentKind;
}

/** A graduate an enterprise application names; the ID is sealed like the applicant's own. */
export interface StoredHiredGraduate {
  key: string;
  name: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
}

export interface SubsidyApplicationDoc {
  _id: Types.ObjectId;
  programId: Types.ObjectId;
  programName: string;
  period: string;
  /** Absent on applications from before enterprises could apply: graduate. */
  applicantKind?: ApplicantKind;
  /** The graduate's user id, or the enterprise's id: the application belongs to the enterprise, not to one recruiter. */
  applicantId: Types.ObjectId;
  applicantName: string;
  /** Enterprise applications: the enterprise's record, copied at each save (employer* and employmentDistrict too). */
  industry?: string;
  enterpriseSize?: string;
  graduates?: StoredHiredGraduate[];
  collegeId?: string;
  degree?: string;
  doubleFirstClass?: boolean;
  status: SubsidyStatus;
  stage?: ReviewStage;
  /** The stages this application goes through, fixed at submission. */
  stages: ReviewStage[];
  graduationDate?: string;
  employmentDistrict?: string;
  employerName?: string;
  employerUscc?: string;
  socialInsuranceMonths?: number;
  traineeMonths?: number;
  hardship?: boolean;
  businessRegistered?: boolean;
  idNumberEnc?: string;
  idNumberHash?: string;
  idNumberMasked?: string;
  phoneHash?: string;
  bankName?: string;
  bankAccountEnc?: string;
  bankAccountHash?: string;
  bankAccountMasked?: string;
  consentText?: string;
  consentAt?: Date;
  documents: StoredDocument[];
  eligibility: Eligibility;
  amount?: number;
  timeline: StoredTimelineEntry[];
  submittedAt?: Date;
  /** The payment batch holding this application while it is `paying` or `paid`. */
  batchId?: Types.ObjectId;
  paidAt?: Date;
  /** Status `payReturned`: why the bank returned the last payment. */
  paymentReturn?: { reason: string; at: Date };
  /** Payment attempts so far: the n-th attempt's key is `<application id>#<n>`. */
  paymentAttempts?: number;
  /** Waits already escalated to the unit above (`escalationKey`): one notice per application and stage. */
  escalated?: string[];
  /** Notices of steps not yet told: written with the step, pulled once told (notice.outbox.ts). */
  pendingNotices?: NoticeOutboxEntry[];
  createdAt: Date;
  updatedAt: Date;
}

const timelineSchema = new Schema<StoredTimelineEntry>(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    stage: String,
    actorRole: { type: String, required: true },
    actorId: { type: String, required: true },
    reason: String,
    nextStep: String,
  },
  { _id: false },
);

const documentSchema = new Schema<StoredDocument>({ ...storedFileFields, kind: { type: String, required: true } }, { _id: false });

const hiredGraduateSchema = new Schema<StoredHiredGraduate>(
  {
    key: { type: String, required: true },
    name: { type: String, required: true },
    idNumberEnc: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberMasked: { type: String, required: true },
  },
  { _id: false },
);

const applicationSchema = new Schema<SubsidyApplicationDoc>(
  {
    programId: { type: Schema.Types.ObjectId, required: true },
    programName: { type: String, required: true },
    period: { type: String, required: true },
    applicantKind: { type: String, enum: APPLICANT_KINDS },
    applicantId: { type: Schema.Types.ObjectId, required: true },
    applicantName: { type: String, required: true },
    industry: String,
    enterpriseSize: String,
    graduates: { type: [hiredGraduateSchema], default: undefined },
    collegeId: String,
    degree: String,
    doubleFirstClass: Boolean,
    status: { type: String, enum: SUBSIDY_STATUSES, required: true },
    stage: { type: String, enum: REVIEW_STAGES },
    stages: { type: [String], default: [] },
    graduationDate: String,
    employmentDistrict: String,
    employerName: String,
    employerUscc: String,
    socialInsuranceMonths: Number,
    traineeMonths: Number,
    hardship: Boolean,
    businessRegistered: Boolean,
    idNumberEnc: String,
    idNumberHash: String,
    idNumberMasked: String,
    phoneHash: String,
    bankName: String,
    bankAccountEnc: String,
    bankAccountHash: String,
    bankAccountMasked: String,
    consentText: String,
    consentAt: Date,
    documents: { type: [documentSchema], default: [] },
    eligibility: { type: Schema.Types.Mixed, required: true },
    amount: Number,
    timeline: { type: [timelineSchema], default: [] },
    submittedAt: Date,
    batchId: Schema.Types.ObjectId,
    paidAt: Date,
    paymentReturn: { type: new Schema({ reason: String, at: Date }, { _id: false }) },
    paymentAttempts: Number,
    escalated: { type: [String], default: undefined },
    pendingNotices: noticeOutboxField,
  },
  { collection: 'subsidy_applications', timestamps: true, versionKey: false, minimize: false },
);
// One application per person (or enterprise: applicantId is then the enterprise's id) per program
// per period, enforced by the database.
applicationSchema.index({ applicantId: 1, programId: 1, period: 1 }, { unique: true });
applicationSchema.index({ applicantId: 1, updatedAt: -1 });
applicationSchema.index({ status: 1, stage: 1, collegeId: 1, submittedAt: 1 });
applicationSchema.index({ status: 1, stage: 1, employmentDistrict: 1, submittedAt: 1 });
applicationSchema.index({ idNumberHash: 1 });
applicationSchema.index({ bankAccountHash: 1 });
applicationSchema.index({ phoneHash: 1 });
applicationSchema.index({ batchId: 1 });
applicationSchema.index({ 'documents.hash': 1 });
applicationSchema.index({ 'graduates.idNumberHash': 1 });
applicationSchema.index(noticeOutboxIndex);

export const SubsidyApplicationModel = defineModel('SubsidyApplication', applicationSchema);
