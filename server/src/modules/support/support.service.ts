import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { JobSummary } from '../../contract/job';
import type { DistrictCode } from '../../contract/reference';
import type { RecommendedJob, SupportCaseView, SupportRates, SupportServiceKind } from '../../contract/support';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { JobService } from '../job/job.service';
import type { MatchProfile } from '../job/job.rules';
import { GraduateModel } from '../registry/registry.model';
import { UserModel } from '../user/user.model';
import { overdueReasons, progress1311, sameJobSet, supportRates } from './support.rules';
import { SupportCaseModel, type SupportCaseDoc } from './support.model';

const CASE_LIST_LIMIT = 500;
/** A second identical write within this window is taken for a retry of the first. */
const RETRY_WINDOW_MS = 10 * 60 * 1000;

@Provide()
@Scope(ScopeEnum.Singleton)
export class SupportService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private jobService!: JobService;

  private get cases() {
    return this.db.model(SupportCaseModel);
  }

  private async jobsById(ids: Types.ObjectId[]): Promise<Map<string, RecommendedJob>> {
    const db = this.db.connection.db;
    if (!db || !ids.length) return new Map();
    const docs = await db
      .collection('jobs')
      .find({ _id: { $in: ids } }, { projection: { title: 1, enterpriseName: 1 } })
      .toArray();
    return new Map(docs.map(d => [String(d._id), { id: String(d._id), title: String(d.title ?? ''), enterpriseName: String(d.enterpriseName ?? '') }]));
  }

  private async view(doc: SupportCaseDoc, now = new Date()): Promise<SupportCaseView> {
    const jobs = await this.jobsById(doc.rounds.flatMap(r => r.jobIds));
    return {
      id: doc._id.toHexString(),
      name: doc.name,
      districtCode: doc.districtCode as DistrictCode,
      registeredBy: doc.registeredBy,
      linked: Boolean(doc.studentId),
      caseworkerId: doc.caseworkerId?.toHexString(),
      intention: doc.intention,
      plan: doc.plan,
      services: doc.services.map(s => ({ kind: s.kind, note: s.note, at: s.at.toISOString() })),
      rounds: doc.rounds.map(r => ({
        at: r.at.toISOString(),
        jobs: r.jobIds.map(id => jobs.get(String(id)) ?? { id: String(id), title: '岗位已下架', enterpriseName: '' }),
      })),
      progress: progress1311(doc),
      overdue: overdueReasons(doc, now),
      createdAt: doc.createdAt.toISOString(),
    };
  }

  /** A student registers themself as an unemployed leaver (离校未就业). */
  async registerSelf(actor: AuthUser, districtCode: DistrictCode, intention = ''): Promise<SupportCaseView> {
    const studentId = new Types.ObjectId(actor.id);
    const user = await this.db.model(UserModel).findById(studentId, { nickname: 1, profile: 1, idNumberHash: 1 }).lean();
    if (!user) throw new BizError('UNAUTHENTICATED');
    const graduate = user.idNumberHash ? await this.db.model(GraduateModel).findOne({ idNumberHash: user.idNumberHash }, { _id: 1 }).sort({ graduationYear: -1 }).lean() : null;
    try {
      const doc = await this.cases.create({
        studentId,
        ...(graduate ? { graduateId: graduate._id } : {}),
        name: user.profile?.name || user.nickname,
        districtCode,
        registeredBy: 'self',
        intention,
      });
      return this.view(doc.toObject());
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new BizError('SUPPORT_ALREADY_REGISTERED');
      throw err;
    }
  }

  /** District staff register a graduate from the registry; the case lands in their district. */
  async registerByStaff(actor: AuthUser, graduateId: string, intention = '', requestId?: string): Promise<SupportCaseView> {
    const districtCode = this.ownDistrict(actor);
    const graduate = await this.db.model(GraduateModel).findById(graduateId, { name: 1, userId: 1 }).lean();
    if (!graduate) throw notFound('毕业生记录');
    try {
      const doc = await this.cases.create({
        graduateId: graduate._id,
        ...(graduate.userId ? { studentId: graduate.userId } : {}),
        name: graduate.name,
        districtCode,
        registeredBy: 'staff',
        caseworkerId: new Types.ObjectId(actor.id),
        intention,
      });
      await this.audit.record(actor, { action: 'support.register', targetType: 'support_case', targetId: doc._id.toHexString(), to: 'open' }, requestId);
      return this.view(doc.toObject());
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new BizError('SUPPORT_ALREADY_REGISTERED');
      throw err;
    }
  }

  async mine(actor: AuthUser): Promise<SupportCaseView | undefined> {
    const doc = await this.cases.findOne({ studentId: new Types.ObjectId(actor.id) }).lean<SupportCaseDoc>();
    return doc ? this.view(doc) : undefined;
  }

  private ownDistrict(actor: AuthUser): DistrictCode {
    if (!actor.roles.includes('district') || !actor.scope.districtCode) throw new BizError('FORBIDDEN');
    return actor.scope.districtCode as DistrictCode;
  }

  /** District staff see their district; the bureau any (optionally one district). */
  private districtFilter(actor: AuthUser, requested?: DistrictCode): FilterQuery<SupportCaseDoc> {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return requested ? { districtCode: requested } : {};
    const own = this.ownDistrict(actor);
    if (requested && requested !== own) throw new BizError('OUT_OF_SCOPE');
    return { districtCode: own };
  }

  async list(actor: AuthUser, query: { overdue?: boolean; mine?: boolean; districtCode?: DistrictCode }): Promise<SupportCaseView[]> {
    const filter = this.districtFilter(actor, query.districtCode);
    if (query.mine) filter.caseworkerId = new Types.ObjectId(actor.id);
    const docs = await this.cases.find(filter).sort({ createdAt: -1, _id: -1 }).limit(CASE_LIST_LIMIT).lean<SupportCaseDoc[]>();
    const now = new Date();
    const views = await Promise.all(docs.map(d => this.view(d, now)));
    return query.overdue ? views.filter(v => v.overdue.length > 0) : views;
  }

  async rates(actor: AuthUser, districtCode?: DistrictCode): Promise<SupportRates> {
    const filter = this.districtFilter(actor, districtCode);
    const docs = await this.cases.find(filter, { createdAt: 1, caseworkerId: 1, closed: 1, services: 1, rounds: 1 }).lean<SupportCaseDoc[]>();
    return { ...(filter.districtCode ? { districtCode: filter.districtCode as DistrictCode } : {}), ...supportRates(docs, new Date()) };
  }

  /** One case file (一人一档): district staff of its district, or the bureau. */
  async detail(actor: AuthUser, id: string): Promise<SupportCaseView> {
    const doc = await this.cases.findById(id).lean<SupportCaseDoc>();
    if (!doc) throw notFound('帮扶档案');
    this.districtFilter(actor, doc.districtCode as DistrictCode);
    return this.view(doc);
  }

  /**
   * Open jobs matched to the person (the feed's scoring), for the caseworker to pick a round from:
   * the student's own profile when the case has an account, else the registry record and the case's intention.
   */
  async matches(actor: AuthUser, id: string, limit: number): Promise<JobSummary[]> {
    const doc = await this.forStaff(actor, id);
    let profile: MatchProfile = {};
    if (doc.studentId) {
      const user = await this.db.model(UserModel).findById(doc.studentId, { profile: 1 }).lean();
      profile = user?.profile ?? {};
    }
    if (!profile.major && doc.graduateId) {
      const g = await this.db.model(GraduateModel).findById(doc.graduateId, { major: 1, degree: 1 }).lean();
      if (g) profile = { ...profile, major: g.major, degree: g.degree };
    }
    profile = {
      ...profile,
      intentionText: [profile.intentionText, doc.intention].filter(Boolean).join(' '),
      intentionDistricts: profile.intentionDistricts?.length ? profile.intentionDistricts : [doc.districtCode as DistrictCode],
    };
    return this.jobService.matchesFor(profile, limit, doc.rounds.flatMap(r => r.jobIds.map(String)));
  }

  /** Loads a case the caller may act on: district staff of its district only. */
  private async forStaff(actor: AuthUser, id: string): Promise<SupportCaseDoc> {
    const own = this.ownDistrict(actor);
    const doc = await this.cases.findById(id).lean<SupportCaseDoc>();
    if (!doc) throw notFound('帮扶档案');
    if (doc.districtCode !== own) throw new BizError('OUT_OF_SCOPE');
    if (doc.closed) throw new BizError('SUPPORT_CASE_CLOSED');
    return doc;
  }

  private requireCaseworker(actor: AuthUser, doc: SupportCaseDoc): void {
    if (!doc.caseworkerId || doc.caseworkerId.toHexString() !== actor.id) throw new BizError('SUPPORT_NOT_CASEWORKER');
  }

  /** A district staff member takes the case as its caseworker (only while it has none). */
  async claim(actor: AuthUser, id: string, requestId?: string): Promise<SupportCaseView> {
    const doc = await this.forStaff(actor, id);
    const updated = await this.cases
      .findOneAndUpdate({ _id: doc._id, caseworkerId: { $exists: false } }, { $set: { caseworkerId: new Types.ObjectId(actor.id) } }, { new: true })
      .lean<SupportCaseDoc>();
    if (!updated) throw new BizError('CONFLICT', '该档案已有责任人');
    await this.audit.record(actor, { action: 'support.claim', targetType: 'support_case', targetId: id, to: actor.id }, requestId);
    return this.view(updated);
  }

  async setPlan(actor: AuthUser, id: string, plan: string, requestId?: string): Promise<SupportCaseView> {
    const doc = await this.forStaff(actor, id);
    this.requireCaseworker(actor, doc);
    const updated = await this.cases.findByIdAndUpdate(doc._id, { $set: { plan } }, { new: true }).lean<SupportCaseDoc>();
    await this.audit.record(actor, { action: 'support.plan', targetType: 'support_case', targetId: id, from: doc.plan, to: plan }, requestId);
    return this.view(updated ?? doc);
  }

  async addService(actor: AuthUser, id: string, kind: SupportServiceKind, note: string, requestId?: string): Promise<SupportCaseView> {
    const doc = await this.forStaff(actor, id);
    this.requireCaseworker(actor, doc);
    const last = doc.services[doc.services.length - 1];
    // A retried request (same service, same note, within minutes) is the same record, not a second one.
    if (last && last.kind === kind && last.note === note && Date.now() - last.at.getTime() < RETRY_WINDOW_MS) return this.view(doc);
    const entry = { kind, note, at: new Date(), by: new Types.ObjectId(actor.id) };
    const updated = await this.cases
      .findOneAndUpdate({ _id: doc._id, services: { $size: doc.services.length } }, { $push: { services: entry } }, { new: true })
      .lean<SupportCaseDoc>();
    if (!updated) return this.addService(actor, id, kind, note, requestId);
    await this.audit.record(actor, { action: `support.service.${kind}`, targetType: 'support_case', targetId: id, reason: note }, requestId);
    return this.view(updated);
  }

  /** One recommendation round: only published jobs, sent to the student's case where they can apply. */
  async recommend(actor: AuthUser, id: string, jobIds: string[], requestId?: string): Promise<SupportCaseView> {
    const doc = await this.forStaff(actor, id);
    this.requireCaseworker(actor, doc);
    const ids = jobIds.map(j => new Types.ObjectId(j));
    const db = this.db.connection.db;
    if (!db) throw new Error('database not open');
    const open = await db.collection('jobs').countDocuments({ _id: { $in: ids }, status: 'published' });
    if (open !== ids.length) throw new BizError('SUPPORT_JOB_UNAVAILABLE', undefined, 'jobIds');
    const last = doc.rounds[doc.rounds.length - 1];
    // The same jobs again within minutes is a retry of the round just recorded.
    if (last && sameJobSet(last.jobIds, ids) && Date.now() - last.at.getTime() < RETRY_WINDOW_MS) return this.view(doc);
    const round = { at: new Date(), by: new Types.ObjectId(actor.id), jobIds: ids };
    const updated = await this.cases
      .findOneAndUpdate({ _id: doc._id, rounds: { $size: doc.rounds.length } }, { $push: { rounds: round } }, { new: true })
      .lean<SupportCaseDoc>();
    if (!updated) return this.recommend(actor, id, jobIds, requestId);
    await this.audit.record(actor, { action: 'support.recommend', targetType: 'support_case', targetId: id, detail: { jobIds } }, requestId);
    return this.view(updated ?? doc);
  }
}
