import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { SUBSIDY_STATUS_LABELS } from '../../contract/subsidy';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { NoticeService } from '../notice/notice.service';
import type { SubsidyApplicationDoc } from './subsidy.model';

export const SUBSIDY_TEMPLATE_ID = (): string => process.env.WECHAT_TEMPLATE_SUBSIDY_STATUS ?? '';

/** Telling the applicant's side where an application stands. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyNoticeService {
  @Inject()
  private notices!: NoticeService;

  @Inject()
  private enterprises!: EnterpriseService;

  /** Subscribe-message notice at a decision; no credit or no WeChat simply means none. */
  async notify(doc: SubsidyApplicationDoc, note?: string): Promise<void> {
    const data = { thing1: doc.programName, phrase2: SUBSIDY_STATUS_LABELS[doc.status], thing3: note || '请进入小程序查看详情' };
    if (doc.applicantKind !== 'enterprise') {
      await this.notices.sendToUser(doc.applicantId, SUBSIDY_TEMPLATE_ID(), 'packages/subsidy/pages/applications/index', data);
      return;
    }
    // The application belongs to the enterprise: each of its recruiters with credit is told.
    for (const recruiterId of await this.enterprises.recruitersOf(doc.applicantId)) {
      await this.notices.sendToUser(recruiterId, SUBSIDY_TEMPLATE_ID(), 'packages/subsidy/pages/enterprise-applications/index', data);
    }
  }
}
