import { Schema, Types } from 'mongoose';
import { JOB_HOLDS, type JobHold } from '../../contract/job';
import { LIVE_STATUSES, type LiveStatus } from '../../contract/live';
import { defineModel } from '../../core/database';
import { noticeOutboxField, noticeOutboxIndex, type NoticeOutboxEntry } from '../../core/notice-outbox';

export interface LiveSessionDoc {
  _id: Types.ObjectId;
  title: string;
  coverUrl: string;
  startAt: Date;
  /** Set for a 视频号 session. */
  channels?: { finderUserName: string; feedId?: string; nonceId?: string };
  enterpriseId: Types.ObjectId;
  fairId?: Types.ObjectId;
  hostName: string;
  jobIds: Types.ObjectId[];
  createdBy: Types.ObjectId;
  status: LiveStatus;
  rejectReason?: string;
  /** Tencent StreamName; the push URL signs it. */
  streamName: string;
  startedAt?: Date;
  interruptedAt?: Date;
  /** The push (Tencent `sequence`) that started or resumed the stream: only its stop interrupts it. */
  publishSequence?: string;
  endedAt?: Date;
  /** Recorded files, one per recording callback (Tencent event 100), deduplicated by URL. */
  recordings: LiveRecordingDoc[];
  /** Written before recordings were a list; read as a single file starting with the stream. */
  recordingUrl?: string;
  /** `<sequence>:<event_type>` of callbacks already applied, so retried callbacks are harmless. */
  eventKeys: string[];
  bookingCount: number;
  /** Set once the start notices went out, so a resumed stream does not send them again. */
  notifiedAt?: Date;
  /** Last room message number. */
  messageSeq: number;
  pinnedJobId?: Types.ObjectId;
  likeCount: number;
  mutedIds: Types.ObjectId[];
  removedIds: Types.ObjectId[];
  /** Most viewers in the room at once. */
  peakViewers: number;
  /**
   * Room-card applications recorded before applications carried their source (no longer written): the
   * statistics add them to the sourced ones.
   */
  cardApplications: Types.ObjectId[];
  /** Why the session is taken down (its host is on the 异常名录); lifted when the cause ends. */
  holds?: JobHold[];
  /** True while any hold stands: no list, page, room or replay shows it to students. */
  hidden?: boolean;
  /** The start notice until it is told (written with the went-live transition). */
  pendingNotices?: NoticeOutboxEntry[];
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface LiveRecordingDoc {
  url: string;
  /** Wall-clock start of the file (Tencent `start_time`), which places it on the stream's time line. */
  startAt?: Date;
  durationMs?: number;
}

const recordingSchema = new Schema<LiveRecordingDoc>(
  { url: { type: String, required: true }, startAt: Date, durationMs: Number },
  { _id: false },
);

const schema = new Schema<LiveSessionDoc>(
  {
    title: { type: String, required: true },
    coverUrl: { type: String, default: '' },
    startAt: { type: Date, required: true },
    channels: { type: new Schema({ finderUserName: { type: String, required: true }, feedId: String, nonceId: String }, { _id: false }), default: undefined },
    enterpriseId: { type: Schema.Types.ObjectId, required: true },
    fairId: Schema.Types.ObjectId,
    hostName: { type: String, required: true },
    jobIds: { type: [Schema.Types.ObjectId], default: [] },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: LIVE_STATUSES, required: true },
    rejectReason: String,
    streamName: { type: String, required: true },
    startedAt: Date,
    interruptedAt: Date,
    publishSequence: String,
    endedAt: Date,
    recordings: { type: [recordingSchema], default: [] },
    recordingUrl: String,
    eventKeys: { type: [String], default: [] },
    bookingCount: { type: Number, default: 0 },
    notifiedAt: Date,
    messageSeq: { type: Number, default: 0 },
    pinnedJobId: Schema.Types.ObjectId,
    likeCount: { type: Number, default: 0 },
    mutedIds: { type: [Schema.Types.ObjectId], default: [] },
    removedIds: { type: [Schema.Types.ObjectId], default: [] },
    peakViewers: { type: Number, default: 0 },
    cardApplications: { type: [Schema.Types.ObjectId], default: [] },
    seedKey: String,
    holds: { type: [{ type: String, enum: JOB_HOLDS }], default: undefined },
    hidden: Boolean,
    pendingNotices: noticeOutboxField,
  },
  { collection: 'live_sessions', timestamps: true, versionKey: false },
);

schema.index({ streamName: 1 }, { unique: true });
schema.index({ status: 1, startAt: 1, _id: 1 });
schema.index({ enterpriseId: 1, createdAt: -1 });
schema.index({ createdBy: 1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });
schema.index(noticeOutboxIndex);

export const LiveSessionModel = defineModel<LiveSessionDoc>('LiveSession', schema);

export interface LiveBookingDoc {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  userId: Types.ObjectId;
  createdAt: Date;
}

const bookingSchema = new Schema<LiveBookingDoc>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'live_bookings', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

bookingSchema.index({ sessionId: 1, userId: 1 }, { unique: true });
bookingSchema.index({ userId: 1, createdAt: -1 });

export const LiveBookingModel = defineModel<LiveBookingDoc>('LiveBooking', bookingSchema);

export const LIVE_MESSAGE_KINDS = ['chat', 'question'] as const;

/** Room messages, numbered per session (`seq`) so a rejoin with `since` resumes without duplicates. */
export interface LiveMessageDoc {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  seq: number;
  userId: Types.ObjectId;
  nickname: string;
  kind: (typeof LIVE_MESSAGE_KINDS)[number];
  text: string;
  host: boolean;
  /** Milliseconds into the stream, for the replay. */
  offsetMs: number;
  at: Date;
  /** The sender was removed from the room: their messages leave the history and the replay. */
  hidden?: boolean;
}

const messageSchema = new Schema<LiveMessageDoc>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    nickname: { type: String, required: true },
    kind: { type: String, enum: LIVE_MESSAGE_KINDS, required: true },
    text: { type: String, required: true },
    host: { type: Boolean, default: false },
    offsetMs: { type: Number, required: true },
    at: { type: Date, required: true },
    hidden: Boolean,
  },
  { collection: 'live_messages', versionKey: false },
);

messageSchema.index({ sessionId: 1, seq: 1 }, { unique: true });

export const LiveMessageModel = defineModel<LiveMessageDoc>('LiveMessage', messageSchema);

/** Watch time per viewer and session, added when a socket closes. */
export interface LiveViewDoc {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  userId: Types.ObjectId;
  /** Seconds in the room while the session was live (time before going live is waiting, not watching). */
  seconds: number;
  joins: number;
  /** Was in the room at some moment while the session was live: counted among its viewers. */
  watched: boolean;
}

const viewSchema = new Schema<LiveViewDoc>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    seconds: { type: Number, default: 0 },
    joins: { type: Number, default: 0 },
    watched: { type: Boolean, default: false },
  },
  { collection: 'live_views', versionKey: false },
);

viewSchema.index({ sessionId: 1, userId: 1 }, { unique: true });

export const LiveViewModel = defineModel<LiveViewDoc>('LiveView', viewSchema);
