import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ComplaintEvidenceType } from '../../contract/complaint';
import { DISTRICTS } from '../../contract/reference';
import type { Page } from '../../contract/common';
import type { PaymentBatchView } from '../../contract/subsidy';
import {
  OBJECTION_STATUS_LABELS,
  type ObjectionDecisionInput,
  type ObjectionInput,
  type ObjectionStaffView,
  type ObjectionView,
  type PublicityEntry,
  type PublicityEntryQuery,
  type PublicityNoticeView,
  type StaffNoticeView,
} from '../../contract/subsidy-publicity';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import { maskResidentId } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { ComplaintObjectionService } from '../complaint/complaint-objection.service';
import { PaymentBatchModel, type PaymentBatchDoc, type PaymentLine } from './subsidy-batch.model';
import { ObjectionModel, type ObjectionDoc } from './subsidy-publicity.model';
import { PaymentAttemptModel } from './subsidy-stages.model';
import { SubsidyApplicationModel, type StoredTimelineEntry, type SubsidyApplicationDoc } from './subsidy.model';
import { SubsidyNoticeService } from './subsidy-notice.service';
import { SubsidyPaymentService } from './subsidy-payment.service';
import { SubsidyStagesService } from './subsidy-stages.service';
import {
  checkObjectionWindow,
  maskPersonName,
  noticeCounts,
  noticeLinesPage,
  noticePrograms,
  noticeRunning,
  OBJECTION_OUTCOME,
  planObjectionDecision,
  type StoredPublicity,
} from './subsidy.publicity.rules';

type Published = PaymentBatchDoc & { publicity: StoredPublicity };
/** What a notice's summary reads of its batch: the lines only for counting. */
const SUMMARY_FIELDS = { reference: 1, publicity: 1, 'lines.applicationId': 1, 'lines.programName': 1, 'lines.status': 1, 'lines.held': 1 } as const;
type Told = Pick<SubsidyApplicationDoc, '_id' | 'programName' | 'applicantKind' | 'applicantId' | 'timeline'>;
const TOLD_FIELDS = { programName: 1, applicantKind: 1, applicantId: 1, timeline: 1 } as const;

const UPHELD_NEXT_STEP = '如对核实结果有异议，可向市人社局申请复核';

function objectionView(doc: ObjectionDoc, evidenceCount: number): ObjectionView {
  return {
    id: doc._id.toHexString(),
    noticeId: doc.batchId.toHexString(),
    applicationId: doc.applicationId.toHexString(),
    entry: { name: doc.entryName, programName: doc.programName, amount: doc.amount },
    complaintId: doc.complaintId.toHexString(),
    status: doc.status,
    statusLabel: OBJECTION_STATUS_LABELS[doc.status],
    evidenceCount,
    decisionReason: doc.decisionReason,
    decidedAt: doc.decidedAt?.toISOString(),
    createdAt: doc.createdAt.toISOString(),
  };
}

