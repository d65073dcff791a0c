import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import { Types, type FilterQuery, type UpdateQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_EVIDENCE_MAX_FILES,
  COMPLAINT_STATUS_LABELS,
  type ComplaintAction,
  type ComplaintAssignInput,
  type ComplaintEvidenceType,
  type ComplaintFreezeInput,
  type ComplaintHandler,
  type ComplaintHotline,
  type ComplaintHotlineInput,
  type ComplaintInput,
  type ComplaintNoticeConfig,
  type ComplaintQueueQuery,
  type ComplaintStaffView,
  type ComplaintView,
} from '../../contract/complaint';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import { PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { EnterpriseModel } from '../job/enterprise.model';
import { JobFreezeService } from '../job/job.freeze';
import { JobModel } from '../job/job.model';
import { FileStorage } from '../../core/files/storage';
import { NoticeService } from '../notice/notice.service';
import { deliveryId, eventPushId } from '../notice/push.rules';
import { PushService } from '../notice/push.service';
import { WeChatService } from '../wechat/wechat.service';
import { UserModel, type UserDoc } from '../user/user.model';
import { maskPhone } from '../user/user.rules';
import { ComplaintModel, HotlineModel, type ComplaintDoc, type HotlineDoc, type StoredComplaintEvent } from './complaint.model';
import {
  allowedActions,
  checkDueDate,
  complaintNotice,
  FREEZABLE_STATUSES,
  fingerprint,
  handlingDue,
  inScope,
  isHotlineNumber,
  isOverdue,
  nextStatus,
  normalisePhone,
  OPEN_STATUSES,
  staffRoleOf,
  triageDue,
} from './complaint.rules';

export const COMPLAINT_TEMPLATE_ID = (): string => process.env.WECHAT_TEMPLATE_COMPLAINT_STATUS ?? '';

const DISTRICT_NAMES = new Map<string, string>(DISTRICTS.map(d => [d.code, d.name]));
const districtName = (code: string | undefined): string => (code === 'city' ? '大连市' : (code && DISTRICT_NAMES.get(code)) || '大连市');
const unitName = (role: 'district' | 'bureau', district?: string): string => (role === 'bureau' ? '市人社局' : `${districtName(district)}人社局`);

const CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as const;
export { CONTENT_TYPES as EVIDENCE_CONTENT_TYPES };

function toView(doc: ComplaintDoc, now: Date): ComplaintView {
  const id = doc._id.toHexString();
  return {
    id,
    category: doc.category,
    categoryLabel: COMPLAINT_CATEGORY_LABELS[doc.category],
    status: doc.status,
    statusLabel: COMPLAINT_STATUS_LABELS[doc.status],
    job: doc.jobId ? { id: doc.jobId.toHexString(), title: doc.jobTitle ?? '' } : undefined,
    enterprise: doc.enterpriseId ? { id: doc.enterpriseId.toHexString(), name: doc.enterpriseName ?? '' } : undefined,
    partyName: doc.partyName || undefined,
    district: doc.district as DistrictCode,
    description: doc.description,
    phone: doc.phoneMasked,
    evidence: doc.evidence.map(e => ({
      id: e.id,
      type: e.type,
      size: e.size,
      url: `/api/complaint-evidence/${id}/${e.id}`,
      uploadedAt: e.uploadedAt.toISOString(),
    })),
    reply: doc.reply,
    rejectReason: doc.rejectReason,
    dueAt: OPEN_STATUSES.includes(doc.status) ? doc.dueAt?.toISOString() : undefined,
    overdue: isOverdue(doc.status, doc.dueAt, now),
    timeline: doc.timeline.map(e => ({
      at: e.at.toISOString(),
      action: e.action,
      label: COMPLAINT_ACTION_LABELS[e.action],
      actorRole: e.actorRole,
      note: e.note,
    })),
    submittedAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function toStaffView(doc: ComplaintDoc, now: Date): ComplaintStaffView {
  const actions = allowedActions(doc.status).filter(a => {
    if (a === 'freeze') return (!!doc.jobId && !doc.jobFrozen) || (!!doc.enterpriseId && !doc.enterpriseFrozen);
    if (a === 'unfreeze') return doc.jobFrozen || doc.enterpriseFrozen;
    return true;
  });
  return {
    ...toView(doc, now),
    complainantName: doc.complainantName,
    handler: doc.handlerId
      ? { id: doc.handlerId.toHexString(), name: doc.handlerName ?? '', role: doc.handlerRole ?? 'district', districtCode: doc.handlerDistrict as DistrictCode | undefined }
      : undefined,
    jobFrozen: doc.jobFrozen,
    enterpriseFrozen: doc.enterpriseFrozen,
    actions,
  };
}

function toHandler(user: Pick<UserDoc, '_id' | 'roles' | 'scope' | 'profile' | 'nickname'>): ComplaintHandler {
  const role = user.roles.includes('bureau') ? 'bureau' : 'district';
  return {
    id: user._id.toHexString(),
    name: user.profile?.name || user.nickname,
    role,
    districtCode: role === 'district' ? (user.scope.districtCode as DistrictCode) : undefined,
  };
}

/** A status change: what to set, an optional extra guard, and the public note for the timeline. */
interface Change {
  set?: Partial<ComplaintDoc>;
  unset?: Array<keyof ComplaintDoc>;
  guard?: FilterQuery<ComplaintDoc>;
  note?: string;
  /** Nothing would change (a retried reassignment): answer with the current state. */
  noop?: boolean;
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private wechat!: WeChatService;

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private freezer!: JobFreezeService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get complaints() {
    return this.db.model(ComplaintModel);
  }

  // ---------------------------------------------------------------- complainant

  /**
   * Files a complaint. The client's key makes a retry or a double tap return the first complaint:
   * the unique (complainant, key) index lets exactly one of two simultaneous requests insert.
   */
  async submit(user: AuthUser, input: ComplaintInput): Promise<ComplaintView> {
    const now = this.now();
    const phone = normalisePhone(input.phone);
    if (!phone) throw new BizError('PHONE_INVALID', '联系电话不正确，请填写手机号或带区号的固定电话', 'phone');
    const print = fingerprint(input);
    const complainantId = new Types.ObjectId(user.id);
    const key = { complainantId, idempotencyKey: input.idempotencyKey };
    const replay = async (): Promise<ComplaintView | undefined> => {
      const existing = await this.complaints.findOne(key).lean();
      if (!existing) return undefined;
      if (existing.fingerprint !== print) throw new BizError('COMPLAINT_KEY_REUSED', undefined, 'idempotencyKey');
      return toView(existing, now);
    };
    const earlier = await replay();
    if (earlier) return earlier;

    const target = await this.resolveTarget(input);
    const me = await this.db.model(UserModel).findById(user.id, { profile: 1, nickname: 1 }).lean();
    if (!me) throw new BizError('UNAUTHENTICATED');
    const sealed = this.pii.seal(phone);
    const entry: StoredComplaintEvent = { at: now, action: 'submit', actorRole: 'complainant', actorId: user.id };
    try {
      const created = await this.complaints.create({
        ...key,
        complainantName: me.profile?.name || me.nickname,
        fingerprint: print,
        category: input.category,
        ...target,
        partyName: input.partyName?.trim() || undefined,
        description: input.description.trim(),
        phoneEnc: sealed.enc,
        phoneHash: sealed.hash,
        phoneMasked: maskPhone(phone),
        evidence: [],
        status: 'submitted',
        dueAt: triageDue(now),
        jobFrozen: false,
        enterpriseFrozen: false,
        timeline: [entry],
      });
      return toView(created.toObject(), now);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const winner = await replay();
      if (!winner) throw err;
      return winner;
    }
  }

  /** The job and enterprise complained about (either implies the district), or a named party with a district. */
  private async resolveTarget(input: ComplaintInput): Promise<Partial<ComplaintDoc> & { district: string }> {
    const out: Partial<ComplaintDoc> = {};
    let district: string | undefined;
    if (input.jobId) {
      const job = await this.db.model(JobModel).findById(input.jobId, { title: 1, enterpriseId: 1, enterpriseName: 1, district: 1, status: 1 }).lean();
      if (!job || job.status === 'draft') throw new BizError('COMPLAINT_TARGET_INVALID', '所选岗位不存在', 'jobId');
      Object.assign(out, { jobId: job._id, jobTitle: job.title, enterpriseId: job.enterpriseId, enterpriseName: job.enterpriseName });
      district = job.district;
    }
    if (input.enterpriseId) {
      const enterprise = await this.db.model(EnterpriseModel).findById(input.enterpriseId, { name: 1, district: 1 }).lean();
      if (!enterprise) throw new BizError('COMPLAINT_TARGET_INVALID', '所选企业不存在', 'enterpriseId');
      if (out.enterpriseId && !out.enterpriseId.equals(enterprise._id)) {
        throw new BizError('COMPLAINT_TARGET_INVALID', '所选岗位不属于所选企业', 'enterpriseId');
      }
      Object.assign(out, { enterpriseId: enterprise._id, enterpriseName: enterprise.name });
      district ??= enterprise.district;
    }
    if (!out.jobId && !out.enterpriseId) {
      if (!input.partyName?.trim()) throw new BizError('COMPLAINT_TARGET_REQUIRED', undefined, 'partyName');
      if (!input.district) throw new BizError('COMPLAINT_TARGET_REQUIRED', '请选择事情发生的地区', 'district');
    }
    return { ...out, district: district ?? (input.district as string) };
  }

  async mine(user: AuthUser): Promise<ComplaintView[]> {
    const now = this.now();
    const docs = await this.complaints.find({ complainantId: new Types.ObjectId(user.id) }).sort({ createdAt: -1, _id: -1 }).limit(100).lean();
    return docs.map(d => toView(d, now));
  }

  async mineOne(user: AuthUser, id: string): Promise<ComplaintView> {
    const doc = await this.complaints.findOne({ _id: id, complainantId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('投诉');
    return toView(doc, this.now());
  }

  /**
   * Adds one evidence file while the complaint is open. The same bytes sent again (a retried upload)
   * are stored once; the count limit is part of the conditional update, so parallel uploads cannot pass it.
   */
  async addEvidence(user: AuthUser, id: string, file: { data: Buffer; type: ComplaintEvidenceType }): Promise<ComplaintView> {
    const now = this.now();
    const doc = await this.complaints.findOne({ _id: id, complainantId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('投诉');
    const hash = createHash('sha256').update(file.data).digest('hex');
    if (doc.evidence.some(e => e.hash === hash)) return toView(doc, now);
    if (!OPEN_STATUSES.includes(doc.status)) throw new BizError('COMPLAINT_NOT_OPEN');
    if (doc.evidence.length >= COMPLAINT_EVIDENCE_MAX_FILES) throw new BizError('COMPLAINT_EVIDENCE_LIMIT');
    const key = await this.storage.put('complaints', file.data, file.type === 'jpeg' ? 'jpg' : file.type);
    const stored = { id: randomBytes(8).toString('hex'), key, type: file.type, size: file.data.length, hash, uploadedAt: now };
    // Evidence sent with the complaint is part of it; later additions are news for the handler.
    const push: UpdateQuery<ComplaintDoc>['$push'] =
      doc.status === 'submitted'
        ? { evidence: stored }
        : { evidence: stored, timeline: { at: now, action: 'evidence', actorRole: 'complainant', actorId: user.id } };
    const updated = await this.complaints
      .findOneAndUpdate(
        {
          _id: doc._id,
          status: { $in: OPEN_STATUSES },
          'evidence.hash': { $ne: hash },
          $expr: { $lt: [{ $size: '$evidence' }, COMPLAINT_EVIDENCE_MAX_FILES] },
        },
        { $push: push },
        { new: true },
      )
      .lean();
    if (updated) return toView(updated, now);
    await this.storage.remove(key);
    const current = await this.complaints.findById(doc._id).lean();
    if (current?.evidence.some(e => e.hash === hash)) return toView(current, now);
    if (current && !OPEN_STATUSES.includes(current.status)) throw new BizError('COMPLAINT_NOT_OPEN');
    throw new BizError('COMPLAINT_EVIDENCE_LIMIT');
  }

  /** The bytes of one evidence file, for the complainant or staff whose scope covers the complaint. */
  async evidenceFile(user: AuthUser, id: string, evidenceId: string): Promise<{ data: Buffer; type: ComplaintEvidenceType }> {
    const doc = await this.complaints.findById(id, { complainantId: 1, district: 1, evidence: 1 }).lean();
    if (!doc) throw notFound('投诉');
    if (!doc.complainantId.equals(user.id) && !inScope(user, doc.district)) throw new BizError('OUT_OF_SCOPE');
    const file = doc.evidence.find(e => e.id === evidenceId);
    if (!file) throw notFound('证据');
    return { data: await this.storage.get(file.key), type: file.type };
  }

  // ---------------------------------------------------------------- staff

  private async loadInScope(user: AuthUser, id: string): Promise<ComplaintDoc> {
    const doc = await this.complaints.findById(id).lean();
    if (!doc) throw notFound('投诉');
    if (!inScope(user, doc.district)) throw new BizError('OUT_OF_SCOPE');
    return doc;
  }

  /** District staff see their district; the bureau sees all and may narrow to one district. */
  async queue(user: AuthUser, query: ComplaintQueueQuery & { limit: number }): Promise<Page<ComplaintStaffView>> {
    const now = this.now();
    const filter: FilterQuery<ComplaintDoc> = {};
    if (user.roles.includes('bureau')) {
      if (query.district) filter.district = query.district;
    } else {
      const own = user.scope.districtCode;
      if (!own) throw new BizError('FORBIDDEN');
      if (query.district && query.district !== own) throw new BizError('OUT_OF_SCOPE');
      filter.district = own;
    }
    if (query.category) filter.category = query.category;
    if (query.overdue) {
      if (query.status && !OPEN_STATUSES.includes(query.status)) return { items: [] };
      filter.status = query.status ?? { $in: OPEN_STATUSES };
      filter.dueAt = { $lt: now };
    } else if (query.status) {
      filter.status = query.status;
    }
    const where = query.cursor ? { $and: [filter, keysetAfter('createdAt', query.cursor, this.auth.tokenSecret)] } : filter;
    const docs = await this.complaints.find(where).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    return pageOf(docs, query.limit, d => toStaffView(d, now), 'createdAt', this.auth.tokenSecret);
  }

  async detail(user: AuthUser, id: string): Promise<ComplaintStaffView> {
    return toStaffView(await this.loadInScope(user, id), this.now());
  }

  /** Who a complaint can be assigned to: district staff of a district (the caller's own, for district staff) and the bureau. */
  async handlers(user: AuthUser, district?: DistrictCode): Promise<ComplaintHandler[]> {
    const users = this.db.model(UserModel);
    const projection = { roles: 1, scope: 1, profile: 1, nickname: 1 };
    if (!user.roles.includes('bureau')) {
      const own = user.scope.districtCode;
      if (!own) throw new BizError('FORBIDDEN');
      if (district && district !== own) throw new BizError('OUT_OF_SCOPE');
      const docs = await users.find({ roles: 'district', 'scope.districtCode': own }, projection).sort({ _id: 1 }).limit(100).lean();
      return docs.map(toHandler);
    }
    const districtFilter = district ? { roles: 'district', 'scope.districtCode': district } : { roles: 'district', 'scope.districtCode': { $exists: true } };
    const [bureau, districts] = await Promise.all([
      users.find({ roles: 'bureau' }, projection).sort({ _id: 1 }).limit(50).lean(),
      users.find(districtFilter, projection).sort({ _id: 1 }).limit(200).lean(),
    ]);
    return [...bureau, ...districts].map(toHandler);
  }

  /** Reveals the complainant's phone to staff in scope, so the handler can call back; audited. */
  async revealPhone(user: AuthUser, id: string, requestId?: string): Promise<{ phone: string }> {
    const doc = await this.loadInScope(user, id);
    await this.audit.record(user, { action: 'complaint.phone.reveal', targetType: 'complaint', targetId: id }, requestId);
    return { phone: this.pii.open(doc.phoneEnc) };
  }

  /**
   * One staff step, as a conditional update on the status that was read (plus `guard`), so of two
   * staff acting at once exactly one wins. A retry of a step that already took effect answers with
   * the current state instead of repeating it.
   */
  private async step(
    user: AuthUser,
    id: string,
    action: ComplaintAction,
    build: (doc: ComplaintDoc, now: Date) => Promise<Change> | Change,
    requestId?: string,
  ): Promise<ComplaintStaffView> {
    const now = this.now();
    const doc = await this.loadInScope(user, id);
    const to = nextStatus(action, doc.status);
    if (!to) {
      if (isReplay(doc, action, user)) return toStaffView(await this.notify(doc), now);
      throw new BizError('COMPLAINT_STATE_CHANGED', `投诉当前为“${COMPLAINT_STATUS_LABELS[doc.status]}”，不能${COMPLAINT_ACTION_LABELS[action]}`);
    }
    const change = await build(doc, now);
    // A retried step with nothing left to change may still owe the complainant its notice.
    if (change.noop) return toStaffView(await this.notify(doc), now);
    const entry: StoredComplaintEvent = { at: now, action, actorRole: staffRoleOf(user), actorId: user.id, note: change.note };
    const update: UpdateQuery<ComplaintDoc> = { $set: { ...change.set, status: to }, $push: { timeline: entry } };
    if (change.unset?.length) update.$unset = Object.fromEntries(change.unset.map(k => [k, 1]));
    const updated = await this.complaints.findOneAndUpdate({ _id: doc._id, status: doc.status, ...change.guard }, update, { new: true }).lean();
    if (!updated) {
      const current = await this.complaints.findById(doc._id).lean();
      if (current && isReplay(current, action, user)) return toStaffView(await this.notify(current), now);
      throw new BizError('COMPLAINT_STATE_CHANGED');
    }
    await this.audit.record(
      user,
      { action: `complaint.${action}`, targetType: 'complaint', targetId: id, from: doc.status, to, reason: change.note },
      requestId,
    );
    if (updated.status !== doc.status) await this.notify(updated);
    return toStaffView(updated, now);
  }

  /** Accepts (triages) or reassigns: the handler's district becomes the complaint's district. */
  async assign(user: AuthUser, id: string, input: ComplaintAssignInput, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(
      user,
      id,
      'assign',
      async (doc, now) => {
        const handler = await this.db.model(UserModel).findById(input.handlerId, { roles: 1, scope: 1, profile: 1, nickname: 1 }).lean();
        const isBureau = !!handler?.roles.includes('bureau');
        const isDistrict = !!handler?.roles.includes('district') && !!handler.scope.districtCode;
        if (!handler || (!isBureau && !isDistrict)) throw new BizError('COMPLAINT_HANDLER_INVALID', undefined, 'handlerId');
        const view = toHandler(handler);
        if (!user.roles.includes('bureau') && (view.role !== 'district' || view.districtCode !== user.scope.districtCode)) {
          throw new BizError('COMPLAINT_HANDLER_INVALID', '只能分派给本区市县的工作人员', 'handlerId');
        }
        const triaging = doc.status === 'submitted';
        const triagedAt = triaging ? now : (doc.triagedAt ?? now);
        let dueAt = triaging ? handlingDue(doc.category, now) : doc.dueAt;
        if (input.dueDate) {
          const chosen = checkDueDate(input.dueDate, triagedAt, now);
          if (!chosen) throw new BizError('COMPLAINT_DEADLINE_INVALID', undefined, 'dueDate');
          dueAt = chosen;
        }
        const sameHandler = doc.handlerId?.toHexString() === view.id;
        if (!triaging && sameHandler && dueAt?.getTime() === doc.dueAt?.getTime()) return { noop: true };
        const district = view.role === 'district' && view.districtCode ? view.districtCode : doc.district;
        return {
          set: {
            handlerId: handler._id,
            handlerName: view.name,
            handlerRole: view.role,
            handlerDistrict: view.districtCode,
            district,
            dueAt,
            triagedAt,
          },
          guard: { handlerId: doc.handlerId ?? { $exists: false } },
          note: `由${unitName(view.role, view.districtCode)}办理`,
        };
      },
      requestId,
    );
  }

  async investigate(user: AuthUser, id: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'investigate', () => ({}), requestId);
  }

  async setDeadline(user: AuthUser, id: string, input: { dueDate: string; reason: string }, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(
      user,
      id,
      'deadline',
      (doc, now) => {
        const dueAt = checkDueDate(input.dueDate, doc.triagedAt ?? now, now);
        if (!dueAt) throw new BizError('COMPLAINT_DEADLINE_INVALID', undefined, 'dueDate');
        if (dueAt.getTime() === doc.dueAt?.getTime()) return { noop: true };
        return { set: { dueAt }, guard: { dueAt: doc.dueAt }, note: `办理期限调整为 ${input.dueDate}：${input.reason.trim()}` };
      },
      requestId,
    );
  }

  async reply(user: AuthUser, id: string, reply: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(
      user,
      id,
      'reply',
      (_doc, now) => ({ set: { reply: reply.trim(), repliedAt: now }, unset: ['dueAt'], note: reply.trim() }),
      requestId,
    );
  }

  async close(user: AuthUser, id: string, note: string | undefined, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(user, id, 'close', (_doc, now) => ({ set: { closedAt: now }, note: note?.trim() || undefined }), requestId);
  }

  async reject(user: AuthUser, id: string, reason: string, requestId?: string): Promise<ComplaintStaffView> {
    return this.step(
      user,
      id,
      'reject',
      (_doc, now) => ({ set: { rejectReason: reason.trim(), closedAt: now }, unset: ['dueAt'], note: reason.trim() }),
      requestId,
    );
  }

  /**
   * Freezes the job or enterprise complained about. The complaint records its hold first, then the
   * target is frozen (idempotently), so a retry after a failure in between completes the freeze.
   */
  async freeze(user: AuthUser, id: string, input: ComplaintFreezeInput, requestId?: string): Promise<ComplaintStaffView> {
    const now = this.now();
    let doc = await this.loadInScope(user, id);
    const targetId = input.target === 'job' ? doc.jobId : doc.enterpriseId;
    if (!targetId) throw new BizError('COMPLAINT_NO_FREEZE_TARGET', undefined, 'target');
    const field = input.target === 'job' ? 'jobFrozen' : 'enterpriseFrozen';
    if (!doc[field]) {
      if (!FREEZABLE_STATUSES.includes(doc.status)) throw new BizError('COMPLAINT_STATE_CHANGED', '投诉已办结，不能再冻结');
      const note = `${input.target === 'job' ? '涉事岗位' : '涉事企业'}已冻结：${input.reason.trim()}`;
      const entry: StoredComplaintEvent = { at: now, action: 'freeze', actorRole: staffRoleOf(user), actorId: user.id, note };
      const updated = await this.complaints
        .findOneAndUpdate({ _id: doc._id, status: { $in: FREEZABLE_STATUSES }, [field]: { $ne: true } }, { $set: { [field]: true }, $push: { timeline: entry } }, { new: true })
        .lean();
      if (updated) {
        doc = updated;
        await this.audit.record(user, { action: `complaint.freeze.${input.target}`, targetType: 'complaint', targetId: id, from: 'unfrozen', to: 'frozen', reason: input.reason }, requestId);
      } else {
        const current = await this.complaints.findById(doc._id).lean();
        if (!current?.[field]) throw new BizError('COMPLAINT_STATE_CHANGED');
        doc = current;
      }
    }
    if (input.target === 'job') await this.freezer.freezeJob(targetId);
    else await this.freezer.freezeEnterprise(targetId, now);
    return toStaffView(doc, now);
  }

  /** Releases this complaint's hold; the target thaws only when no other complaint holds it. */
  async unfreeze(user: AuthUser, id: string, input: ComplaintFreezeInput, requestId?: string): Promise<ComplaintStaffView> {
    const now = this.now();
    let doc = await this.loadInScope(user, id);
    const targetId = input.target === 'job' ? doc.jobId : doc.enterpriseId;
    if (!targetId) throw new BizError('COMPLAINT_NO_FREEZE_TARGET', undefined, 'target');
    const field = input.target === 'job' ? 'jobFrozen' : 'enterpriseFrozen';
    if (doc[field]) {
      const note = `${input.target === 'job' ? '涉事岗位' : '涉事企业'}解除冻结：${input.reason.trim()}`;
      const entry: StoredComplaintEvent = { at: now, action: 'unfreeze', actorRole: staffRoleOf(user), actorId: user.id, note };
      const updated = await this.complaints
        .findOneAndUpdate({ _id: doc._id, [field]: true }, { $set: { [field]: false }, $push: { timeline: entry } }, { new: true })
        .lean();
      if (updated) {
        doc = updated;
        await this.audit.record(user, { action: `complaint.unfreeze.${input.target}`, targetType: 'complaint', targetId: id, from: 'frozen', to: 'unfrozen', reason: input.reason }, requestId);
      } else {
        const current = await this.complaints.findById(doc._id).lean();
        if (!current || current[field]) throw new BizError('COMPLAINT_STATE_CHANGED');
        doc = current;
      }
    }
    if (input.target === 'job') {
      if (!(await this.complaints.exists({ jobId: targetId, jobFrozen: true }))) {
        const enterpriseHeld = !!doc.enterpriseId && !!(await this.complaints.exists({ enterpriseId: doc.enterpriseId, enterpriseFrozen: true }));
        await this.freezer.unfreezeJob(targetId, enterpriseHeld);
      }
    } else if (!(await this.complaints.exists({ enterpriseId: targetId, enterpriseFrozen: true }))) {
      const held = await this.complaints.distinct('jobId', { enterpriseId: targetId, jobFrozen: true });
      await this.freezer.unfreezeEnterprise(targetId, held.filter((v): v is Types.ObjectId => v instanceof Types.ObjectId));
    }
    return toStaffView(doc, now);
  }

  noticeConfig(): ComplaintNoticeConfig {
    const templateId = COMPLAINT_TEMPLATE_ID();
    return templateId && this.wechat.configured ? { templateId } : {};
  }

  /**
   * Tells the complainant about the status the complaint is in: an inbox item, and a subscribe-message
   * notice where they hold a credit. Once per (complaint, status): the inbox id derives from that key and
   * the WeChat send is claimed in the complaint first, so a retried step repairs without repeating.
   */
  private async notify(doc: ComplaintDoc): Promise<ComplaintDoc> {
    const notice = complaintNotice({ id: doc._id.toHexString(), status: doc.status, categoryLabel: COMPLAINT_CATEGORY_LABELS[doc.category], timeline: doc.timeline });
    if (!notice) return doc;
    await this.pushes.addToInbox([doc.complainantId], notice.key, { source: 'complaint', title: notice.title, summary: notice.summary, page: notice.page });
    const { templateId } = this.noticeConfig();
    if (!templateId) return doc;
    const claimed = await this.complaints.updateOne({ _id: doc._id, noticeKeys: { $ne: notice.key } }, { $push: { noticeKeys: notice.key } });
    if (claimed.modifiedCount !== 1) return doc;
    const n = deliveryId(eventPushId(notice.key), doc.complainantId).toHexString();
    const outcome = await this.notices.sendToUser(doc.complainantId, templateId, `${notice.page}&n=${n}`, {
      thing1: notice.title,
      phrase2: COMPLAINT_STATUS_LABELS[doc.status],
      thing3: notice.note,
    });
    // A transport failure may be retried by a repeat of the step; a refusal (no credit) is final.
    if (outcome === 'failed') await this.complaints.updateOne({ _id: doc._id }, { $pull: { noticeKeys: notice.key } });
    return doc;
  }

  // ---------------------------------------------------------------- hotlines

  async hotlines(): Promise<ComplaintHotline[]> {
    const docs = await this.db.model(HotlineModel).find({}).lean();
    const order = ['city', ...DISTRICTS.map(d => d.code)];
    return docs.sort((a, b) => order.indexOf(a.district) - order.indexOf(b.district)).map(toHotline);
  }

  async updateHotline(user: AuthUser, district: DistrictCode | 'city', input: ComplaintHotlineInput, requestId?: string): Promise<ComplaintHotline> {
    const phone = input.phone.trim();
    if (!isHotlineNumber(phone)) throw new BizError('PHONE_INVALID', '电话格式不正确，如 0411-12345678 或 12333', 'phone');
    const before = await this.db.model(HotlineModel).findOne({ district }).lean();
    const doc = await this.db
      .model(HotlineModel)
      .findOneAndUpdate(
        { district },
        { $set: { name: input.name.trim(), phone, hours: input.hours.trim(), example: false, updatedBy: user.id } },
        { upsert: true, new: true },
      )
      .lean();
    if (!doc) throw new BizError('CONFLICT');
    await this.audit.record(
      user,
      { action: 'complaint.hotline.update', targetType: 'complaintHotline', targetId: district, from: before ? `${before.name} ${before.phone}` : undefined, to: `${doc.name} ${doc.phone}` },
      requestId,
    );
    return toHotline(doc);
  }
}

function toHotline(doc: HotlineDoc): ComplaintHotline {
  return {
    district: doc.district as DistrictCode | 'city',
    districtName: districtName(doc.district),
    name: doc.name,
    phone: doc.phone,
    hours: doc.hours,
    example: doc.example,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** The step already happened, by this person, as the last thing on the complaint: a retried request. */
function isReplay(doc: ComplaintDoc, action: ComplaintAction, user: AuthUser): boolean {
  const last = doc.timeline[doc.timeline.length - 1];
  return !!last && last.action === action && last.actorId === user.id;
}
