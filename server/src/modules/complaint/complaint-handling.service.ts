import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { FilterQuery, UpdateQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { ComplaintAction, ComplaintAssignInput, ComplaintHandler, ComplaintQueueQuery, ComplaintStaffView } from '../../contract/complaint';
import type { DistrictCode } from '../../contract/reference';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import { PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { RevealLogService } from '../privacy/reveal.service';
import { UserService } from '../user/user.service';
import { ComplaintModel, type ComplaintDoc, type StoredComplaintEvent } from './complaint.model';
import { ComplaintNoticeService } from './complaint-notice.service';
import {
  assignChange,
  checkHandler,
  closeChange,
  deadlineChange,
  handlerOf,
  inScope,
  isReplay,
  planStep,
  queueCriteria,
  rejectChange,
  replyChange,
  staffDistrict,
  staffRoleOf,
  type ComplaintChange,
} from './complaint.rules';
import { toStaffView } from './complaint.view';

/** Staff handling complaints in their scope: the lists, triage and assignment, the steps to an answer. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintHandlingService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private reveals!: RevealLogService;

  @Inject()
  private notices!: ComplaintNoticeService;

  @Inject()
  private users!: UserService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get complaints() {
    return this.db.model(ComplaintModel);
  }

  /** The complaint, if the caller's scope covers it. */
  async loadInScope(user: AuthUser, id: string): Promise<ComplaintDoc> {
    const doc = await this.complaints.findById(id).lean();
    if (!doc) throw notFound('投诉');
    if (!inScope(user, doc.district)) throw new BizError('OUT_OF_SCOPE');
    return doc;
  }

  /** District staff see their district; the bureau sees all and may narrow to one district. */
  async queue(user: AuthUser, query: ComplaintQueueQuery & { limit: number }): Promise<Page<ComplaintStaffView>> {
    const now = this.now();
    const criteria = queueCriteria(user, query, now);
    if (!criteria) return { items: [] };
    const filter: FilterQuery<ComplaintDoc> = {};
    if (criteria.district) filter.district = criteria.district;
    if (criteria.category) filter.category = criteria.category;
    if (criteria.statuses) filter.status = criteria.statuses.length === 1 ? criteria.statuses[0] : { $in: criteria.statuses };
    if (criteria.dueBefore) filter.dueAt = { $lt: criteria.dueBefore };
    const where = query.cursor ? { $and: [filter, keysetAfter('createdAt', query.cursor, this.auth.tokenSecret)] } : filter;
    const docs = await this.complaints.find(where).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    return pageOf(docs, query.limit, d => toStaffView(d, now), 'createdAt', this.auth.tokenSecret);
  }

  async detail(user: AuthUser, id: string): Promise<ComplaintStaffView> {
    return toStaffView(await this.loadInScope(user, id), this.now());
  }

  /** Who a complaint can be assigned to: district staff of a district (the caller's own, for district staff) and the bureau. */
  async handlers(user: AuthUser, district?: DistrictCode): Promise<ComplaintHandler[]> {
    const scope = staffDistrict(user, district) as DistrictCode | undefined;
    if (!user.roles.includes('bureau')) return (await this.users.staffOf('district', 100, scope)).map(handlerOf);
    const [bureau, districts] = await Promise.all([this.users.staffOf('bureau', 50), this.users.staffOf('district', 200, scope)]);
    return [...bureau, ...districts].map(handlerOf);
  }

  /** Reveals the complainant's phone to staff in scope, so the handler can call back; audited. */
  async revealPhone(user: AuthUser, id: string, requestId?: string): Promise<{ phone: string }> {
    const doc = await this.loadInScope(user, id);
    if (!doc.phoneEnc) throw new BizError('NOT_FOUND', '投诉人已注销账号，联系电话已删除');
    await this.audit.record(user, { action: 'complaint.phone.reveal', targetType: 'complaint', targetId: id }, requestId);
    await this.reveals.record(
      user,
      { subjectIds: [doc.complainantId], kind: 'phone', purpose: '回电核实投诉情况', targetType: 'complaint', targetId: id },
      requestId,
    );
    return { phone: this.pii.open(doc.phoneEnc) };
  }

  /**
   * One staff step, as a conditional update on the status that was read (plus the fields the change
   * relies on), so of two staff acting at once exactly one wins. A retry of a step that already took
   * effect answers with the current state instead of repeating it.
   */
  private async step(
    user: AuthUser,
    id: string,
    action: ComplaintAction,
    build: (doc: ComplaintDoc, now: Date) => Promise<ComplaintChange> | ComplaintChange,
    requestId?: string,
  ): Promise<ComplaintStaffView> {
    const now = this.now();
    const doc = await this.loadInScope(user, id);
    if (doc.category === 'publicity-objection') throw new BizError('COMPLAINT_DECIDED_ON_NOTICE');
    const plan = planStep(doc, action, user.id);
    if (plan.kind === 'replay') return this.repaired(doc, now);
    const change = await build(doc, now);
    // A retried step with nothing left to change may still owe the complainant its notice.
    if (change.noop) return this.repaired(doc, now);
    const entry: StoredComplaintEvent = { at: now, action, actorRole: staffRoleOf(user), actorId: user.id, note: change.note };
    // A change of status and the notice it owes the complainant are one conditional write.
    const notice = plan.to !== doc.status ? this.notices.entryFor({ ...doc, status: plan.to, timeline: [...doc.timeline, entry] }, now) : undefined;
    const update: UpdateQuery<ComplaintDoc> = { $set: { ...change.set, status: plan.to }, $push: { timeline: entry, ...(notice ? { pendingNotices: notice } : {}) } };
    if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map(k => [k, 1]));
    const guard = Object.fromEntries((change.unchanged ?? []).map(k => [k, doc[k] ?? { $exists: false }]));
    const updated = await this.complaints.findOneAndUpdate({ _id: doc._id, status: doc.status, ...guard }, update, { new: true }).lean();
    if (!updated) {
      const current = await this.complaints.findById(doc._id).lean();
      if (current && isReplay(current, action, user.id)) return this.repaired(current, now);
      throw new BizError('COMPLAINT_STATE_CHANGED');
    }
    await this.audit.record(
      user,
      { action: `complaint.${action}`, targetType: 'complaint', targetId: id, from: doc.status, to: plan.to, reason: change.note },
      requestId,
    );
    await this.notices.flush(updated._id);
    return toStaffView(updated, now);
  }

  /** The answer to a retried step: the complaint as it stands, its notice told if the first attempt did not get to it. */
  private async repaired(doc: ComplaintDoc, now: Date): Promise<ComplaintStaffView> {
    await this.notices.repair(doc);
    return toStaffView(doc, now);
  }

  /** Accepts (triages) or reassigns: the handler's district becomes the complaint's district. */
  async assign(user: AuthUser, id: string, input: ComplaintAssignInput, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(
      user,
      id,
      'assign',
      async (doc, now) => {
        return assignChange(doc, checkHandler(user, await this.users.cardOf(input.handlerId)), input.dueDate, now);
      },
      requestId,
    );
  }

  async investigate(user: AuthUser, id: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'investigate', () => ({}), requestId);
  }

  async setDeadline(user: AuthUser, id: string, input: { dueDate: string; reason: string }, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'deadline', (doc, now) => deadlineChange(doc, input, now), requestId);
  }

  async reply(user: AuthUser, id: string, reply: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'reply', (_doc, now) => replyChange(reply, now), requestId);
  }

  async close(user: AuthUser, id: string, note: string | undefined, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'close', (_doc, now) => closeChange(note, now), requestId);
  }

  async reject(user: AuthUser, id: string, reason: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'reject', (_doc, now) => rejectChange(reason, now), requestId);
  }
}
