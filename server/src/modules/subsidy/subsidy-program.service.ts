import { Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ApplicantKind, SubsidyProgram, SubsidyProgramInput } from '../../contract/subsidy';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { SubsidyProgramModel, type SubsidyProgramDoc } from './subsidy.model';
import { programProblems } from './subsidy.rules';
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

  private checkProgram(input: SubsidyProgramInput): void {
    const problems = programProblems(input);
    if (problems.length > 0) {
      throw new BizError('SUBSIDY_PROGRAM_INVALID', problems.map(p => p.message).join('；'), problems[0].field);
    }
  }

  async allPrograms(): Promise<SubsidyProgram[]> {
    const docs = await this.programs.find({}).sort({ closesAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(toProgram);
  }

  async createProgram(actor: AuthUser, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    this.checkProgram(input);
    const doc = await this.programs.create(input);
    this.programsChanged();
    await this.audit.record(actor, { action: 'subsidy.program.create', targetType: 'subsidyProgram', targetId: doc._id.toHexString(), to: input.name }, requestId);
    return toProgram(doc.toObject());
  }

  async updateProgram(actor: AuthUser, id: string, input: SubsidyProgramInput, requestId?: string): Promise<SubsidyProgram> {
    this.checkProgram(input);
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

  /** Whether a program exists (a training course names the subsidy its trainees may claim). */
  async exists(id: string): Promise<boolean> {
    return Types.ObjectId.isValid(id) && Boolean(await this.programs.exists({ _id: new Types.ObjectId(id) }));
  }

  // ---------------------------------------------------------------- demo data

  /** A demo program, inserted once by seed key and never overwritten; its id either way. */
  async upsertDemo({ seedKey, ...program }: SubsidyProgramSeed): Promise<{ id: Types.ObjectId | undefined; inserted: boolean }> {
    const res = await this.programs.updateOne({ seedKey }, { $setOnInsert: program }, { upsert: true });
    const doc = await this.programs.findOne({ seedKey }, { _id: 1 }).lean();
    return { id: doc?._id, inserted: res.upsertedCount > 0 };
  }

  async seedDemo(count: SeedCounter, log: SeedLog): Promise<void> {
    for (const seed of SUBSIDY_PROGRAM_SEEDS) count('subsidyPrograms', (await this.upsertDemo(seed)).inserted);
    log(`subsidy programs: ${SUBSIDY_PROGRAM_SEEDS.length} (示例金额)`);
  }
}
