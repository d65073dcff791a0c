import { Schema, Types } from 'mongoose';
import {
  COURSE_FORMATS,
  COURSE_KINDS,
  COURSE_TOPICS,
  GROWTH_ITEM_STATUSES,
  PLACE_STATUSES,
  REGISTRATION_STATUSES,
  SIGNUP_STATUSES,
  SLOT_KINDS,
  SLOT_MODES,
  SLOT_STATUSES,
  STORY_STATUSES,
  type CourseFormat,
  type CourseKind,
  type CourseTopic,
  type GrowthItemStatus,
  type PlaceStatus,
  type RegistrationStatus,
  type SignupStatus,
  type SlotKind,
  type SlotMode,
  type SlotStatus,
  type StoryStatus,
} from '../../contract/growth';
import { defineModel } from '../../core/database';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

/** Who created a record, and which staff scope owns it. */
export interface OwnerScope {
  collegeId?: string;
  districtCode?: string;
}
const ownerSchema = new Schema<OwnerScope>({ collegeId: String, districtCode: String }, { _id: false });

/** What staff change on a course or contest they publish: its status, edits and cancellation. */
export interface StaffEdited {
  status: GrowthItemStatus;
  /** Bumped by every staff edit; edits are conditional on the version the editor loaded. */
  version?: number;
  cancelReason?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
  updatedBy?: string;
}
const staffEditedFields = {
  status: { type: String, enum: GROWTH_ITEM_STATUSES, default: 'open' as GrowthItemStatus },
  version: { type: Number, default: 0 },
  cancelReason: String,
  cancelledAt: Date,
  cancelledBy: String,
  updatedBy: String,
};

// ---------------------------------------------------------------------------
// Courses (career and training) and sign-ups
// ---------------------------------------------------------------------------

