import { Autoload, Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Page } from '../../contract/common';
import type { EnterpriseDecision, EnterpriseInput, EnterpriseStatus, EnterpriseView } from '../../contract/job';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { RevealLogService } from '../privacy/reveal.service';
import { ModerationService } from '../moderation/moderation.service';
import { ReferenceService } from '../reference/reference.service';
import { UserService } from '../user/user.service';
import { StandingService } from './standing.service';
import { verifyRefusal } from './enterprise.rules';
import { EnterpriseModel, type EnterpriseDoc } from './enterprise.model';
import { ENTERPRISE_SEEDS, type EnterpriseSeedKey } from './enterprise.seed';
import { isValidUscc, normaliseUscc } from '../../contract/uscc';
import { FileStorage } from '../../core/files/storage';
import type { SeedCounter, SeedLog } from '../../core/demo';

export type { EnterpriseDoc, EnterpriseSeedKey };

export function toEnterpriseView(doc: EnterpriseDoc): EnterpriseView {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    uscc: doc.uscc,
    district: doc.district,
    industry: doc.industry,
    size: doc.size,
    ownership: doc.ownership,
    chainTags: doc.chainTags,
    category: doc.category,
    status: doc.status,
    rejectReason: doc.rejectReason,
    recruiterCount: doc.recruiterIds.length,
    hasLicence: Boolean(doc.licenceKey),
    createdAt: doc.createdAt.toISOString(),
  };
}

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class EnterpriseService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private reference!: ReferenceService;

  @Inject()
  private users!: UserService;

  @Inject()
  private reveals!: RevealLogService;

  @Inject()
  private moderation!: ModerationService;

  @Inject()
  private standing!: StandingService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Licence files are the enterprise records' (the orphan sweep asks; @Autoload so a worker has it). */
  @Init()
  init(): void {
    this.storage.registerReferences('licences', 'enterprise', async keys =>
      (await this.enterprises.find({ licenceKey: { $in: keys } }, { licenceKey: 1 }).lean()).map(d => d.licenceKey ?? ''),
    );
  }

  private get enterprises() {
    return this.db.model(EnterpriseModel);
  }

  async byId(id: string | Types.ObjectId): Promise<EnterpriseDoc | null> {
    if (typeof id === 'string' && !Types.ObjectId.isValid(id)) return null;
    return this.enterprises.findById(id).lean();
  }

  /** Enterprises these users registered (older jobs name no poster: the registrant answers for them). */
  async registeredBy(userIds: readonly Types.ObjectId[]): Promise<Types.ObjectId[]> {
    return (await this.enterprises.find({ registeredBy: { $in: [...userIds] } }, { _id: 1 }).lean()).map(d => d._id);
  }

  async recruitersOf(enterpriseId: Types.ObjectId): Promise<Types.ObjectId[]> {
    const doc = await this.enterprises.findById(enterpriseId, { recruiterIds: 1 }).lean();
    return doc?.recruiterIds ?? [];
  }

  async isVerified(enterpriseId: Types.ObjectId): Promise<boolean> {
    return Boolean(await this.enterprises.exists({ _id: enterpriseId, status: 'verified' }));
  }

  /** Whether an employer named on a form is a verified enterprise here: by credit code when given, else by exact name. */
  async isVerifiedEmployer(employer: { uscc?: string; name?: string }): Promise<boolean> {
    const filter = employer.uscc ? { uscc: employer.uscc, status: 'verified' } : { name: employer.name, status: 'verified' };
    return Boolean(await this.enterprises.exists(filter));
  }

  /** A complaint's freeze: idempotent; the first freeze's time stays. */
  async markFrozen(enterpriseId: Types.ObjectId, at: Date): Promise<void> {
    await this.enterprises.updateOne({ _id: enterpriseId, frozenAt: { $exists: false } }, { $set: { frozenAt: at } });
  }

  async clearFrozen(enterpriseId: Types.ObjectId): Promise<void> {
    await this.enterprises.updateOne({ _id: enterpriseId }, { $unset: { frozenAt: 1 } });
  }

  /** The caller's enterprise, or null when they have not registered or joined one. */
  async findMine(user: AuthUser): Promise<EnterpriseDoc | null> {
    return this.enterprises.findOne({ recruiterIds: new Types.ObjectId(user.id) }).lean();
  }

  async requireMine(user: AuthUser): Promise<EnterpriseDoc> {
    const doc = await this.findMine(user);
    if (!doc) throw new BizError('ENTERPRISE_REQUIRED');
    return doc;
  }

  async requireVerified(user: AuthUser): Promise<EnterpriseDoc> {
    const doc = await this.requireMine(user);
    if (doc.status !== 'verified') throw new BizError('ENTERPRISE_NOT_VERIFIED');
    if (doc.frozenAt) throw new BizError('ENTERPRISE_FROZEN');
    if (doc.abnormalAt) throw new BizError('ABNORMAL_LISTED', '企业已被列入异常名录，不能发布岗位');
    return doc;
  }

  async mine(user: AuthUser): Promise<EnterpriseView> {
    return toEnterpriseView(await this.requireMine(user));
  }

  /**
   * Registers the caller's enterprise. A rejected enterprise may be corrected and resubmitted
   * by its recruiters; a recruiter belongs to one enterprise.
   */
  async register(user: AuthUser, input: EnterpriseInput): Promise<EnterpriseView> {
    const uscc = normaliseUscc(input.uscc);
    if (!isValidUscc(uscc)) throw new BizError('USCC_INVALID', undefined, 'uscc');
    await this.standing.refuseListedEnterprise(uscc);
    await this.reference.checkEnterprise({ ...input, chainTags: input.chainTags ?? [] });
    const me = new Types.ObjectId(user.id);
    const fields = { ...input, uscc, chainTags: input.chainTags ?? [] };
    const existing = await this.findMine(user);
    if (existing) {
      if (existing.status !== 'rejected') throw new BizError('CONFLICT', '您已登记企业，无需重复登记');
      const updated = await this.enterprises
        .findOneAndUpdate(
          { _id: existing._id, status: 'rejected' },
          { $set: { ...fields, status: 'pending' }, $unset: { rejectReason: 1 } },
          { new: true },
        )
        .lean();
      if (!updated) throw new BizError('CONFLICT');
      return toEnterpriseView(updated);
    }
    if (await this.enterprises.exists({ uscc })) {
      throw new BizError('CONFLICT', '该统一社会信用代码已登记，请联系本企业已有的招聘者邀请您加入', 'uscc');
    }
    const created = await this.enterprises.create({ ...fields, status: 'pending', recruiterIds: [me], registeredBy: me });
    return toEnterpriseView(created.toObject());
  }

  /** Adds another recruiter account to the caller's enterprise. */
  async addRecruiter(user: AuthUser, userId: string): Promise<EnterpriseView> {
    const mine = await this.requireMine(user);
    const target = await this.users.cardOf(userId);
    if (!target) throw notFound('用户');
    if (!target.roles.includes('recruiter')) throw new BizError('VALIDATION_FAILED', '该用户不是企业招聘者', 'userId');
    if (await this.enterprises.exists({ recruiterIds: target._id, _id: { $ne: mine._id } })) {
      throw new BizError('CONFLICT', '该用户已属于其他企业', 'userId');
    }
    const updated = await this.enterprises
      .findOneAndUpdate({ _id: mine._id }, { $addToSet: { recruiterIds: target._id } }, { new: true })
      .lean();
    if (!updated) throw notFound('企业');
    return toEnterpriseView(updated);
  }

  async listForReview(status: EnterpriseStatus, limit: number, cursor?: string): Promise<Page<EnterpriseView>> {
    const filter: Record<string, unknown> = { status };
    if (cursor) {
      const [id] = decodeCursor(cursor, this.auth.tokenSecret, 1);
      if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw new BizError('CURSOR_INVALID', undefined, 'cursor');
      filter._id = { $lt: new Types.ObjectId(id) };
    }
    const docs = await this.enterprises.find(filter).sort({ _id: -1 }).limit(limit + 1).lean();
    const rows = docs.slice(0, limit);
    return {
      items: rows.map(toEnterpriseView),
      nextCursor: docs.length > limit ? encodeCursor([rows[rows.length - 1]._id.toHexString()], this.auth.tokenSecret) : undefined,
    };
  }

  /** Bureau decision on a pending enterprise: a conditional update, so two reviewers cannot both decide. */
  async decide(actor: AuthUser, id: string, decision: EnterpriseDecision, requestId?: string): Promise<EnterpriseView> {
    const to: EnterpriseStatus = decision.decision === 'verify' ? 'verified' : 'rejected';
    if (to === 'verified') {
      const current = await this.enterprises.findById(id, { status: 1, licenceKey: 1 }).lean();
      if (!current) throw notFound('企业');
      const refusal = verifyRefusal(current);
      if (refusal) throw new BizError(refusal, undefined, refusal === 'ENTERPRISE_LICENCE_REQUIRED' ? 'licence' : undefined);
      // A licence the content check hid, or has not cleared, is not one a reviewer could have read.
      if (current.licenceKey) await this.moderation.requireVisible(current.licenceKey, actor.id);
    }
    const update =
      to === 'verified'
        ? { $set: { status: to, verifiedAt: new Date() }, $unset: { rejectReason: 1 } }
        : { $set: { status: to, rejectReason: decision.reason } };
    const filter = { _id: new Types.ObjectId(id), status: 'pending', ...(to === 'verified' ? { licenceKey: { $exists: true } } : {}) };
    const updated = await this.enterprises.findOneAndUpdate(filter, update, { new: true }).lean();
    if (!updated) {
      if (!(await this.enterprises.exists({ _id: new Types.ObjectId(id) }))) throw notFound('企业');
      throw new BizError('ENTERPRISE_ALREADY_DECIDED');
    }
    await this.audit.record(
      actor,
      { action: `enterprise.${decision.decision}`, targetType: 'enterprise', targetId: id, from: 'pending', to, reason: decision.reason },
      requestId,
    );
    return toEnterpriseView(updated);
  }

  /** Replaces the licence image; a verified enterprise's licence is fixed. */
  async saveLicence(user: AuthUser, data: Buffer, ext: 'png' | 'jpg'): Promise<EnterpriseView> {
    const mine = await this.requireMine(user);
    if (mine.status === 'verified') throw new BizError('CONFLICT', '企业已通过审核，如需更换营业执照请联系工作人员');
    const key = await this.storage.put('licences', data, ext);
    // Checked before the record points at it: staff see it once the content check cleared it.
    await this.moderation.submit({ key, ownerId: user.id, purpose: 'licence', type: ext === 'png' ? 'png' : 'jpeg', subjectId: mine._id.toHexString() });
    const updated = await this.enterprises
      .findOneAndUpdate({ _id: mine._id, status: { $ne: 'verified' } }, { $set: { licenceKey: key } }, { new: false })
      .lean();
    if (!updated) {
      await this.storage.remove(key);
      await this.moderation.forget(key);
      throw new BizError('CONFLICT');
    }
    if (updated.licenceKey) {
      await this.storage.remove(updated.licenceKey);
      await this.moderation.forget(updated.licenceKey);
    }
    return toEnterpriseView({ ...updated, licenceKey: key });
  }

  /** Staff open a licence (it names the legal representative): its recruiters see the view in their records. */
  async licenceOf(actor: AuthUser, id: string, requestId?: string): Promise<{ data: Buffer; type: string; fileName: string }> {
    const doc = await this.enterprises.findById(id, { name: 1, licenceKey: 1, recruiterIds: 1 }).lean();
    if (!doc?.licenceKey) throw notFound('营业执照');
    await this.moderation.requireVisible(doc.licenceKey, actor.id);
    await this.reveals.record(
      actor,
      { subjectIds: doc.recruiterIds, kind: 'licence', purpose: '审核企业资质', targetType: 'enterprise', targetId: id },
      requestId,
    );
    const png = doc.licenceKey.endsWith('.png');
    return { data: await this.storage.get(doc.licenceKey), type: png ? 'image/png' : 'image/jpeg', fileName: `营业执照-${doc.name}.${png ? 'png' : 'jpg'}` };
  }

  // ---------------------------------------------------------------- demo data

  /** The demo enterprises, verified; inserted once by seed key and never overwritten. */
  async seedDemo(count: SeedCounter, log: SeedLog): Promise<void> {
    for (const seed of ENTERPRISE_SEEDS) {
      const result = await this.enterprises.updateOne(
        { seedKey: seed.seedKey },
        { $setOnInsert: { ...seed, chainTags: [...seed.chainTags], status: 'verified' } },
        { upsert: true },
      );
      count('enterprises', result.upsertedCount > 0);
    }
    log(`enterprises: ${ENTERPRISE_SEEDS.length} (示例)`);
  }

  /** Seeded demo enterprises by seed key (those present). */
  async seeded(keys: readonly string[]): Promise<Map<string, EnterpriseDoc>> {
    const docs = await this.enterprises.find({ seedKey: { $in: [...keys] } }).lean();
    return new Map(docs.flatMap(d => (d.seedKey ? [[d.seedKey, d] as const] : [])));
  }

  async addDemoRecruiter(seedKey: string, userId: Types.ObjectId): Promise<void> {
    await this.enterprises.updateOne({ seedKey }, { $addToSet: { recruiterIds: userId } });
  }
}
