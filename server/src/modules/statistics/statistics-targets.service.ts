import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { YearTargets, YearTargetsInput } from '../../contract/statistics';
import { beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import type { SeedCounter, SeedLog } from '../../core/demo';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { YearTargetsModel, type YearTargetsDoc } from './statistics.model';
import { canonicalFigures, sameTargets, targetProblems } from './statistics.rules';
import { PLAN_2022, demoYearSource } from './statistics.seed';

function toYearTargets(doc: YearTargetsDoc): YearTargets {
  return { year: doc.year, figures: canonicalFigures(doc.figures), source: doc.source, version: doc.version, updatedAt: doc.updatedAt.toISOString() };
}

const isDuplicate = (err: unknown): boolean => (err as { code?: unknown }).code === 11000;

/** The plan's targets per year: data the bureau keeps, read by the dashboard for the year it shows. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StatisticsTargetService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  private seeding?: Promise<void>;

  private get model() {
    return this.db.model(YearTargetsModel);
  }

  /** The plan's 2022 figures, inserted once; `$setOnInsert` keeps whatever the bureau changed since. */
  private seed(): Promise<void> {
    this.seeding ??= this.insertOnce(PLAN_2022.year, PLAN_2022.source, PLAN_2022.figures)
      .then(() => undefined)
      .catch(err => {
        this.seeding = undefined;
        throw err;
      });
    return this.seeding;
  }

  private async insertOnce(year: number, source: string, figures: YearTargets['figures']): Promise<boolean> {
    try {
      const result = await this.model.updateOne(
        { year },
        { $setOnInsert: { year, source, figures: canonicalFigures(figures), version: 1 } },
        { upsert: true },
      );
      return result.upsertedCount > 0;
    } catch (err) {
      // Another process inserted the same year at the same moment: it exists, which is all seeding wants.
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  /** Every year that has targets, newest first. */
  async list(): Promise<YearTargets[]> {
    await this.seed();
    return (await this.model.find().sort({ year: -1 }).lean<YearTargetsDoc[]>()).map(toYearTargets);
  }

  /** The year's targets, or null when the bureau has set none. */
  async ofYear(year: number): Promise<YearTargets | null> {
    await this.seed();
    const doc = await this.model.findOne({ year }).lean<YearTargetsDoc>();
    return doc ? toYearTargets(doc) : null;
  }

  async get(year: number): Promise<YearTargets> {
    const targets = await this.ofYear(year);
    if (!targets) throw notFound(`${year}年的工作目标`);
    return targets;
  }

  /**
   * Sets a year's targets (all of them at once), audited. The editor names the version it started from,
   * so two staff editing the same year cannot overwrite each other unseen; a retry of a save that went
   * through finds its own figures and answers them again without a second change or audit record.
   */
  async save(actor: AuthUser, year: number, input: YearTargetsInput, requestId?: string): Promise<YearTargets> {
    const problems = targetProblems(input);
    if (problems.length > 0) {
      throw new BizError('VALIDATION_FAILED', problems[0].message, problems[0].field, problems.map(p => ({ code: 'VALIDATION_FAILED', ...p })));
    }
    await this.seed();
    const wanted = { figures: canonicalFigures(input.figures), source: input.source };
    const before = await this.model.findOne({ year }).lean<YearTargetsDoc>();
    if (before && sameTargets(before, wanted)) return toYearTargets(before);
    if ((before?.version ?? 0) !== input.version) throw this.conflict(year);

    let saved: YearTargetsDoc | null = null;
    if (!before) {
      try {
        saved = (await this.model.create({ year, ...wanted, version: 1 })).toObject<YearTargetsDoc>();
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    } else {
      saved = await this.model
        .findOneAndUpdate({ year, version: input.version }, { $set: wanted, $inc: { version: 1 } }, { new: true })
        .lean<YearTargetsDoc>();
    }
    if (!saved) {
      // Someone saved the same year in between: the same figures are this save's answer, others a conflict.
      const now = await this.model.findOne({ year }).lean<YearTargetsDoc>();
      if (now && sameTargets(now, wanted)) return toYearTargets(now);
      throw this.conflict(year);
    }
    await this.audit.record(
      actor,
      {
        action: before ? 'statistics.targets.update' : 'statistics.targets.create',
        targetType: 'statistics-targets',
        targetId: String(year),
        from: before ? JSON.stringify({ source: before.source, figures: canonicalFigures(before.figures) }) : undefined,
        to: JSON.stringify(wanted),
        reason: input.reason,
      },
      requestId,
    );
    return toYearTargets(saved);
  }

  private conflict(year: number): BizError {
    return new BizError('CONFLICT', `${year}年的目标已被他人修改，请刷新后重新填写`);
  }

  /** The demo's current year gets the plan's figures, labelled as carried over, so the dashboard has targets to show. */
  async seedDemo(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    await this.seed();
    const year = Number(beijingDay(now).slice(0, 4));
    if (year === PLAN_2022.year) return;
    count('statistics_targets', await this.insertOnce(year, demoYearSource(year), PLAN_2022.figures));
    log(`demo targets: ${year} (the plan's 2022 figures, labelled), 2022 (the plan)`);
  }
}
