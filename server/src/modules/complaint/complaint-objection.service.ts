import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ComplaintEvidenceType, ComplaintStaffView, ComplaintStatus, ComplaintView } from '../../contract/complaint';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { UserService } from '../user/user.service';
import { ComplaintComplainantService } from './complaint-complainant.service';
import { ComplaintNoticeService } from './complaint-notice.service';
import { ComplaintModel, type StoredComplaintEvent } from './complaint.model';
import { contactPhone, staffRoleOf } from './complaint.rules';
import { toStaffView, toView } from './complaint.view';

/** Statuses a 公示异议 can still be decided from. */
const UNDECIDED: readonly ComplaintStatus[] = ['submitted', 'triaged', 'investigating', 'replied'];

/**
 * 公示异议: objections to a published subsidy application, filed as complaints of their own
 * category (reason, contact, evidence, the complainant's own list and notices come with it) and
 * decided by the bureau on the subsidy notice page, which closes them here.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintObjectionService {
  @Inject()
  private db!: Database;


  @Inject()
  private users!: UserService;

  @Inject()
  private complainants!: ComplaintComplainantService;

  @Inject()
  private notices!: ComplaintNoticeService;

  private get complaints() {
    return this.db.model(ComplaintModel);
  }

  /**
   * Files (or, retried, finds) the person's one objection to an application: the key is the
   * application, so a second filing by the same person answers with the first whatever it says.
   */
  async file(
    user: AuthUser,
    input: { applicationId: string; subject: string; district?: string; reason: string; phone: string },
    now: Date,
  ): Promise<ComplaintView> {
    const phone = contactPhone(input.phone);
    const key = { complainantId: new Types.ObjectId(user.id), idempotencyKey: `publicity-objection:${input.applicationId}` };
    const existing = await this.complaints.findOne(key).lean();
    if (existing) return toView(existing, now);
    const me = await this.users.cardOf(user.id);
    if (!me) throw new BizError('UNAUTHENTICATED');
    try {
      const created = await this.complaints.create({
        ...key,
        complainantName: me.profile?.name || me.nickname,
        fingerprint: key.idempotencyKey,
        category: 'publicity-objection',
        partyName: input.subject,
        subsidyApplicationId: new Types.ObjectId(input.applicationId),
        // The application's district, so its district bureau sees it too; the city bureau decides.
        district: input.district ?? 'city',
        description: input.reason.trim(),
        ...this.complainants.submittedState(user.id, phone, now),
      });
      return toView(created.toObject(), now);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const winner = await this.complaints.findOne(key).lean();
      if (!winner) throw err;
      return toView(winner, now);
    }
  }

  /** One evidence file on the objector's own objection, as any complaint takes it (checked, stored once). */
  async addEvidence(user: AuthUser, complaintId: string, file: { data: Buffer; type: ComplaintEvidenceType }): Promise<ComplaintView> {
    const doc = await this.complaints.exists({ _id: complaintId, complainantId: new Types.ObjectId(user.id), category: 'publicity-objection' });
    if (!doc) throw notFound('异议');
    return this.complainants.addEvidence(user, complaintId, file);
  }

  /** The objections' complaints as the bureau reads them (reason, masked phone, evidence). */
  async staffViews(ids: ReadonlyArray<Types.ObjectId>, now: Date): Promise<Map<string, ComplaintStaffView>> {
    const docs = await this.complaints.find({ _id: { $in: ids }, category: 'publicity-objection' }).lean();
    return new Map(docs.map(d => [d._id.toHexString(), toStaffView(d, now)]));
  }

  async evidenceCounts(ids: ReadonlyArray<Types.ObjectId>): Promise<Map<string, number>> {
    const docs = await this.complaints.find({ _id: { $in: ids } }, { evidence: 1 }).lean();
    return new Map(docs.map(d => [d._id.toHexString(), d.evidence.length]));
  }

  /**
   * The bureau's decision closes the complaint: upheld as 办结 with the decision as its reply,
   * dismissed as 不予支持 with the reason. Conditional on it being undecided, so a retry changes nothing.
   */
  async conclude(actor: AuthUser, complaintId: Types.ObjectId, outcome: 'upheld' | 'dismissed', reason: string, now: Date): Promise<void> {
    const doc = await this.complaints.findOne({ _id: complaintId, category: 'publicity-objection' }).lean();
    if (!doc || !UNDECIDED.includes(doc.status)) return;
    const role = staffRoleOf(actor);
    const note = reason.trim();
    const events: StoredComplaintEvent[] =
      outcome === 'upheld'
        ? [
            { at: now, action: 'reply', actorRole: role, actorId: actor.id, note: `异议成立：${note}` },
            { at: now, action: 'close', actorRole: role, actorId: actor.id },
          ]
        : [{ at: now, action: 'reject', actorRole: role, actorId: actor.id, note: `异议不成立：${note}` }];
    const status: ComplaintStatus = outcome === 'upheld' ? 'closed' : 'rejected';
    const set = outcome === 'upheld' ? { reply: `异议成立：${note}`, repliedAt: now, closedAt: now } : { rejectReason: `异议不成立：${note}`, closedAt: now };
    const notice = this.notices.entryFor({ ...doc, status, timeline: [...doc.timeline, ...events] }, now);
    const updated = await this.complaints.updateOne(
      { _id: doc._id, status: doc.status },
      { $set: { ...set, status }, $unset: { dueAt: 1 }, $push: { timeline: { $each: events }, ...(notice ? { pendingNotices: notice } : {}) } },
    );
    if (updated.modifiedCount > 0) await this.notices.flush(doc._id);
  }
}
