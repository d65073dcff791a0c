import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { ReviewDecisionInput, SubsidyApplicationView, SubsidyFlag, SubsidyReviewDetail, SubsidyStatus } from '../../contract/subsidy';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { RegistryService } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import { SubsidyFlagService } from './subsidy-flags.service';
import { SubsidyNoticeService } from './subsidy-notice.service';
import { SubsidyStagesService } from './subsidy-stages.service';
import { canAct, canSee, reviewQueueScopes } from './subsidy.access.rules';
import { reviewDecision } from './subsidy.decision.rules';
import { flagReasonMissing } from './subsidy.flags.rules';
import { decisionStep, subsidyStepNotice } from './subsidy.notice.rules';
import { SubsidyApplicationModel, type SubsidyApplicationDoc } from './subsidy.model';
import { withActors } from './subsidy.timeline.rules';
import { toApplicationView } from './subsidy.view';

/** College, district and bureau reviewers: their queues, an application with its risk flags, decisions. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyReviewService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private notices!: SubsidyNoticeService;

  @Inject()
  private users!: UserService;

  @Inject()
  private stages!: SubsidyStagesService;

  @Inject()
  private recordFlags!: SubsidyFlagService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get apps() {
    return this.db.model(SubsidyApplicationModel);
  }

  /** Applications placed with this reviewer, waiting at their stage unless another status is asked for; newest change first. */
  async queue(user: AuthUser, query: { status?: SubsidyStatus; cursor?: string; limit: number }): Promise<Page<SubsidyApplicationView>> {
    const filter: FilterQuery<SubsidyApplicationDoc> = { $or: reviewQueueScopes(user, query.status) };
    const where = query.cursor ? { $and: [filter, keysetAfter('updatedAt', query.cursor, this.auth.tokenSecret)] } : filter;
    const docs = await this.apps.find(where).sort({ updatedAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    // Each waiting application carries its deadline, so the queue can mark the overdue ones.
    const progress = await this.stages.progressOf(docs);
    const view = (d: SubsidyApplicationDoc): SubsidyApplicationView => ({ ...toApplicationView(d), progress: progress.get(d._id.toHexString()) });
    return pageOf(docs, query.limit, view, 'updatedAt', this.auth.tokenSecret);
  }

  async reviewDetail(user: AuthUser, id: string): Promise<SubsidyReviewDetail> {
    const doc = await this.apps.findById(id).lean();
    if (!doc) throw notFound('申请');
    if (!canSee(user, doc)) throw new BizError('OUT_OF_SCOPE');
    const view = { ...toApplicationView(doc), progress: (await this.stages.progressOf([doc])).get(doc._id.toHexString()) };
    const staffIds = [...new Set(doc.timeline.filter(e => e.actorRole !== 'applicant').map(e => e.actorId))];
    const [actors, flags] = await Promise.all([this.users.cardsOf(staffIds), this.flags(doc)]);
    const named = withActors(doc.timeline, actors, doc.applicantName);
    const timeline = view.timeline.map((entry, i) => ({ ...entry, actorName: named[i]?.actorName, actorUnit: named[i]?.actorUnit }));
    return { ...view, timeline, flags, mayDecide: doc.status === 'reviewing' && canAct(user, doc) };
  }

  /** What a reviewer should look at twice: the same ID, account, phone or file in another person's application; an unverified employer. */
  private async flags(doc: SubsidyApplicationDoc): Promise<SubsidyFlag[]> {
    const others = { applicantId: { $ne: doc.applicantId } };
    const flags: SubsidyFlag[] = [];
    const check = async (kind: SubsidyFlag['kind'], filter: FilterQuery<SubsidyApplicationDoc> | null, message: string) => {
      if (!filter) return;
      const hits = await this.apps.find({ ...filter, ...others }, { _id: 1 }).limit(10).lean();
      if (hits.length > 0) flags.push({ kind, message, otherApplicationIds: hits.map(h => h._id.toHexString()) });
    };
    await check('sameIdNumber', doc.idNumberHash ? { idNumberHash: doc.idNumberHash } : null, '身份证号与他人的申请相同');
    await check('sameBankAccount', doc.bankAccountHash ? { bankAccountHash: doc.bankAccountHash } : null, '银行卡号与他人的申请相同');
    await check('samePhone', doc.phoneHash ? { phoneHash: doc.phoneHash } : null, '手机号与他人的申请相同');
    const hashes = doc.documents.map(d => d.hash);
    await check('sameDocument', hashes.length ? { 'documents.hash': { $in: hashes } } : null, '上传的材料与他人申请中的文件相同');
    const hired = (doc.graduates ?? []).map(g => g.idNumberHash);
    await check(
      'sameIdNumber',
      hired.length ? { programId: doc.programId, period: doc.period, 'graduates.idNumberHash': { $in: hired } } : null,
      '所列毕业生也出现在其他单位的同一补贴申请中',
    );
    if (doc.applicantKind === 'enterprise') {
      if (!(await this.enterprises.isVerified(doc.applicantId))) flags.push({ kind: 'employerNotVerified', message: '申请单位目前未通过平台认证' });
    } else if (doc.employerName || doc.employerUscc) {
      const verified = await this.enterprises.isVerifiedEmployer({ uscc: doc.employerUscc, name: doc.employerName });
      if (!verified) flags.push({ kind: 'employerNotVerified', message: '就业单位未在平台通过认证' });
    }
    // Social insurance, the recorded hire and the registry against what the application says.
    flags.push(...(await this.recordFlags.recordFlags(doc)));
    return flags;
  }

  /**
   * One decision at the application's current stage. The update is conditional on
   * (status, stage) as read, so of two reviewers acting at once exactly one wins.
   */
  async decide(user: AuthUser, id: string, input: ReviewDecisionInput, requestId?: string): Promise<SubsidyApplicationView> {
    const doc = await this.apps.findById(id).lean();
    if (!doc) throw notFound('申请');
    const now = this.now();
    const outcome = reviewDecision(user, doc, input, now);
    // An application the records contradict (insurance, the recorded hire) passes the bureau only with a
    // written reason, kept in the timeline and the audit.
    const flags = outcome.stage === 'bureau' && input.decision === 'approve' ? await this.recordFlags.recordFlags(doc) : [];
    if (flagReasonMissing(outcome.stage, input.decision, flags, input.reason)) throw new BizError('SUBSIDY_FLAG_REASON_REQUIRED', undefined, 'reason');
    // The decision and the notice it owes the applicant's side are one conditional write.
    const notice = await this.notices.entryFor(doc, subsidyStepNotice(doc, decisionStep(outcome)), now);
    const updated = await this.apps
      .findOneAndUpdate(
        { _id: doc._id, status: 'reviewing', stage: outcome.stage },
        { $set: outcome.set, $push: { timeline: outcome.entry, pendingNotices: notice } },
        { new: true },
      )
      .lean();
    if (!updated) throw new BizError('SUBSIDY_STATE_CHANGED');
    await this.audit.record(
      user,
      { ...outcome.audit, targetType: 'subsidyApplication', targetId: id, ...(flags.length ? { detail: { flags: flags.map(f => f.kind) } } : {}) },
      requestId,
    );
    // The registry records graduates' destinations; an enterprise is not one.
    if (updated.status === 'approved' && updated.applicantKind !== 'enterprise') await this.registry.recordSubsidyApproval({ ...updated, at: now });
    await this.notices.flush(updated._id);
    return toApplicationView(updated);
  }
}
