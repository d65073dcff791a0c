import { Types } from 'mongoose';
import type { NoticeEvent } from '../../contract/notice';
import type { NoticeOutboxEntry } from '../../core/notice-outbox';
import { noticeKey } from './notice.catalogue';

export function noticeOutboxEntry(userIds: ReadonlyArray<Types.ObjectId | string>, event: NoticeEvent, at: Date = new Date()): NoticeOutboxEntry {
  return {
    key: noticeKey(event),
    userIds: userIds.map(id => (typeof id === 'string' ? new Types.ObjectId(id) : id)),
    event,
    at,
  };
}