/**
 * 公示 of payment batches: the bureau publishes a batch for the configured working days; anyone
 * logged in reads the masked list and may object to an entry while it runs; an objection holds the
 * line out of the bank file until the bureau upholds it (the application leaves the batch, rejected)
 * or dismisses it (the line is paid with the batch). Every step is a conditional write, safe to retry.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyPublicityService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private stages!: SubsidyStagesService;

  @Inject()
  private payments!: SubsidyPaymentService;

  @Inject()
  private notices!: SubsidyNoticeService;

  @Inject()
  private complaints!: ComplaintObjectionService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get batches() {
    return this.db.model(PaymentBatchModel);
  }

  private get apps() {
    return this.db.model(SubsidyApplicationModel);
  }

  private get objections() {
    return this.db.model(ObjectionModel);
  }

  // ---------------------------------------------------------------- publishing

  /**
   * Publishes an open batch none of whose lines has been settled. Publishing again (a retry, a
   * double tap) answers with the notice already running and finishes telling its applicants.
   */
  async publish(actor: AuthUser, batchId: string, requestId?: string): Promise<PaymentBatchView> {
    const now = this.now();
    const batch = await this.batches.findById(batchId).lean();
    if (!batch || batch.status === 'building') throw notFound('发放批次');
    if (!batch.publicity) {
      if (batch.status !== 'open' || batch.lines.some(l => l.status !== 'pending')) throw new BizError('SUBSIDY_NOTICE_NOT_PUBLISHABLE');
      const period = await this.stages.publicityPeriod(now);
      const publicity: StoredPublicity = { startsAt: now, ...period, publishedBy: actor.id };
      const set = await this.batches.updateOne(
        { _id: batch._id, status: 'open', publicity: { $exists: false }, 'lines.status': { $nin: ['paid', 'failed'] } },
        { $set: { publicity } },
      );
      if (set.modifiedCount > 0) {
        await this.audit.record(
          actor,
          {
            action: 'subsidy.batch.publish',
            targetType: 'subsidyBatch',
            targetId: batchId,
            to: 'publicity',
            detail: { lines: batch.lines.length, workingDays: period.workingDays, lastDay: period.lastDay },
          },
          requestId,
        );
      }
    }
    const published = await this.batches.findById(batchId).lean();
    if (!published?.publicity) throw new BizError('SUBSIDY_NOTICE_NOT_PUBLISHABLE');
    await this.tellPublished(published as Published, actor.id);
    return this.payments.get(batchId);
  }

  /** Each application in the notice gets its 公示 step (once: the step names the notice's start) and a notice. */
  private async tellPublished(batch: Published, actorId: string): Promise<void> {
    const { startsAt, lastDay } = batch.publicity;
    for (const line of batch.lines) {
      const filter = { _id: line.applicationId, batchId: batch._id, status: 'paying' as const, timeline: { $not: { $elemMatch: { action: 'published', at: startsAt } } } };
      const app = await this.apps.findOne(filter, TOLD_FIELDS).lean();
      if (!app) continue;
      const entry: StoredTimelineEntry = { at: startsAt, action: 'published', actorRole: 'bureau', actorId, nextStep: `公示至${lastDay}，期满无异议即发放` };
      await this.step(app, filter, entry, { phase: 'published', lastDay });
    }
  }

  /** Writes one step and its notice together, on the condition given; then tells it. */
  private async step(
    app: Told,
    filter: Record<string, unknown>,
    entry: StoredTimelineEntry,
    notice: { phase: 'published' | 'held' | 'dismissed' | 'upheld'; lastDay?: string; reason?: string },
    change: { set?: Record<string, unknown>; unset?: Record<string, 1> } = {},
  ): Promise<boolean> {
    const event = { type: 'subsidy.publicity' as const, applicationId: app._id.toHexString(), programName: app.programName, step: app.timeline.length, ...notice };
    const outbox = await this.notices.entryFor(app, event, entry.at);
    const done = await this.apps.updateOne(filter, {
      ...(change.set ? { $set: change.set } : {}),
      ...(change.unset ? { $unset: change.unset } : {}),
      $push: { timeline: entry, pendingNotices: outbox },
    });
    if (done.modifiedCount > 0) await this.notices.flush(app._id);
    return done.modifiedCount > 0;
  }

  // ---------------------------------------------------------------- reading

  /** The lines as the notice prints them: names and ID numbers masked, an enterprise's name whole. */
  private async entries(lines: readonly PaymentLine[]): Promise<PublicityEntry[]> {
    const apps = await this.apps
      .find({ _id: { $in: lines.map(l => l.applicationId) } }, { applicantKind: 1, idNumberMasked: 1, employerUscc: 1, employmentDistrict: 1 })
      .lean();
    const byId = new Map(apps.map(a => [a._id.toHexString(), a]));
    return lines.map(l => {
      const app = byId.get(l.applicationId.toHexString());
      const enterprise = app?.applicantKind === 'enterprise';
      const district = DISTRICTS.find(d => d.code === app?.employmentDistrict)?.name;
      return {
        applicationId: l.applicationId.toHexString(),
        name: enterprise ? l.name : maskPersonName(l.name),
        idNumber: enterprise ? maskResidentId(app?.employerUscc ?? '') : (app?.idNumberMasked ?? ''),
        programName: l.programName,
        amount: l.amount,
        ...(district ? { district } : {}),
        held: !!l.held,
      };
    });
  }

  private noticeView(batch: Pick<Published, '_id' | 'reference' | 'publicity' | 'lines'>, now: Date): PublicityNoticeView {
    return {
      id: batch._id.toHexString(),
      reference: batch.reference,
      startsAt: batch.publicity.startsAt.toISOString(),
      endsAt: batch.publicity.endsAt.toISOString(),
      lastDay: batch.publicity.lastDay,
      workingDays: batch.publicity.workingDays,
      open: noticeRunning(batch.publicity, now),
      counts: noticeCounts(batch.lines),
      programs: noticePrograms(batch.lines),
    };
  }

  /** The notices running now, newest first: what anyone logged in may read and object to (entries by `entries`). */
  async current(): Promise<PublicityNoticeView[]> {
    const now = this.now();
    const docs = (await this.batches.find({ 'publicity.endsAt': { $gt: now } }, SUMMARY_FIELDS).sort({ 'publicity.startsAt': -1 }).limit(20).lean()) as Published[];
    return docs.map(d => this.noticeView(d, now));
  }

  /** Every notice (latest 50) with its objections, for the bureau (entries by `entries`). */
  async staffNotices(): Promise<StaffNoticeView[]> {
    const now = this.now();
    const docs = (await this.batches.find({ publicity: { $exists: true } }, SUMMARY_FIELDS).sort({ 'publicity.startsAt': -1 }).limit(50).lean()) as Published[];
    const objections = await this.objections.find({ batchId: { $in: docs.map(d => d._id) } }).sort({ createdAt: 1 }).lean();
    const staff = await this.staffViews(objections, now);
    return docs.map(d => ({ ...this.noticeView(d, now), objections: staff.filter(o => o.noticeId === d._id.toHexString()) }));
  }

  /**
   * One page of a notice's entries, masked, in the batch's line order; a search by full name finds one's own
   * line. The public reads running notices only (as the list shows them); the bureau reads ended ones too.
   */
  async entriesPage(noticeId: string, query: PublicityEntryQuery & { limit: number }, audience: 'public' | 'staff'): Promise<Page<PublicityEntry>> {
    const batch = await this.batches.findById(noticeId, { publicity: 1, lines: 1 }).lean();
    if (!batch?.publicity || (audience === 'public' && !noticeRunning(batch.publicity, this.now()))) throw notFound('公示');
    const after = query.cursor ? this.cursorAfter(query.cursor, noticeId) : undefined;
    const { rows, more } = noticeLinesPage(batch.lines, { name: query.name, program: query.program, after }, query.limit);
    const last = rows[rows.length - 1];
    return {
      items: await this.entries(rows),
      ...(more && last ? { nextCursor: encodeCursor([noticeId, last.applicationId.toHexString()], this.auth.tokenSecret) } : {}),
    };
  }

  /** The last application id a cursor of this notice showed; one of another notice is refused like a forged one. */
  private cursorAfter(cursor: string, noticeId: string): string {
    const [notice, after] = decodeCursor(cursor, this.auth.tokenSecret, 2);
    if (notice !== noticeId || typeof after !== 'string' || !/^[0-9a-f]{24}$/.test(after)) throw new BizError('CURSOR_INVALID', undefined, 'cursor');
    return after;
  }

  private async staffViews(objections: ObjectionDoc[], now: Date): Promise<ObjectionStaffView[]> {
    const complaints = await this.complaints.staffViews(objections.map(o => o.complaintId), now);
    const names = new Map(
      (await this.apps.find({ _id: { $in: objections.map(o => o.applicationId) } }, { applicantName: 1 }).lean()).map(a => [a._id.toHexString(), a.applicantName]),
    );
    return objections.map(o => {
      const c = complaints.get(o.complaintId.toHexString());
      return {
        ...objectionView(o, c?.evidence.length ?? 0),
        objectorName: c?.complainantName ?? '',
        reason: c?.description ?? '',
        phone: c?.phone ?? '',
        evidence: (c?.evidence ?? []).map(e => ({ id: e.id, type: e.type, url: e.url })),
        applicantName: names.get(o.applicationId.toHexString()) ?? '',
      };
    });
  }

  async mine(user: AuthUser): Promise<ObjectionView[]> {
    const docs = await this.objections.find({ objectorId: new Types.ObjectId(user.id) }).sort({ createdAt: -1 }).limit(100).lean();
    const counts = await this.complaints.evidenceCounts(docs.map(d => d.complaintId));
    return docs.map(d => objectionView(d, counts.get(d.complaintId.toHexString()) ?? 0));
  }

  // ---------------------------------------------------------------- objecting

  /**
   * One person's objection to one entry of a running notice, filed as a 公示异议 complaint. A retry
   * (or a second filing) by the same person answers with the first; the line is held once.
   */
  async object(user: AuthUser, noticeId: string, input: ObjectionInput): Promise<ObjectionView> {
    const now = this.now();
    const batch = await this.batches.findById(noticeId).lean();
    if (!batch?.publicity) throw notFound('公示');
    const applicationId = new Types.ObjectId(input.applicationId);
    const objectorId = new Types.ObjectId(user.id);
    const earlier = await this.objections.findOne({ applicationId, objectorId }).lean();
    if (earlier) return objectionView(earlier, (await this.complaints.evidenceCounts([earlier.complaintId])).get(earlier.complaintId.toHexString()) ?? 0);
    const line = batch.lines.find(l => l.applicationId.equals(applicationId));
    checkObjectionWindow(batch.publicity, line, now);
    if (!line) throw new BizError('SUBSIDY_NOTICE_NOT_LISTED', undefined, 'applicationId');
    const app = await this.apps.findOne({ _id: applicationId, batchId: batch._id, status: 'paying' }, { ...TOLD_FIELDS, employmentDistrict: 1 }).lean();
    if (!app) throw new BizError('SUBSIDY_NOTICE_NOT_LISTED', undefined, 'applicationId');
    const entryName = app.applicantKind === 'enterprise' ? line.name : maskPersonName(line.name);
    const complaint = await this.complaints.file(
      user,
      { applicationId: input.applicationId, subject: `${entryName}（${line.programName}，${line.amount}元）`, district: app.employmentDistrict, reason: input.reason, phone: input.phone },
      now,
    );
    const doc = await this.objections
      .findOneAndUpdate(
        { applicationId, objectorId },
        {
          $setOnInsert: {
            batchId: batch._id,
            complaintId: new Types.ObjectId(complaint.id),
            entryName,
            programName: line.programName,
            amount: line.amount,
            status: 'open',
          },
        },
        { upsert: true, new: true },
      )
      .lean();
    if (!doc) throw new BizError('CONFLICT');
    await this.hold(batch, applicationId, now);
    return objectionView(doc, complaint.evidence.length);
  }

  /** Holds the line out of the bank file; the applicant is told the first time it is held. */
  private async hold(batch: PaymentBatchDoc, applicationId: Types.ObjectId, now: Date): Promise<void> {
    if (!(await this.lineIs(batch._id, applicationId, false))) return;
    const held = await this.batches.updateOne(
      { _id: batch._id },
      { $set: { 'lines.$[l].held': true } },
      { arrayFilters: [{ 'l.applicationId': applicationId, 'l.status': 'pending', 'l.held': { $ne: true } }] },
    );
    if (held.modifiedCount === 0) return;
    const filter = { _id: applicationId, batchId: batch._id, status: 'paying' as const };
    const app = await this.apps.findOne(filter, TOLD_FIELDS).lean();
    if (!app) return;
    const entry: StoredTimelineEntry = { at: now, action: 'objected', actorRole: 'bureau', actorId: batch.publicity?.publishedBy ?? batch.createdBy, nextStep: '市人社局核实后告知结果；核实期间暂缓发放' };
    await this.step(app, filter, entry, { phase: 'held' });
  }

  /** Whether the application's line waits in the batch, held (or not) as asked; read before the conditional write that changes it. */
  private async lineIs(batchId: Types.ObjectId, applicationId: Types.ObjectId, held: boolean): Promise<boolean> {
    const batch = await this.batches.findById(batchId, { lines: 1 }).lean();
    const line = batch?.lines.find(l => l.applicationId.equals(applicationId) && l.status === 'pending');
    return !!line && !!line.held === held;
  }

  async addEvidence(user: AuthUser, objectionId: string, file: { data: Buffer; type: ComplaintEvidenceType }): Promise<ObjectionView> {
    const doc = await this.objections.findOne({ _id: objectionId, objectorId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('异议');
    const complaint = await this.complaints.addEvidence(user, doc.complaintId.toHexString(), file);
    return objectionView(doc, complaint.evidence.length);
  }

  // ---------------------------------------------------------------- deciding

  /**
   * The bureau's decision, audited. Upheld: the application leaves the batch, rejected with the
   * reason (every other open objection to it is settled the same way). Dismissed: once no objection
   * to it is open, the line is released and paid with the batch. The same decision again is a retry.
   */
  async decide(actor: AuthUser, objectionId: string, input: ObjectionDecisionInput, requestId?: string): Promise<ObjectionStaffView> {
    const now = this.now();
    const doc = await this.objections.findById(objectionId).lean();
    if (!doc) throw notFound('异议');
    const reason = input.reason.trim();
    if (!reason) throw new BizError('SUBSIDY_REASON_REQUIRED', '请填写核实情况和处理理由', 'reason');
    const outcome = OBJECTION_OUTCOME[input.decision];
    if (planObjectionDecision(doc.status, input.decision) === 'apply') {
      const targets = outcome === 'upheld' ? { applicationId: doc.applicationId, status: 'open' as const } : { _id: doc._id, status: 'open' as const };
      const decided = await this.objections.find(targets, { _id: 1, complaintId: 1 }).lean();
      const set = await this.objections.updateMany(
        { _id: { $in: decided.map(d => d._id) }, status: 'open' },
        { $set: { status: outcome, decisionReason: reason, decidedBy: actor.id, decidedAt: now } },
      );
      if (set.modifiedCount === 0) planObjectionDecision((await this.objections.findById(doc._id).lean())?.status ?? 'open', input.decision);
      else {
        await this.audit.record(
          actor,
          {
            action: 'subsidy.objection.decide',
            targetType: 'subsidyApplication',
            targetId: doc.applicationId.toHexString(),
            from: 'open',
            to: outcome,
            reason,
            detail: { objections: decided.map(d => d._id.toHexString()) },
          },
          requestId,
        );
      }
      for (const d of decided) await this.complaints.conclude(actor, d.complaintId, outcome, reason, now);
    }
    await this.applyOutcome(actor, doc, outcome, reason, now);
    const after = await this.objections.findById(doc._id).lean();
    if (!after) throw notFound('异议');
    return (await this.staffViews([after], now))[0];
  }

  /** What a decision does to the line and the application; conditional, so a retry completes an interrupted one. */
  private async applyOutcome(actor: AuthUser, doc: ObjectionDoc, outcome: 'upheld' | 'dismissed', reason: string, now: Date): Promise<void> {
    const current = await this.objections.findById(doc._id).lean();
    if (!current || current.status !== outcome) return;
    const filter = { _id: doc.applicationId, batchId: doc.batchId, status: 'paying' as const };
    if (outcome === 'upheld') {
      const app = await this.apps.findOne(filter, TOLD_FIELDS).lean();
      if (app) {
        const entry: StoredTimelineEntry = { at: now, action: 'objectionUpheld', actorRole: 'bureau', actorId: actor.id, reason, nextStep: UPHELD_NEXT_STEP };
        await this.step(app, filter, entry, { phase: 'upheld', reason }, { set: { status: 'rejected' }, unset: { batchId: 1 } });
      }
      const batch = await this.batches.findById(doc.batchId).lean();
      const line = batch?.lines.find(l => l.applicationId.equals(doc.applicationId) && l.status === 'pending');
      if (batch && line) {
        // A held line never reached the bank (the file leaves out held lines), so its attempt is simply dropped.
        await this.batches.updateOne({ _id: batch._id }, { $pull: { lines: { applicationId: doc.applicationId, status: 'pending' } } });
        if (line.key) await this.db.model(PaymentAttemptModel).deleteOne({ key: line.key, status: 'pending' });
        await this.payments.settleIfDone(batch._id);
      }
      return;
    }
    if (await this.objections.exists({ applicationId: doc.applicationId, status: 'open' })) return;
    if (!(await this.lineIs(doc.batchId, doc.applicationId, true))) return;
    const released = await this.batches.updateOne(
      { _id: doc.batchId },
      { $unset: { 'lines.$[l].held': 1 } },
      { arrayFilters: [{ 'l.applicationId': doc.applicationId, 'l.status': 'pending', 'l.held': true }] },
    );
    if (released.modifiedCount === 0) return;
    const app = await this.apps.findOne(filter, TOLD_FIELDS).lean();
    if (!app) return;
    const entry: StoredTimelineEntry = { at: now, action: 'objectionDismissed', actorRole: 'bureau', actorId: actor.id, reason, nextStep: '随本批次发放' };
    await this.step(app, filter, entry, { phase: 'dismissed', reason });
  }
}
