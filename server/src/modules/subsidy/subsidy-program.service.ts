import { Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ApplicantKind, SubsidyGuideView, SubsidyProgram, SubsidyProgramInput } from '../../contract/subsidy';
import type { OfferMode } from '../../contract/subsidy-offer';
import { beijingDay } from '../../contract/time';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { ContentService } from '../content/content.service';
import { SubsidyProgramModel, type SubsidyProgramDoc } from './subsidy.model';
import { guideProblems, guideView, visibleKinds } from './subsidy.guide.rules';
import { offerModeProblems, programProblems } from './subsidy.rules';
import { limitsOf } from './subsidy.stages.rules';
import { SUBSIDY_PROGRAM_SEEDS, type SubsidyProgramSeed } from './subsidy.seed';
import { toProgram } from './subsidy.view';

export type { SubsidyProgramSeed };

const PROGRAM_CACHE_MS = 5_000;
const PROGRAM_TOPIC = 'subsidy-program';

/** Programs: edited by the bureau, read by every save. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyProgramService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private invalidation!: CacheInvalidation;

  @Inject()
  private contents!: ContentService;

  /**
   * Every save reads its program, and at a deadline thousands do so a minute while programs
   * change a few times a year: a few seconds' staleness in other processes is harmless (the
   * window is still checked against the clock). An edit drops the copies of every process
   * (the others over Redis when REDIS_URL is set).
   */
  private readonly programCache = new Map<string, { doc: SubsidyProgramDoc | null; until: number }>();

  @Init()
  async init(): Promise<void> {
    await this.invalidation.listen(PROGRAM_TOPIC, () => this.programCache.clear());
  }

  private programsChanged(): void {
    this.programCache.clear();
    this.invalidation.announce(PROGRAM_TOPIC);
  }

  private get programs() {
    return this.db.model(SubsidyProgramModel);
  }

  async activeProgram(id: string): Promise<SubsidyProgramDoc | null> {
    const hit = this.programCache.get(id);
    if (hit && hit.until > Date.now()) return hit.doc;
    const doc = await this.programs.findOne({ _id: id, active: true }).lean();
    if (this.programCache.size > 500) this.programCache.clear();
    this.programCache.set(id, { doc, until: Date.now() + PROGRAM_CACHE_MS });
    return doc;
  }

  /** Active programs, newest window first; of one applicant kind when given. */
  async activePrograms(kind?: ApplicantKind): Promise<SubsidyProgramDoc[]> {
    return this.programs.find(kind ? { active: true, applicantKind: kind } : { active: true }).sort({ closesAt: -1, _id: -1 }).limit(100).lean();
  }

  private async checkProgram(input: SubsidyProgramInput): Promise<void> {
    const problems = [...programProblems(input), ...guideProblems(input)];
    if (input.policyIds?.length) {
      const published = new Set(await this.contents.publishedIds(input.policyIds));
      input.policyIds.forEach((id, i) => {
        if (!published.has(id)) problems.push({ field: `policyIds.${i}`, message: `政策 ${id} 不存在或未发布` });
      });
    }
    if (problems.length > 0) {
      throw new BizError('SUBSIDY_PROGRAM_INVALID', problems.map(p => p.message).join('；'), problems[0].field);
    }
  }

  /**
   * 办事指南 of the active programs the caller may apply to (a student never sees an enterprise's,
   * a recruiter never a graduate's; guests and staff see all), of one policy when given.
   */
  async guides(roles: readonly string[] | undefined, policyId?: string): Promise<SubsidyGuideView[]> {
    const kinds = visibleKinds(roles);
    const filter = { active: true, applicantKind: { $in: kinds }, ...(policyId ? { policyIds: new Types.ObjectId(policyId) } : {}) };
    const docs = await this.programs.find(filter).sort({ closesAt: -1, _id: -1 }).limit(100).lean();
    const today = beijingDay(new Date());
    return docs.map(doc => guideView(toProgram(doc), limitsOf(doc), today));
  }

  /** One active program's 办事指南; not found for a caller who may not apply to it. */
  async guide(roles: readonly string[] | undefined, id: string): Promise<SubsidyGuideView> {
    const doc = await this.activeProgram(id);
    if (!doc || !visibleKinds(roles).includes(doc.applicantKind)) throw notFound('补贴项目');
    return guideView(toProgram(doc), limitsOf(doc), beijingDay(new Date()));
  }

  async allPrograms(): Promise<SubsidyProgram[]> {
    const docs = await this.programs.find({}).sort({ closesAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(toProgram);
  }

  async createProgram(actor: AuthUser, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    await this.checkProgram(input);
    const doc = await this.programs.create(input);
    this.programsChanged();
    await this.audit.record(actor, { action: 'subsidy.program.create', targetType: 'subsidyProgram', targetId: doc._id.toHexString(), to: input.name }, requestId);
    return toProgram(doc.toObject());
  }

  async updateProgram(actor: AuthUser, id: string, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    await this.checkProgram(input);
    const before = await this.programs.findById(id).lean();
    if (!before) throw notFound('补贴项目');
    const doc = await this.programs.findOneAndUpdate({ _id: id, updatedAt: before.updatedAt }, { $set: input }, { new: true }).lean();
    this.programsChanged();
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

  /**
   * The 免申即享 switch on its own: only `offerMode` changes (an edit of the rules meanwhile is kept), checked by the
   * same rule as a whole save, and a save that changes nothing writes nothing.
   */
  async setOfferMode(actor: AuthUser, id: string, offerMode: OfferMode, requestId?: string): Promise<SubsidyProgram> {
    const before = await this.programs.findById(id).lean();
    if (!before) throw notFound('补贴项目');
    const from = before.offerMode ?? 'apply';
    if (from === offerMode) return toProgram(before);
    const problems = offerModeProblems({ ...before, offerMode });
    if (problems.length > 0) throw new BizError('SUBSIDY_PROGRAM_INVALID', problems.map(p => p.message).join('；'), 'offerMode');
    const doc = await this.programs
      .findOneAndUpdate({ _id: id, offerMode: before.offerMode ?? { $exists: false } }, { $set: { offerMode } }, { new: true })
      .lean();
    if (!doc) throw new BizError('CONFLICT');
    this.programsChanged();
    await this.audit.record(actor, { action: 'subsidy.program.offerMode', targetType: 'subsidyProgram', targetId: id, from, to: offerMode }, requestId);
    return toProgram(doc);
  }

  /** Whether a program exists (a training course names the subsidy its trainees may claim). */
  async exists(id: string): Promise<boolean> {
    return Types.ObjectId.isValid(id) && Boolean(await this.programs.exists({ _id: new Types.ObjectId(id) }));
  }

  // ---------------------------------------------------------------- demo data

  /**
   * A demo program, inserted once by seed key and never overwritten, with the policies it implements
   * (by their seed keys); its id either way. A program seeded before it had a 办事指南 gets the guide,
   * the policies and the example amounts' wording once (never after staff have given it a guide).
   */
  async upsertDemo({ seedKey, policySeedKeys = [], ...program }: SubsidyProgramSeed): Promise<{ id: Types.ObjectId | undefined; inserted: boolean }> {
    const policies = await this.contents.seededIds(policySeedKeys);
    const policyIds = policySeedKeys.flatMap(key => (policies.has(key) ? [new Types.ObjectId(policies.get(key))] : []));
    const res = await this.programs.updateOne({ seedKey }, { $setOnInsert: { ...program, policyIds } }, { upsert: true });
    if (res.upsertedCount === 0 && program.guide) {
      const { guide, note, amount, exampleAmounts } = program;
      await this.programs.updateOne({ seedKey, guide: { $exists: false } }, { $set: { guide, note, amount, exampleAmounts, policyIds } });
    }
    const doc = await this.programs.findOne({ seedKey }, { _id: 1 }).lean();
    return { id: doc?._id, inserted: res.upsertedCount > 0 };
  }

  async seedDemo(count: SeedCounter, log: SeedLog): Promise<void> {
    for (const seed of SUBSIDY_PROGRAM_SEEDS) count('subsidyPrograms', (await this.upsertDemo(seed)).inserted);
    log(`subsidy programs: ${SUBSIDY_PROGRAM_SEEDS.length} (示例金额)`);
  }
}
