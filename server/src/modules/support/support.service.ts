import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { JobSummary } from '../../contract/job';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import type {
  Caseworker,
  RecommendedJob,
  StaffRegisterRequest,
  StaffRegisterResult,
  SupportCaseView,
  SupportNoticeConfig,
  SupportRates,
  SupportServiceKind,
} from '../../contract/support';
import { Database } from '../../core/database';
import type { NoticeOutboxEntry } from '../../core/notice-outbox';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { JobService, type MatchProfile } from '../job/job.service';
import { NoticeService } from '../notice/notice.service';
import { ConsentService } from '../privacy/consent.service';
import { RegistryService, toGraduateView, type GraduateDoc } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import {
  NOTIFIED_SERVICES,
  overdueReasons,
  progress1311,
  sameJobSet,
  supportRates,
  unemployedSince,
} from './support.rules';
import { SupportCaseModel, type SupportCaseDoc } from './support.model';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { beijingDay, DAY_MS } from '../../contract/time';

const CASE_LIST_LIMIT = 500;
/** A second identical write within this window is taken for a retry of the first. */
const RETRY_WINDOW_MS = 10 * 60 * 1000;
const CASEWORKER_LIST_LIMIT = 200;


function districtLabel(code: string): string {
  return DISTRICTS.find(d => d.code === code)?.name ?? code;
}

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class SupportService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private jobService!: JobService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private users!: UserService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private consents!: ConsentService;

  private get cases() {
    return this.db.model(SupportCaseModel);
  }

  /** “1311” cases opened in [from, to) and those with at least one visit, in one district or the city. */
  async caseCounts(from: Date, to: Date, districtCode?: string): Promise<{ cases: number; followedUp: number }> {
    const where: FilterQuery<SupportCaseDoc> = { createdAt: { $gte: from, $lt: to }, ...(districtCode ? { districtCode } : {}) };
    const [cases, followedUp] = await Promise.all([this.cases.countDocuments(where), this.cases.countDocuments({ ...where, 'services.kind': 'visit' })]);
    return { cases, followedUp };
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
    const user = await this.users.cardOf(studentId);
    if (!user) throw new BizError('UNAUTHENTICATED');
    // The profile's ID number finds the registry record only under the 1311 consent (a number saved before
    // consents were recorded is not used); without it the case opens unlinked and staff link it.
    const mayUseId = user.idNumberHash && (await this.consents.statusOf(actor.id, 'support')) === 'given';
    const graduateId = mayUseId && user.idNumberHash ? await this.registry.newestIdByIdHash(user.idNumberHash) : null;
    try {
      const doc = await this.cases.create({
        studentId,
        ...(graduateId ? { graduateId } : {}),
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

  /**
   * District staff (or the bureau) register an unemployed leaver: the registry record is found or
   * written, marked 暂未就业 since the date, and a case opens with its caseworker. Everything is
   * checked before anything is written; the same person again answers the case already open.
   */
  async registerByStaff(actor: AuthUser, input: StaffRegisterRequest, requestId?: string): Promise<StaffRegisterResult> {
    const isCity = actor.roles.includes('bureau') || actor.roles.includes('admin');
    const districtCode = this.targetDistrict(actor, input.districtCode);
    const caseworkerId = await this.caseworkerFor(actor, districtCode, input.caseworkerId, isCity);
    if (Boolean(input.graduateId) === Boolean(input.record)) {
      throw new BizError('VALIDATION_FAILED', '请从实名库中选择毕业生，或填写新建的实名库记录（二选一）', 'graduateId');
    }
    const today = new Date();
    const found = input.graduateId ? await this.registry.byId(input.graduateId) : undefined;
    const since = unemployedSince(input.unemployedSince, found?.graduationYear ?? input.record?.graduationYear ?? today.getUTCFullYear(), today);
    if (!since) throw new BizError('SUPPORT_UNEMPLOYED_DATE_INVALID', undefined, 'unemployedSince');

    const graduate = found ?? (input.record ? (await this.registry.createRecord(actor, input.record, requestId)).doc : undefined);
    if (!graduate) throw notFound('毕业生记录');
    const existing = await this.caseOf(graduate);
    if (existing) return this.existingCase(actor, existing, graduate, isCity);

    const marked = await this.registry.markUnemployed(actor, graduate._id, since, districtCode, requestId);
    try {
      const doc = await this.cases.create({
        graduateId: graduate._id,
        ...(marked.userId ? { studentId: marked.userId } : {}),
        name: graduate.name,
        districtCode,
        registeredBy: 'staff',
        caseworkerId,
        intention: (input.intention ?? '').trim() || graduate.intention,
      });
      await this.audit.record(
        actor,
        {
          action: 'support.register',
          targetType: 'support_case',
          targetId: doc._id.toHexString(),
          to: caseworkerId.toHexString(),
          detail: { graduateId: graduate._id.toHexString(), districtCode, unemployedSince: input.unemployedSince },
        },
        requestId,
      );
      return { created: true, case: await this.view(doc.toObject()), graduate: toGraduateView(marked) };
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      // Registered a moment ago by a concurrent request (or by the student themself).
      const raced = await this.caseOf(marked);
      if (!raced) throw err;
      return this.existingCase(actor, raced, marked, isCity);
    }
  }

  /** The case a registry record already has: by the record, or by the student account linked to it. */
  private async caseOf(graduate: Pick<GraduateDoc, '_id' | 'userId'>): Promise<SupportCaseDoc | null> {
    const or: Array<FilterQuery<SupportCaseDoc>> = [{ graduateId: graduate._id }];
    if (graduate.userId) or.push({ studentId: graduate.userId });
    return this.cases.findOne({ $or: or }).lean<SupportCaseDoc>();
  }

  private async existingCase(actor: AuthUser, doc: SupportCaseDoc, graduate: GraduateDoc, isCity: boolean): Promise<StaffRegisterResult> {
    if (!isCity && doc.districtCode !== actor.scope.districtCode) {
      throw new BizError('SUPPORT_ALREADY_REGISTERED', `该毕业生已在${districtLabel(doc.districtCode)}登记帮扶，无需重复登记`);
    }
    // A student who registered themself before any college import: attach the record now.
    const linked = doc.graduateId
      ? doc
      : ((await this.cases.findOneAndUpdate({ _id: doc._id, graduateId: { $exists: false } }, { $set: { graduateId: graduate._id } }, { new: true }).lean<SupportCaseDoc>()) ?? doc);
    return { created: false, case: await this.view(linked), graduate: toGraduateView(graduate) };
  }

  /** The district a registration goes to: district staff their own; the bureau must name one. */
  private targetDistrict(actor: AuthUser, requested?: DistrictCode): DistrictCode {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) {
      if (!requested) throw new BizError('SUPPORT_DISTRICT_REQUIRED', undefined, 'districtCode');
      return requested;
    }
    const own = this.ownDistrict(actor);
    if (requested && requested !== own) throw new BizError('OUT_OF_SCOPE');
    return own;
  }

  /** A caseworker must be district staff of the case's district; district staff default to themselves. */
  private async caseworkerFor(actor: AuthUser, districtCode: DistrictCode, requested: string | undefined, isCity: boolean): Promise<Types.ObjectId> {
    if (!requested) {
      if (isCity) throw new BizError('SUPPORT_CASEWORKER_INVALID', '请选择责任人', 'caseworkerId');
      return new Types.ObjectId(actor.id);
    }
    const worker = await this.users.cardOf(requested);
    const inDistrict = worker?.roles.includes('district') && worker.scope.districtCode === districtCode;
    if (!worker || !inDistrict) throw new BizError('SUPPORT_CASEWORKER_INVALID', undefined, 'caseworkerId');
    return worker._id;
  }

  /** District staff who can take cases: one's own district, or any district for the bureau. */
  async caseworkers(actor: AuthUser, districtCode?: DistrictCode): Promise<Caseworker[]> {
    const district = this.targetDistrict(actor, districtCode);
    const docs = await this.users.staffOf('district', CASEWORKER_LIST_LIMIT, district);
    return docs.map(u => ({ id: u._id.toHexString(), name: u.profile?.name || u.nickname, districtCode: district }));
  }

  noticeConfig(): SupportNoticeConfig {
    const templateId = this.notices.templateId('supportNotice');
    return templateId ? { templateId } : {};
  }

  /** Round and service notices a dead process did not get to are told by any live worker. */
  @Init()
  init(): void {
    this.notices.registerOutbox('support-case', this.cases);
  }

  /**
   * The `$push` fragment telling the student about a new round or service (inbox item, and a
   * subscribe message where they hold a credit): pushed onto the case's outbox in the same
   * conditional update as the round or service, keyed by its position, so it is told once. Empty
   * when the case has no student account yet.
   */
  private noticeOf(doc: SupportCaseDoc, what: 'round' | SupportServiceKind, position: number, detail: { jobs?: number; note?: string }, at: Date): { pendingNotices?: NoticeOutboxEntry } {
    if (!doc.studentId) return {};
    const caseId = doc._id.toHexString();
    const iso = at.toISOString();
    return {
      pendingNotices: this.notices.outboxEntry(
        [doc.studentId],
        what === 'round'
          ? { type: 'support.round', caseId, position, jobs: detail.jobs ?? 0, at: iso }
          : { type: 'support.service', caseId, position, kind: what, ...(detail.note ? { note: detail.note } : {}), at: iso },
        at,
      ),
    };
  }

  /**
   * The student's case; one staff opened from their registry record before they had an account
   * (or before the record was linked) is attached to them on first sight.
   */
  async mine(actor: AuthUser): Promise<SupportCaseView | undefined> {
    const studentId = new Types.ObjectId(actor.id);
    let doc = await this.cases.findOne({ studentId }).lean<SupportCaseDoc>();
    if (!doc) {
      await this.registry.mine(actor.id);
      const records = await this.registry.recordIdsOf(studentId);
      if (records.length) {
        doc = await this.cases
          .findOneAndUpdate({ graduateId: { $in: records }, studentId: { $exists: false } }, { $set: { studentId } }, { new: true })
          .lean<SupportCaseDoc>();
      }
    }
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
      profile = (await this.users.cardOf(doc.studentId))?.profile ?? {};
    }
    if (!profile.major && doc.graduateId) {
      const g = await this.registry.studiesOf(doc.graduateId);
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
    if (last && last.kind === kind && last.note === note && Date.now() - last.at.getTime() < RETRY_WINDOW_MS) {
      // Its notice was written with it; tell what a dead request left (a no-op once told).
      await this.notices.flush(this.cases, doc._id);
      return this.view(doc);
    }
    const entry = { kind, note, at: new Date(), by: new Types.ObjectId(actor.id) };
    const notice = NOTIFIED_SERVICES.includes(kind) ? this.noticeOf(doc, kind, doc.services.length + 1, { note }, entry.at) : {};
    const updated = await this.cases
      .findOneAndUpdate({ _id: doc._id, services: { $size: doc.services.length } }, { $push: { services: entry, ...notice } }, { new: true })
      .lean<SupportCaseDoc>();
    if (!updated) return this.addService(actor, id, kind, note, requestId);
    await this.audit.record(actor, { action: `support.service.${kind}`, targetType: 'support_case', targetId: id, reason: note }, requestId);
    if (notice.pendingNotices) await this.notices.flush(this.cases, doc._id);
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
    if (last && sameJobSet(last.jobIds, ids) && Date.now() - last.at.getTime() < RETRY_WINDOW_MS) {
      // Its notice was written with it; tell what a dead request left (a no-op once told).
      await this.notices.flush(this.cases, doc._id);
      return this.view(doc);
    }
    const round = { at: new Date(), by: new Types.ObjectId(actor.id), jobIds: ids };
    const notice = this.noticeOf(doc, 'round', doc.rounds.length + 1, { jobs: ids.length }, round.at);
    const updated = await this.cases
      .findOneAndUpdate({ _id: doc._id, rounds: { $size: doc.rounds.length } }, { $push: { rounds: round, ...notice } }, { new: true })
      .lean<SupportCaseDoc>();
    if (!updated) return this.recommend(actor, id, jobIds, requestId);
    await this.audit.record(actor, { action: 'support.recommend', targetType: 'support_case', targetId: id, detail: { jobIds } }, requestId);
    if (notice.pendingNotices) await this.notices.flush(this.cases, doc._id);
    return this.view(updated);
  }

  /**
   * The demo city's 1311 cases (`npm start` only, after its registry): one per 暂未就业 graduate of the year,
   * registered by staff; Ganjingzi's go to the demo district account, and about two in three have had a
   * follow-up visit, so the dashboard's 跟踪服务率 is a real figure. Idempotent by graduate.
   */
  async seedCityDemo(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    const year = Number(beijingDay(now).slice(0, 4));
    const leavers = await this.registry.unemployedOf(year, 2000);
    const caseworker = (await this.users.demoAccounts(['e-district'])).get('e-district');
    const at = new Date();
    const ops = leavers.map((g, i) => {
      const districtCode = g.destination?.districtCode ?? '210211';
      const since = g.destination?.date ?? now;
      const visit = i % 3 !== 2;
      const by = caseworker?._id ?? new Types.ObjectId();
      return {
        updateOne: {
          filter: { graduateId: g._id },
          update: {
            $setOnInsert: {
              graduateId: g._id,
              name: g.name,
              districtCode,
              registeredBy: 'staff',
              ...(districtCode === caseworker?.scope?.districtCode ? { caseworkerId: caseworker._id } : {}),
              intention: '希望在大连就业',
              plan: '',
              services: visit ? [{ kind: 'visit', note: '电话回访，了解求职意向（示例）', at: new Date(Math.min(since.getTime() + 7 * DAY_MS, now.getTime())), by }] : [],
              rounds: [],
              closed: false,
              createdAt: at,
              updatedAt: at,
            },
          },
          upsert: true,
        },
      };
    });
    // One write for all of them (a round trip each cost most of the demo's start on the stand-in database).
    const result = leavers.length ? await this.db.model(SupportCaseModel).collection.bulkWrite(ops, { ordered: false }) : undefined;
    const upserted = result?.upsertedCount ?? 0;
    for (let k = 0; k < leavers.length; k++) count('supportCases', k < upserted);
    const visited = leavers.filter((_, i) => i % 3 !== 2).length;
    log(`1311 cases (city demo): ${leavers.length}, ${visited} with a follow-up visit`);
  }
}