export interface CourseDoc extends StaffEdited {
  _id: Types.ObjectId;
  kind: CourseKind;
  title: string;
  summary: string;
  topic: CourseTopic;
  format: CourseFormat;
  url: string;
  location: string;
  speaker: string;
  startsAt: Date;
  durationMinutes: number;
  capacity: number;
  /** Seats taken; moves together with `attendees` in one conditional update. */
  signedUp: number;
  /** User ids holding a seat: the once-per-student guard lives in the same document as the count. */
  attendees: string[];
  institutionId?: Types.ObjectId;
  institutionName?: string;
  hours?: number;
  subsidyProgramId?: Types.ObjectId;
  organiser: string;
  owner: OwnerScope;
  createdBy: string;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const courseSchema = new Schema<CourseDoc>(
  {
    kind: { type: String, enum: COURSE_KINDS, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    topic: { type: String, enum: COURSE_TOPICS, required: true },
    format: { type: String, enum: COURSE_FORMATS, required: true },
    url: { type: String, default: '' },
    location: { type: String, default: '' },
    speaker: { type: String, default: '' },
    startsAt: { type: Date, required: true },
    durationMinutes: { type: Number, required: true },
    capacity: { type: Number, required: true },
    signedUp: { type: Number, default: 0 },
    attendees: { type: [String], default: [], select: false },
    ...staffEditedFields,
    institutionId: Schema.Types.ObjectId,
    institutionName: String,
    hours: Number,
    subsidyProgramId: Schema.Types.ObjectId,
    organiser: { type: String, default: '' },
    owner: { type: ownerSchema, default: () => ({}) },
    createdBy: { type: String, required: true },
    seedKey: String,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_courses', timestamps: true, versionKey: false },
);
courseSchema.index({ kind: 1, status: 1, startsAt: -1, _id: -1 });
courseSchema.index({ institutionId: 1, startsAt: -1 });
courseSchema.index({ seedKey: 1 }, { unique: true, sparse: true });
courseSchema.index(noticeOutboxIndex);

export const CourseModel = defineModel('GrowthCourse', courseSchema);

export interface SignupDoc {
  _id: Types.ObjectId;
  courseId: Types.ObjectId;
  kind: CourseKind;
  userId: string;
  status: SignupStatus;
  signedUpAt: Date;
  completedAt?: Date;
  completedBy?: string;
  cancelledAt?: Date;
  /** A training enrolment the institution's district turned down. */
  reason?: string;
  rejectedBy?: string;
  rejectedAt?: Date;
  updatedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const signupSchema = new Schema<SignupDoc>(
  {
    courseId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: COURSE_KINDS, required: true },
    userId: { type: String, required: true },
    status: { type: String, enum: SIGNUP_STATUSES, required: true },
    signedUpAt: { type: Date, required: true },
    completedAt: Date,
    completedBy: String,
    cancelledAt: Date,
    reason: String,
    rejectedBy: String,
    rejectedAt: Date,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_signups', timestamps: { createdAt: false, updatedAt: true }, versionKey: false },
);
signupSchema.index({ courseId: 1, userId: 1 }, { unique: true });
signupSchema.index({ userId: 1, signedUpAt: -1 });
signupSchema.index({ courseId: 1, signedUpAt: 1 });
signupSchema.index(noticeOutboxIndex);

export const SignupModel = defineModel('GrowthSignup', signupSchema);

// ---------------------------------------------------------------------------
// Office-hour slots (advisors and 创业诊所 mentors)
// ---------------------------------------------------------------------------

export interface SlotDoc {
  _id: Types.ObjectId;
  kind: SlotKind;
  /** The staff member who sees and handles the bookings. */
  hostUserId: string;
  hostName: string;
  hostTitle: string;
  mode: SlotMode;
  location: string;
  startsAt: Date;
  endsAt: Date;
  status: SlotStatus;
  /** Advisor slots created by a college are for that college's students. */
  collegeId?: string;
  owner: OwnerScope;
  bookedBy?: string;
  bookedAt?: Date;
  note?: string;
  /** `host:student` while booked: a unique index lets a student hold one upcoming slot per host. */
  holdKey?: string;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const slotSchema = new Schema<SlotDoc>(
  {
    kind: { type: String, enum: SLOT_KINDS, required: true },
    hostUserId: { type: String, required: true },
    hostName: { type: String, required: true },
    hostTitle: { type: String, default: '' },
    mode: { type: String, enum: SLOT_MODES, required: true },
    location: { type: String, default: '' },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    status: { type: String, enum: SLOT_STATUSES, default: 'open' },
    collegeId: String,
    owner: { type: ownerSchema, default: () => ({}) },
    bookedBy: String,
    bookedAt: Date,
    note: String,
    holdKey: String,
    seedKey: String,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_slots', timestamps: true, versionKey: false },
);
slotSchema.index({ kind: 1, status: 1, startsAt: 1 });
slotSchema.index({ hostUserId: 1, startsAt: 1 });
slotSchema.index({ bookedBy: 1, startsAt: -1 });
slotSchema.index({ holdKey: 1 }, { unique: true, sparse: true });
slotSchema.index({ seedKey: 1 }, { unique: true, sparse: true });
slotSchema.index(noticeOutboxIndex);

export const SlotModel = defineModel('GrowthSlot', slotSchema);

// ---------------------------------------------------------------------------
// Contests and registrations
// ---------------------------------------------------------------------------

export interface ContestDoc extends StaffEdited {
  _id: Types.ObjectId;
  title: string;
  organiser: string;
  summary: string;
  registrationClosesOn: string;
  url: string;
  registrations: number;
  owner: OwnerScope;
  createdBy: string;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const contestSchema = new Schema<ContestDoc>(
  {
    title: { type: String, required: true },
    organiser: { type: String, default: '' },
    summary: { type: String, default: '' },
    registrationClosesOn: { type: String, required: true },
    url: { type: String, default: '' },
    registrations: { type: Number, default: 0 },
    ...staffEditedFields,
    owner: { type: ownerSchema, default: () => ({}) },
    createdBy: { type: String, required: true },
    seedKey: String,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_contests', timestamps: true, versionKey: false },
);
contestSchema.index({ registrationClosesOn: -1, _id: -1 });
contestSchema.index({ seedKey: 1 }, { unique: true, sparse: true });
contestSchema.index(noticeOutboxIndex);

export const ContestModel = defineModel('GrowthContest', contestSchema);

export interface ContestRegistrationDoc {
  _id: Types.ObjectId;
  contestId: Types.ObjectId;
  contestTitle: string;
  userId: string;
  leaderName: string;
  teamName: string;
  members: string[];
  projectTitle: string;
  projectSummary: string;
  registeredAt: Date;
  /** Absent on registrations made before review existed: those are `submitted`. */
  status?: RegistrationStatus;
  reason?: string;
  decidedBy?: string;
  decidedAt?: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const registrationSchema = new Schema<ContestRegistrationDoc>(
  {
    contestId: { type: Schema.Types.ObjectId, required: true },
    contestTitle: { type: String, required: true },
    userId: { type: String, required: true },
    leaderName: { type: String, required: true },
    teamName: { type: String, required: true },
    members: { type: [String], default: [] },
    projectTitle: { type: String, required: true },
    projectSummary: { type: String, required: true },
    registeredAt: { type: Date, required: true },
    status: { type: String, enum: REGISTRATION_STATUSES, default: 'submitted' },
    reason: String,
    decidedBy: String,
    decidedAt: Date,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_contest_registrations', versionKey: false },
);
registrationSchema.index({ contestId: 1, userId: 1 }, { unique: true });
registrationSchema.index({ userId: 1, registeredAt: -1 });
registrationSchema.index({ contestId: 1, registeredAt: 1 });
registrationSchema.index(noticeOutboxIndex);

export const ContestRegistrationModel = defineModel('GrowthContestRegistration', registrationSchema);

// ---------------------------------------------------------------------------
// Applications for a place in an incubator / maker space
// ---------------------------------------------------------------------------

export interface PlaceApplicationDoc {
  _id: Types.ObjectId;
  institutionId: Types.ObjectId;
  institutionName: string;
  district?: string;
  userId: string;
  applicantName: string;
  projectTitle: string;
  projectSummary: string;
  teamSize: number;
  needs: string;
  status: PlaceStatus;
  /** `institution:user` while waiting for a decision: one open application per incubator. */
  openKey?: string;
  reason?: string;
  decidedBy?: string;
  decidedAt?: Date;
  submittedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const placeSchema = new Schema<PlaceApplicationDoc>(
  {
    institutionId: { type: Schema.Types.ObjectId, required: true },
    institutionName: { type: String, required: true },
    district: String,
    userId: { type: String, required: true },
    applicantName: { type: String, required: true },
    projectTitle: { type: String, required: true },
    projectSummary: { type: String, required: true },
    teamSize: { type: Number, required: true },
    needs: { type: String, default: '' },
    status: { type: String, enum: PLACE_STATUSES, default: 'submitted' },
    openKey: String,
    reason: String,
    decidedBy: String,
    decidedAt: Date,
    submittedAt: { type: Date, required: true },
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_place_applications', versionKey: false },
);
placeSchema.index({ openKey: 1 }, { unique: true, sparse: true });
placeSchema.index({ userId: 1, submittedAt: -1 });
placeSchema.index({ status: 1, district: 1, submittedAt: -1, _id: -1 });
placeSchema.index(noticeOutboxIndex);

export const PlaceApplicationModel = defineModel('GrowthPlaceApplication', placeSchema);

// ---------------------------------------------------------------------------
// Stories (action 10) and likes
// ---------------------------------------------------------------------------

export interface StoryDoc {
  _id: Types.ObjectId;
  userId: string;
  authorName: string;
  schoolName?: string;
  title: string;
  text: string;
  videoKey?: string;
  videoSize?: number;
  status: StoryStatus;
  reason?: string;
  likes: number;
  decidedBy?: string;
  publishedAt?: Date;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Its growth notices until they are told (written with the state change; see docs/notice.md). */
  pendingNotices?: NoticeOutboxEntry[];
}

const storySchema = new Schema<StoryDoc>(
  {
    userId: { type: String, required: true },
    authorName: { type: String, required: true },
    schoolName: String,
    title: { type: String, required: true },
    text: { type: String, required: true },
    videoKey: String,
    videoSize: Number,
    status: { type: String, enum: STORY_STATUSES, default: 'draft' },
    reason: String,
    likes: { type: Number, default: 0 },
    decidedBy: String,
    publishedAt: Date,
    seedKey: String,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'growth_stories', timestamps: true, versionKey: false },
);
storySchema.index({ status: 1, publishedAt: -1, _id: -1 });
storySchema.index({ status: 1, updatedAt: -1, _id: -1 });
storySchema.index({ userId: 1, createdAt: -1 });
storySchema.index({ seedKey: 1 }, { unique: true, sparse: true });
storySchema.index(noticeOutboxIndex);

export const StoryModel = defineModel('GrowthStory', storySchema);

export interface StoryLikeDoc {
  _id: Types.ObjectId;
  storyId: Types.ObjectId;
  userId: string;
  createdAt: Date;
}

const likeSchema = new Schema<StoryLikeDoc>(
  {
    storyId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'growth_story_likes', versionKey: false },
);
likeSchema.index({ storyId: 1, userId: 1 }, { unique: true });

export const StoryLikeModel = defineModel('GrowthStoryLike', likeSchema);

