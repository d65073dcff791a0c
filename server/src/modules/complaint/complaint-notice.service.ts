import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, type ComplaintNoticeConfig } from '../../contract/complaint';
import { Database } from '../../core/database';
import { NoticeService } from '../notice/notice.service';
import { deliveryId, eventPushId } from '../notice/push.rules';
import { PushService } from '../notice/push.service';
import { WeChatService } from '../wechat/wechat.service';
import { ComplaintModel, type ComplaintDoc } from './complaint.model';
import { complaintNotice } from './complaint.rules';

export const COMPLAINT_TEMPLATE_ID = (): string => process.env.WECHAT_TEMPLATE_COMPLAINT_STATUS ?? '';

/** Telling the complainant where their complaint stands. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintNoticeService {
  @Inject()
  private db!: Database;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private wechat!: WeChatService;

  noticeConfig(): ComplaintNoticeConfig {
    const templateId = COMPLAINT_TEMPLATE_ID();
    return templateId && this.wechat.configured ? { templateId } : {};
  }

  /**
   * Tells the complainant about the status the complaint is in: an inbox item, and a subscribe-message
   * notice where they hold a credit. Once per (complaint, status): the inbox id derives from that key and
   * the WeChat send is claimed in the complaint first, so a retried step repairs without repeating.
   */
  async notify(doc: ComplaintDoc): Promise<ComplaintDoc> {
    const notice = complaintNotice({ id: doc._id.toHexString(), status: doc.status, categoryLabel: COMPLAINT_CATEGORY_LABELS[doc.category], timeline: doc.timeline });
    if (!notice) return doc;
    await this.pushes.addToInbox([doc.complainantId], notice.key, { source: 'complaint', title: notice.title, summary: notice.summary, page: notice.page });
    const { templateId } = this.noticeConfig();
    if (!templateId) return doc;
    const complaints = this.db.model(ComplaintModel);
    const claimed = await complaints.updateOne({ _id: doc._id, noticeKeys: { $ne: notice.key } }, { $push: { noticeKeys: notice.key } });
    if (claimed.modifiedCount !== 1) return doc;
    const n = deliveryId(eventPushId(notice.key), doc.complainantId).toHexString();
    const outcome = await this.notices.sendToUser(doc.complainantId, templateId, `${notice.page}&n=${n}`, {
      thing1: notice.title,
      phrase2: COMPLAINT_STATUS_LABELS[doc.status],
      thing3: notice.note,
    });
    // A transport failure may be retried by a repeat of the step; a refusal (no credit) is final.
    if (outcome === 'failed') await complaints.updateOne({ _id: doc._id }, { $pull: { noticeKeys: notice.key } });
    return doc;
  }
}
