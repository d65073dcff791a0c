import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Types } from 'mongoose';
import { COMPLAINT_CATEGORY_LABELS, type ComplaintNoticeConfig } from '../../contract/complaint';
import { Database } from '../../core/database';
import type { NoticeOutboxEntry } from '../../core/notice-outbox';
import { NoticeService } from '../notice/notice.service';
import { ComplaintModel, type ComplaintDoc } from './complaint.model';
import { complaintNoticeEvent } from './complaint.rules';

type Told = Pick<ComplaintDoc, '_id' | 'status' | 'category' | 'timeline' | 'complainantId'>;

/**
 * Telling the complainant where their complaint stands. A step's notice is written into the
 * complaint with the step (`entryFor`) and told by `flush` after it, or by any live worker when the
 * process died in between (the complaint collection is a registered notice outbox).
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class ComplaintNoticeService {
  @Inject()
  private db!: Database;

  @Inject()
  private notices!: NoticeService;

  @Init()
  init(): void {
    this.notices.registerOutbox('complaint', this.db.model(ComplaintModel));
  }

  noticeConfig(): ComplaintNoticeConfig {
    const templateId = this.notices.templateId('complaintStatus');
    return templateId ? { templateId } : {};
  }

  /** The outbox entry for the status the complaint is in (as it will be written); none for `submitted`. */
  entryFor(doc: Told, at: Date): NoticeOutboxEntry | undefined {
    const event = complaintNoticeEvent({ id: doc._id.toHexString(), status: doc.status, categoryLabel: COMPLAINT_CATEGORY_LABELS[doc.category], timeline: doc.timeline });
    return event ? this.notices.outboxEntry([doc.complainantId], event, at) : undefined;
  }

  async flush(id: Types.ObjectId): Promise<void> {
    await this.notices.flush(this.db.model(ComplaintModel), id);
  }

  /**
   * A retried step that finds its change made: tells the status the complaint is in (once, however
   * often) and whatever its outbox still holds, so a step recorded before notices had an outbox is
   * repaired too.
   */
  async repair(doc: Told): Promise<void> {
    const entry = this.entryFor(doc, new Date());
    if (entry) await this.notices.tell(entry.userIds, entry.event);
    await this.flush(doc._id);
  }
}
