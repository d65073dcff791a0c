import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import { Types, type FilterQuery, type UpdateQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { DistrictCode } from '../../contract/reference';
import {
  SUBSIDY_CONSENT_TEXT,
  SUBSIDY_STATUS_LABELS,
  type ProgramWithEligibility,
  type ReviewDecisionInput,
  type ReviewStage,
  type SubsidyApplicationForm,
  type SubsidyApplicationInput,
  type SubsidyApplicationView,
  type SubsidyDocumentKind,
  type SubsidyFlag,
  type SubsidyProgram,
  type SubsidyProgramInput,
  type SubsidyReviewDetail,
  type SubsidyStatus,
  type TimelineEntry,
} from '../../contract/subsidy';
import { BizError, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import { keysetAfter, pageOf } from '../../core/pagination';
import { PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { EnterpriseModel } from '../job/enterprise.model';
import { FileStorage } from '../../core/files/storage';
import { UserModel } from '../user/user.model';
import { isValidResidentId, maskBankAccount, maskResidentId, normaliseResidentId } from '../user/user.rules';
import { NoticeService } from '../notice/notice.service';
import { RegistryService } from '../registry/registry.service';
import {
  SubsidyApplicationModel,
  SubsidyProgramModel,
  type StoredTimelineEntry,
  type SubsidyApplicationDoc,
  type SubsidyProgramDoc,
} from './subsidy.model';
import { EDITABLE, evaluate, factsOf, isWindowOpen, nextStage, programProblems, referencedFields, stagesFor } from './subsidy.rules';
import { beijingDay } from '../../contract/time';

export const SUBSIDY_TEMPLATE_ID = (): string => process.env.WECHAT_TEMPLATE_SUBSIDY_STATUS ?? '';

type Lean<T> = T;

export function toProgram(doc: Lean<SubsidyProgramDoc>): SubsidyProgram {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    legalBasis: doc.legalBasis,
    applicantKind: doc.applicantKind,
    period: doc.period,
    opensAt: doc.opensAt,
    closesAt: doc.closesAt,
    requiredDocuments: doc.requiredDocuments,
    conditions: doc.conditions,
    amount: doc.amount,
    workflow: doc.workflow,
    note: doc.note,
    active: doc.active,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function toTimeline(entry: StoredTimelineEntry): TimelineEntry {
  return { at: entry.at.toISOString(), action: entry.action, stage: entry.stage, actorRole: entry.actorRole, reason: entry.reason };
}

export function toApplicationView(doc: Lean<SubsidyApplicationDoc>): SubsidyApplicationView {
  const id = doc._id.toHexString();
  return {
    id,
    programId: doc.programId.toHexString(),
    programName: doc.programName,
    period: doc.period,
    status: doc.status,
    statusLabel: SUBSIDY_STATUS_LABELS[doc.status],
    stage: doc.stage,
    applicantKind: doc.applicantKind ?? 'graduate',
    applicantName: doc.applicantName,
    enterprise:
      doc.applicantKind === 'enterprise'
        ? {
            name: doc.applicantName,
            uscc: doc.employerUscc ?? '',
            district: doc.employmentDistrict as DistrictCode,
            industry: doc.industry ?? '',
            size: doc.enterpriseSize ?? '',
          }
        : undefined,
    collegeId: doc.collegeId as SubsidyApplicationView['collegeId'],
    degree: doc.degree as SubsidyApplicationView['degree'],
    form: {
      idNumber: doc.idNumberMasked,
      graduationDate: doc.graduationDate,
      employmentDistrict: doc.employmentDistrict as SubsidyApplicationForm['employmentDistrict'],
      employerName: doc.employerName,
      employerUscc: doc.employerUscc,
      socialInsuranceMonths: doc.socialInsuranceMonths,
      traineeMonths: doc.traineeMonths,
      hardship: doc.hardship,
      businessRegistered: doc.businessRegistered,
      bankName: doc.bankName,
      bankAccount: doc.bankAccountMasked,
      graduates: doc.graduates?.map(g => ({ key: g.key, name: g.name, idNumber: g.idNumberMasked })),
    },
    documents: (doc.documents ?? []).map(d => ({
      id: d.id,
      kind: d.kind,
      type: d.type,
      size: d.size,
      url: `/api/subsidy-documents/${id}/${d.id}`,
    })),
    eligibility: doc.eligibility,
    amount: doc.amount,
    consentAt: doc.consentAt?.toISOString(),
    timeline: doc.timeline.map(toTimeline),
    submittedAt: doc.submittedAt?.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/**
 * The state a save leaves an application in, and its timeline entry. A draft keeps its state; a
 * submit needs a complete form (`missing` names what is not filled), consent, eligibility and every
 * required document, then enters review at the first stage (a returned application resumes its own).
 */
export function saveStep(
  input: { submit: boolean; consent?: boolean },
  s: {
    existing: Lean<SubsidyApplicationDoc> | null;
    program: Lean<SubsidyProgramDoc>;
    eligibility: SubsidyApplicationDoc['eligibility'];
    missing: () => string[];
    stages: () => ReviewStage[];
    consentText: string;
    now: Date;
    actorId: string;
  },
): { fields: Partial<SubsidyApplicationDoc>; entry: StoredTimelineEntry } {
  const { existing } = s;
  let status: SubsidyStatus = existing?.status ?? 'draft';
  let stage = existing?.stage;
  let stages = existing?.stages ?? [];
  let action: TimelineEntry['action'] = 'saved';
  if (input.submit) {
    const missing = s.missing();
    if (missing.length > 0) throw new BizError('SUBSIDY_FORM_INCOMPLETE', undefined, missing[0]);
    if (!input.consent) throw new BizError('SUBSIDY_CONSENT_REQUIRED', undefined, 'consent');
    if (s.eligibility.outcome !== 'eligible') throw new BizError('SUBSIDY_NOT_ELIGIBLE', s.eligibility.explanation);
    const have = new Set((existing?.documents ?? []).map(d => d.kind));
    const lacking = s.program.requiredDocuments.filter(k => !have.has(k));
    if (lacking.length > 0) throw new BizError('SUBSIDY_DOCUMENTS_MISSING', undefined, `documents.${lacking[0]}`);
    action = existing?.status === 'returned' ? 'resubmitted' : 'submitted';
    if (existing?.status !== 'returned') {
      stages = s.stages();
      stage = stages[0];
    }
    status = 'reviewing';
  }
  const submitFields = input.submit ? { consentText: s.consentText, consentAt: s.now, submittedAt: existing?.submittedAt ?? s.now } : {};
  return {
    fields: { ...submitFields, status, stage, stages },
    entry: { at: s.now, action, actorRole: 'applicant', actorId: s.actorId },
  };
}

/** Which stage a staff member may act on, and which applications they may see. */
export function reviewerStages(user: AuthUser): ReviewStage[] {
  const stages: ReviewStage[] = [];
  if (user.roles.includes('college') && user.scope.collegeId) stages.push('college');
  if (user.roles.includes('district') && user.scope.districtCode) stages.push('district');
  if (user.roles.includes('bureau')) stages.push('bureau');
  return stages;
}

function canSee(user: AuthUser, doc: Pick<SubsidyApplicationDoc, 'collegeId' | 'employmentDistrict'>): boolean {
  if (user.roles.includes('bureau')) return true;
  if (user.roles.includes('college') && user.scope.collegeId && doc.collegeId === user.scope.collegeId) return true;
  return Boolean(user.roles.includes('district') && user.scope.districtCode && doc.employmentDistrict === user.scope.districtCode);
}

function canAct(user: AuthUser, doc: Pick<SubsidyApplicationDoc, 'collegeId' | 'employmentDistrict' | 'stage'>): boolean {
  switch (doc.stage) {
    case 'college':
      return user.roles.includes('college') && !!user.scope.collegeId && doc.collegeId === user.scope.collegeId;
    case 'district':
      return user.roles.includes('district') && !!user.scope.districtCode && doc.employmentDistrict === user.scope.districtCode;
    case 'bureau':
      return user.roles.includes('bureau');
    default:
      return false;
  }
}

function staffRole(stage: ReviewStage): TimelineEntry['actorRole'] {
  return stage;
}

const BANK_ACCOUNT = /^\d{12,30}$/;
const PROGRAM_CACHE_MS = 5_000;

@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private registry!: RegistryService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  /**
   * Every save reads its program, and at a deadline thousands do so a minute while programs
   * change a few times a year: a few seconds' staleness in other processes is harmless (the
   * window is still checked against the clock), and this process drops its copy on edit.
   */
  private readonly programCache = new Map<string, { doc: Lean<SubsidyProgramDoc> | null; until: number }>();

  async activeProgram(id: string): Promise<Lean<SubsidyProgramDoc> | null> {
    const hit = this.programCache.get(id);
    if (hit && hit.until > Date.now()) return hit.doc;
    const doc = await this.db.model(SubsidyProgramModel).findOne({ _id: id, active: true }).lean();
    if (this.programCache.size > 500) this.programCache.clear();
    this.programCache.set(id, { doc, until: Date.now() + PROGRAM_CACHE_MS });
    return doc;
  }

  // -------------------------------------------------------------------------
  // Programs
  // -------------------------------------------------------------------------

  private checkProgram(input: SubsidyProgramInput): void {
    const problems = programProblems(input);
    if (problems.length > 0) {
      throw new BizError('SUBSIDY_PROGRAM_INVALID', problems.map(p => p.message).join('；'), problems[0].field);
    }
  }

  async allPrograms(): Promise<SubsidyProgram[]> {
    const docs = await this.db.model(SubsidyProgramModel).find({}).sort({ closesAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(toProgram);
  }

  async createProgram(actor: AuthUser, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    this.checkProgram(input);
    const doc = await this.db.model(SubsidyProgramModel).create(input);
    this.programCache.clear();
    await this.audit.record(actor, { action: 'subsidy.program.create', targetType: 'subsidyProgram', targetId: doc._id.toHexString(), to: input.name }, requestId);
    return toProgram(doc.toObject());
  }

  async updateProgram(actor: AuthUser, id: string, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    this.checkProgram(input);
    const before = await this.db.model(SubsidyProgramModel).findById(id).lean();
    if (!before) throw notFound('补贴项目');
    const doc = await this.db.model(SubsidyProgramModel).findOneAndUpdate({ _id: id, updatedAt: before.updatedAt }, { $set: input }, { new: true }).lean();
    this.programCache.clear();
    if (!doc) throw new BizError('CONFLICT');
    await this.audit.record(
      actor,
      {
        action: 'subsidy.program.update',
        targetType: 'subsidyProgram',
        targetId: id,
        detail: { before: toProgram(before), after: toProgram(doc) } as unknown as Record<string, unknown>,
      },
      requestId,
    );
    return toProgram(doc);
  }

  /** Every active program, with whether this graduate qualifies and why (not). */
  async programsFor(user: AuthUser): Promise<ProgramWithEligibility[]> {
    const today = beijingDay(this.now());
    const [programs, me, last] = await Promise.all([
      this.db.model(SubsidyProgramModel).find({ active: true }).sort({ closesAt: -1, _id: -1 }).limit(100).lean(),
      this.db.model(UserModel).findById(user.id, { profile: 1 }).lean(),
      this.db.model(SubsidyApplicationModel).findOne({ applicantId: new Types.ObjectId(user.id) }).sort({ updatedAt: -1 }).lean(),
    ]);
    const facts = factsOf(
      {
        degree: me?.profile?.degree,
        doubleFirstClass: me?.profile?.doubleFirstClass,
        graduationDate: last?.graduationDate,
        employmentDistrict: last?.employmentDistrict,
        socialInsuranceMonths: last?.socialInsuranceMonths,
        traineeMonths: last?.traineeMonths,
        hardship: last?.hardship,
        businessRegistered: last?.businessRegistered,
      },
      today,
    );
    return programs.map(p => ({
      program: toProgram(p),
      eligibility: evaluate(p, facts, today),
      open: isWindowOpen(p.opensAt, p.closesAt, today),
      fields: referencedFields(p),
    }));
  }

  // -------------------------------------------------------------------------
  // Applying
  // -------------------------------------------------------------------------

  private formFields(form: SubsidyApplicationForm, today: string): Partial<SubsidyApplicationDoc> {
    const set: Partial<SubsidyApplicationDoc> = {};
    if (form.idNumber !== undefined) {
      const id = normaliseResidentId(form.idNumber);
      if (!isValidResidentId(id, this.now())) throw new BizError('ID_NUMBER_INVALID', undefined, 'form.idNumber');
      const sealed = this.pii.seal(id);
      Object.assign(set, { idNumberEnc: sealed.enc, idNumberHash: sealed.hash, idNumberMasked: maskResidentId(id) });
    }
    if (form.graduationDate !== undefined) {
      if (form.graduationDate > today) throw new BizError('SUBSIDY_GRADUATION_DATE_INVALID', undefined, 'form.graduationDate');
      set.graduationDate = form.graduationDate;
    }
    if (form.bankAccount !== undefined) Object.assign(set, this.bankAccountFields(form.bankAccount));
    for (const key of ['employmentDistrict', 'employerName', 'employerUscc', 'socialInsuranceMonths', 'traineeMonths', 'hardship', 'businessRegistered', 'bankName'] as const) {
      if (form[key] !== undefined) Object.assign(set, { [key]: form[key] });
    }
    return set;
  }

  /** A bank account sealed for storage; 422 when it is not 12 to 30 digits. */
  bankAccountFields(input: string): Pick<SubsidyApplicationDoc, 'bankAccountEnc' | 'bankAccountHash' | 'bankAccountMasked'> {
    const account = input.replace(/\s+/g, '');
    if (!BANK_ACCOUNT.test(account)) throw new BizError('SUBSIDY_BANK_ACCOUNT_INVALID', undefined, 'form.bankAccount');
    const sealed = this.pii.seal(account);
    return { bankAccountEnc: sealed.enc, bankAccountHash: sealed.hash, bankAccountMasked: maskBankAccount(account) };
  }

  /**
   * Creates the application or updates it conditionally on the (status, updatedAt) read, re-reading
   * and rebuilding after a lost race. The unique (applicant, program, period) index makes two
   * concurrent first saves produce one application; the loser reads the winner's. `build` gets the
   * application as it stands and says what to write; a submitted one is answered as it is when
   * the caller submits again (a retried submission), and refused otherwise.
   */
  async writeApplication(
    key: Pick<SubsidyApplicationDoc, 'applicantId' | 'programId' | 'period'>,
    first: Lean<SubsidyApplicationDoc> | null,
    submit: boolean,
    build: (existing: Lean<SubsidyApplicationDoc> | null) => { set: Partial<SubsidyApplicationDoc>; entry: StoredTimelineEntry },
  ): Promise<SubsidyApplicationView> {
    const apps = this.db.model(SubsidyApplicationModel);
    let existing = first;
    for (let attempt = 0; attempt < 8; attempt++) {
      if (existing && !EDITABLE.includes(existing.status)) {
        if (submit) return toApplicationView(existing);
        throw new BizError('SUBSIDY_NOT_EDITABLE');
      }
      const { set, entry } = build(existing);
      if (!existing) {
        try {
          const created = await apps.create({ ...key, ...set, documents: [], timeline: [entry] });
          return toApplicationView(created.toObject());
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
          existing = await apps.findOne(key).lean();
          continue;
        }
      }
      const updated = await apps
        .findOneAndUpdate({ _id: existing._id, status: existing.status, updatedAt: existing.updatedAt }, { $set: set, $push: { timeline: entry } }, { new: true })
        .lean();
      if (updated) return toApplicationView(updated);
      existing = await apps.findOne(key).lean();
    }
    throw new BizError('CONFLICT');
  }

  /**
   * Saves a draft or submits. The unique (applicant, program, period) index makes
   * two concurrent submissions produce one application; the loser reads the winner's.
   */
  async save(user: AuthUser, input: SubsidyApplicationInput): Promise<SubsidyApplicationView> {
    const now = this.now();
    const today = beijingDay(now);
    const program = await this.activeProgram(input.programId);
    if (!program) throw notFound('补贴项目');
    if (program.applicantKind !== 'graduate') throw new BizError('SUBSIDY_APPLICANT_KIND');
    if (!isWindowOpen(program.opensAt, program.closesAt, today)) throw new BizError('SUBSIDY_PROGRAM_CLOSED');
    const fields = this.formFields(input.form, today);
    const apps = this.db.model(SubsidyApplicationModel);
    const key = { applicantId: new Types.ObjectId(user.id), programId: program._id, period: program.period };
    const [me, found] = await Promise.all([
      this.db.model(UserModel).findById(user.id, { profile: 1, phoneHash: 1, nickname: 1 }).lean(),
      apps.findOne(key).lean(),
    ]);
    if (!me) throw new BizError('UNAUTHENTICATED');
    if (!me.profile?.name || !me.profile.degree) throw new BizError('PROFILE_INCOMPLETE');
    const profile = me.profile;

    return this.writeApplication(key, found, input.submit, existing => {
      const merged = { ...(existing ?? {}), ...fields } as Partial<SubsidyApplicationDoc>;
      const facts = factsOf(
        {
          degree: profile.degree,
          doubleFirstClass: profile.doubleFirstClass,
          graduationDate: merged.graduationDate,
          employmentDistrict: merged.employmentDistrict,
          socialInsuranceMonths: merged.socialInsuranceMonths,
          traineeMonths: merged.traineeMonths,
          hardship: merged.hardship,
          businessRegistered: merged.businessRegistered,
          idNumber: input.form.idNumber ? normaliseResidentId(input.form.idNumber) : existing?.idNumberEnc ? this.pii.open(existing.idNumberEnc) : undefined,
        },
        today,
      );
      const eligibility = evaluate(program, facts, today);
      const base: Partial<SubsidyApplicationDoc> = {
        ...fields,
        programName: program.name,
        applicantKind: 'graduate',
        applicantName: profile.name as string,
        collegeId: profile.collegeId,
        degree: profile.degree,
        doubleFirstClass: profile.doubleFirstClass ?? false,
        phoneHash: me.phoneHash,
        eligibility,
        amount: eligibility.amount,
      };
      const step = saveStep(input, {
        existing,
        program,
        eligibility,
        missing: () =>
          [
            !merged.idNumberEnc && 'form.idNumber',
            !merged.graduationDate && 'form.graduationDate',
            !merged.employmentDistrict && 'form.employmentDistrict',
            !merged.bankName && 'form.bankName',
            !merged.bankAccountEnc && 'form.bankAccount',
          ].filter((f): f is string => Boolean(f)),
        stages: () => stagesFor(program.workflow, Boolean(profile.collegeId), 'graduate'),
        consentText: SUBSIDY_CONSENT_TEXT,
        now,
        actorId: user.id,
      });
      return { set: { ...base, ...step.fields }, entry: step.entry };
    });
  }

  async mine(user: AuthUser): Promise<SubsidyApplicationView[]> {
    const docs = await this.db.model(SubsidyApplicationModel).find({ applicantId: new Types.ObjectId(user.id) }).sort({ updatedAt: -1 }).limit(100).lean();
    return docs.map(toApplicationView);
  }

  async mineOne(user: AuthUser, id: string): Promise<SubsidyApplicationView> {
    const doc = await this.db.model(SubsidyApplicationModel).findOne({ _id: id, applicantId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('申请');
    return toApplicationView(doc);
  }

  async addDocument(
    user: AuthUser,
    id: string,
    kind: SubsidyDocumentKind,
    file: { data: Buffer; type: 'pdf' | 'png' | 'jpeg' },
  ): Promise<SubsidyApplicationView> {
    return this.attachDocument(new Types.ObjectId(user.id), id, kind, file);
  }

  /** Stores one document on an application of `applicantId` (a graduate's user id or an enterprise's id). */
  async attachDocument(
    applicantId: Types.ObjectId,
    id: string,
    kind: SubsidyDocumentKind,
    file: { data: Buffer; type: 'pdf' | 'png' | 'jpeg' },
  ): Promise<SubsidyApplicationView> {
    const apps = this.db.model(SubsidyApplicationModel);
    const hash = createHash('sha256').update(file.data).digest('hex');
    const sameFile = (d: { kind: string; hash: string }): boolean => d.kind === kind && d.hash === hash;
    const doc = await apps.findOne({ _id: id, applicantId }).lean();
    if (!doc) throw notFound('申请');
    // A retried upload (the answer was lost) finds its file already there.
    if (doc.documents.some(sameFile)) return toApplicationView(doc);
    if (!EDITABLE.includes(doc.status)) throw new BizError('SUBSIDY_NOT_EDITABLE');
    const ext = file.type === 'jpeg' ? 'jpg' : file.type;
    const key = await this.storage.put('subsidy', file.data, ext);
    const stored = {
      id: randomBytes(8).toString('hex'),
      kind,
      key,
      type: file.type,
      size: file.data.length,
      hash,
      uploadedAt: this.now(),
    };
    const updated = await apps
      .findOneAndUpdate(
        { _id: doc._id, status: { $in: EDITABLE }, documents: { $not: { $elemMatch: { kind, hash } } } },
        { $push: { documents: stored } },
        { new: true },
      )
      .lean();
    if (updated) return toApplicationView(updated);
    await this.storage.remove(key);
    const now = await apps.findById(doc._id).lean();
    if (now?.documents.some(sameFile)) return toApplicationView(now);
    throw new BizError('SUBSIDY_NOT_EDITABLE');
  }

  /** The bytes of one document, for its owner or a reviewer who may see the application. */
  async document(user: AuthUser, id: string, documentId: string): Promise<{ data: Buffer; type: 'pdf' | 'png' | 'jpeg' }> {
    const doc = await this.db.model(SubsidyApplicationModel).findById(id).lean();
    if (!doc) throw notFound('申请');
    const owner =
      doc.applicantKind === 'enterprise'
        ? user.roles.includes('recruiter') && Boolean(await this.db.model(EnterpriseModel).exists({ _id: doc.applicantId, recruiterIds: new Types.ObjectId(user.id) }))
        : doc.applicantId.toHexString() === user.id;
    if (!owner && !canSee(user, doc)) throw new BizError('OUT_OF_SCOPE');
    const file = doc.documents.find(d => d.id === documentId);
    if (!file) throw notFound('材料');
    return { data: await this.storage.get(file.key), type: file.type };
  }

  // -------------------------------------------------------------------------
  // Reviewing
  // -------------------------------------------------------------------------

  /** Applications waiting at a stage this reviewer may act on, oldest submissions first by id page. */
  async queue(user: AuthUser, query: { status?: SubsidyStatus; cursor?: string; limit: number }): Promise<Page<SubsidyApplicationView>> {
    const stages = reviewerStages(user);
    if (stages.length === 0) throw new BizError('FORBIDDEN');
    const scopes: Array<FilterQuery<SubsidyApplicationDoc>> = [];
    for (const stage of stages) {
      const status = query.status ?? 'reviewing';
      const byStage = status === 'reviewing' ? { stage } : {};
      if (stage === 'college') scopes.push({ status, ...byStage, collegeId: user.scope.collegeId });
      if (stage === 'district') scopes.push({ status, ...byStage, employmentDistrict: user.scope.districtCode });
      if (stage === 'bureau') scopes.push({ status, ...byStage });
    }
    const filter: FilterQuery<SubsidyApplicationDoc> = { $or: scopes };
    const where = query.cursor ? { $and: [filter, keysetAfter('updatedAt', query.cursor, this.auth.tokenSecret)] } : filter;
    const docs = await this.db.model(SubsidyApplicationModel).find(where).sort({ updatedAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    return pageOf(docs, query.limit, toApplicationView, 'updatedAt', this.auth.tokenSecret);
  }

  async reviewDetail(user: AuthUser, id: string): Promise<SubsidyReviewDetail> {
    const doc = await this.db.model(SubsidyApplicationModel).findById(id).lean();
    if (!doc) throw notFound('申请');
    if (!canSee(user, doc)) throw new BizError('OUT_OF_SCOPE');
    return { ...toApplicationView(doc), flags: await this.flags(doc) };
  }

  private async flags(doc: Lean<SubsidyApplicationDoc>): Promise<SubsidyFlag[]> {
    const apps = this.db.model(SubsidyApplicationModel);
    const others = { applicantId: { $ne: doc.applicantId } };
    const flags: SubsidyFlag[] = [];
    const check = async (kind: SubsidyFlag['kind'], filter: FilterQuery<SubsidyApplicationDoc> | null, message: string) => {
      if (!filter) return;
      const hits = await apps.find({ ...filter, ...others }, { _id: 1 }).limit(10).lean();
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
      const verified = await this.db.model(EnterpriseModel).exists({ _id: doc.applicantId, status: 'verified' });
      if (!verified) flags.push({ kind: 'employerNotVerified', message: '申请单位目前未通过平台认证' });
    } else if (doc.employerName || doc.employerUscc) {
      const verified = doc.employerUscc
        ? await this.db.model(EnterpriseModel).exists({ uscc: doc.employerUscc, status: 'verified' })
        : await this.db.model(EnterpriseModel).exists({ name: doc.employerName, status: 'verified' });
      if (!verified) flags.push({ kind: 'employerNotVerified', message: '就业单位未在平台通过认证' });
    }
    return flags;
  }

  /**
   * One decision at the application's current stage. The update is conditional on
   * (status, stage) as read, so of two reviewers acting at once exactly one wins.
   */
  async decide(user: AuthUser, id: string, input: ReviewDecisionInput, requestId?: string): Promise<SubsidyApplicationView> {
    const apps = this.db.model(SubsidyApplicationModel);
    const doc = await apps.findById(id).lean();
    if (!doc) throw notFound('申请');
    if (!canSee(user, doc)) throw new BizError('OUT_OF_SCOPE');
    if (doc.status !== 'reviewing' || !doc.stage) throw new BizError('SUBSIDY_STATE_CHANGED');
    if (!canAct(user, doc)) {
      // A reviewer whose step has just been decided by a colleague lost a race: that is a conflict.
      const current = doc.stages.indexOf(doc.stage);
      const passed = reviewerStages(user).some(st => {
        const i = doc.stages.indexOf(st);
        return i >= 0 && i < current && canAct(user, { ...doc, stage: st });
      });
      throw passed ? new BizError('SUBSIDY_STATE_CHANGED') : new BizError('OUT_OF_SCOPE', '该申请当前不在您的审核环节');
    }
    const reason = input.reason?.trim();
    if (input.decision !== 'approve' && !reason) throw new BizError('SUBSIDY_REASON_REQUIRED', undefined, 'reason');
    const stage = doc.stage;
    const now = this.now();
    let set: UpdateQuery<SubsidyApplicationDoc>['$set'];
    let action: TimelineEntry['action'];
    if (input.decision === 'approve') {
      const next = nextStage(doc.stages, stage);
      set = next ? { stage: next } : { status: 'approved' };
      action = 'approved';
    } else if (input.decision === 'return') {
      set = { status: 'returned' };
      action = 'returned';
    } else {
      set = { status: 'rejected' };
      action = 'rejected';
    }
    const entry: StoredTimelineEntry = { at: now, action, stage, actorRole: staffRole(stage), actorId: user.id, reason };
    const updated = await apps
      .findOneAndUpdate({ _id: doc._id, status: 'reviewing', stage }, { $set: set, $push: { timeline: entry } }, { new: true })
      .lean();
    if (!updated) throw new BizError('SUBSIDY_STATE_CHANGED');
    await this.audit.record(
      user,
      {
        action: `subsidy.${input.decision}`,
        targetType: 'subsidyApplication',
        targetId: id,
        from: `reviewing:${stage}`,
        to: updated.status === 'reviewing' ? `reviewing:${updated.stage ?? ''}` : updated.status,
        reason,
      },
      requestId,
    );
    // The registry records graduates' destinations; an enterprise is not one.
    if (updated.status === 'approved' && updated.applicantKind !== 'enterprise') await this.registry.recordSubsidyApproval({ ...updated, at: now });
    if (updated.status !== 'reviewing') await this.notify(updated, reason);
    return toApplicationView(updated);
  }

  /** Subscribe-message notice at a decision; no credit or no WeChat simply means none. */
  async notify(doc: Lean<SubsidyApplicationDoc>, note?: string): Promise<void> {
    const data = { thing1: doc.programName, phrase2: SUBSIDY_STATUS_LABELS[doc.status], thing3: note || '请进入小程序查看详情' };
    if (doc.applicantKind !== 'enterprise') {
      await this.notices.sendToUser(doc.applicantId, SUBSIDY_TEMPLATE_ID(), 'packages/subsidy/pages/applications/index', data);
      return;
    }
    // The application belongs to the enterprise: each of its recruiters with credit is told.
    const enterprise = await this.db.model(EnterpriseModel).findById(doc.applicantId, { recruiterIds: 1 }).lean();
    for (const recruiterId of enterprise?.recruiterIds ?? []) {
      await this.notices.sendToUser(recruiterId, SUBSIDY_TEMPLATE_ID(), 'packages/subsidy/pages/enterprise-applications/index', data);
    }
  }
}
