import { Schema, Types } from 'mongoose';
import type { NoticeEvent } from '../contract/notice';

/**
 * The notice outbox a module keeps on its own documents. A state change that should tell someone
 * pushes an entry in the same conditional update (`$push: { pendingNotices: notices.outboxEntry(…) }`),
 * so the change and the intent to tell are one atomic write. `NoticeService.flush` then tells and
 * pulls the entry; a process that died in between leaves the entry for any live worker
 * (`NoticeService.registerOutbox`). Telling is idempotent per (event key, user), so a flush that
 * runs twice tells once. The shape lives in core because every owning module's schema carries it.
 */
export interface NoticeOutboxEntry {
  /** The event's catalogue key: what `$pull` removes after telling. */
  key: string;
  userIds: Types.ObjectId[];
  event: NoticeEvent;
  at: Date;
}

/** A document that carries the outbox. */
export interface NoticeOutboxHolder {
  _id: Types.ObjectId;
  pendingNotices?: NoticeOutboxEntry[];
}

const entrySchema = new Schema<NoticeOutboxEntry>(
  {
    key: { type: String, required: true },
    userIds: { type: [Schema.Types.ObjectId], default: [] },
    event: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** The schema field: `pendingNotices: noticeOutboxField` in the owning module's schema. */
export const noticeOutboxField = { type: [entrySchema], default: [] };

/** The index the drain's query uses: `schema.index(noticeOutboxIndex)`. */
export const noticeOutboxIndex = { 'pendingNotices.at': 1 } as const;
