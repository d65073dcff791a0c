import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Types } from 'mongoose';
import type { NoticeEvent } from '../../contract/notice';
import { Database } from '../../core/database';
import { EnterpriseService } from '../enterprise/enterprise.service';
import type { NoticeOutboxEntry } from '../../core/notice-outbox';
import { NoticeService } from '../notice/notice.service';
import { SubsidyApplicationModel, type SubsidyApplicationDoc } from './subsidy.model';

/**
 * Telling the applicant's side where an application stands. A step's notice is written into the
 * application with the step (`entryFor`), told by `flush` after it, and by any live worker when the
 * process died in between (the application collection is a registered notice outbox).
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class SubsidyNoticeService {
  @Inject()
  private db!: Database;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private enterprises!: EnterpriseService;

  @Init()
  init(): void {
    this.notices.registerOutbox('subsidy-application', this.db.model(SubsidyApplicationModel));
  }

  /** The outbox entry of a step: to the graduate, or to each recruiter of the applying enterprise. */
  async entryFor(doc: Pick<SubsidyApplicationDoc, 'applicantKind' | 'applicantId'>, event: NoticeEvent, at: Date): Promise<NoticeOutboxEntry> {
    const to = doc.applicantKind === 'enterprise' ? await this.enterprises.recruitersOf(doc.applicantId) : [doc.applicantId];
    return this.notices.outboxEntry(to, event, at);
  }

  /** Tells what the application's outbox holds (never throws: the worker repeats a failed flush). */
  async flush(id: Types.ObjectId): Promise<void> {
    await this.notices.flush(this.db.model(SubsidyApplicationModel), id);
  }
}
