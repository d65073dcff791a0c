import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type UpdateQuery } from 'mongoose';
import type { SubsidyStatus } from '../../contract/subsidy';
import { Database } from '../../core/database';
import { NoticeService } from '../notice/notice.service';
import { UserService } from '../user/user.service';
import { SubsidyNoticeService } from './subsidy-notice.service';
import { SubsidyApplicationModel, type StoredTimelineEntry, type SubsidyApplicationDoc } from './subsidy.model';

/** Submitted and not yet decided: a reviewer has it (or gave it back for corrections). */
const OPEN_STATUSES: SubsidyStatus[] = ['reviewing', 'returned'];
export const WITHDRAWN_BY_DELETION = '申请人注销账号';
export const DELETED_APPLICANT = '已注销用户';

/** Everything that names or describes the person; a withdrawn application keeps only program, stage and steps. */
const PERSONAL_FIELDS = {
  idNumberEnc: 1,
  idNumberHash: 1,
  idNumberMasked: 1,
  phoneHash: 1,
  bankName: 1,
  bankAccountEnc: 1,
  bankAccountHash: 1,
  bankAccountMasked: 1,
  degree: 1,
  doubleFirstClass: 1,
  graduationDate: 1,
  employerName: 1,
  employerUscc: 1,
  socialInsuranceMonths: 1,
  traineeMonths: 1,
  hardship: 1,
  businessRegistered: 1,
  consentText: 1,
  consentAt: 1,
} as const;

/** Withdrawing a graduate's open applications when the account is deleted (注销账号, PIPL art. 47). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyWithdrawalService {
  @Inject()
  private db!: Database;

  @Inject()
  private users!: UserService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private outbox!: SubsidyNoticeService;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get apps() {
    return this.db.model(SubsidyApplicationModel);
  }

  /**
   * Each open application becomes `withdrawn` (reason 申请人注销账号), stripped of everything personal,
   * with a notice to the reviewers of its current stage written in the same conditional update and told
   * after it. Safe to repeat: a withdrawn application is no longer open. Returns how many were withdrawn.
   */
  async withdrawForDeletedAccount(userId: string): Promise<number> {
    const open = await this.apps.find({ applicantId: new Types.ObjectId(userId), applicantKind: { $ne: 'enterprise' }, status: { $in: OPEN_STATUSES } }).lean();
    let withdrawn = 0;
    for (const doc of open) {
      const at = this.now();
      const update = await this.withdrawal(doc, userId, at);
      const done = await this.apps.updateOne({ _id: doc._id, status: doc.status }, update);
      if (done.modifiedCount === 0) continue;
      withdrawn += 1;
      await this.outbox.flush(doc._id);
    }
    return withdrawn;
  }

  private async withdrawal(doc: SubsidyApplicationDoc, userId: string, at: Date): Promise<UpdateQuery<SubsidyApplicationDoc>> {
    const entry: StoredTimelineEntry = { at, action: 'withdrawn', stage: doc.stage, actorRole: 'applicant', actorId: userId, reason: WITHDRAWN_BY_DELETION };
    const push: Record<string, unknown> = { timeline: entry };
    if (doc.stage) {
      const reviewers = await this.users.reviewerIdsOf(doc.stage, { collegeId: doc.collegeId, districtCode: doc.employmentDistrict });
      const event = {
        type: 'subsidy.withdrawn' as const,
        applicationId: doc._id.toHexString(),
        programName: doc.programName,
        step: doc.timeline.length,
        stage: doc.stage,
        reason: WITHDRAWN_BY_DELETION,
      };
      if (reviewers.length > 0) push.pendingNotices = this.notices.outboxEntry(reviewers, event, at);
    }
    return {
      $set: {
        status: 'withdrawn',
        applicantName: DELETED_APPLICANT,
        documents: [],
        eligibility: { outcome: doc.eligibility.outcome, amount: doc.eligibility.amount, explanation: '', reasons: [] },
      },
      $unset: PERSONAL_FIELDS,
      $push: push,
    };
  }
}
