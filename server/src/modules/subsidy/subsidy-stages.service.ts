import { Autoload, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { Types } from 'mongoose';
import {
  DEFAULT_BATCH_SCHEDULE,
  LIMITED_STAGES,
  type BatchSchedule,
  type BatchScheduleInput,
  type LimitedStage,
  type OverdueCount,
  type StageLimits,
  type StageProgress,
  type StageSettingsView,
  type WorkingCalendarYear,
  type WorkingCalendarYearInput,
} from '../../contract/subsidy-stages';
import { addDays, DAY_MS } from '../../contract/time';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { NoticeService } from '../notice/notice.service';
import { UserService } from '../user/user.service';
import { BUILT_IN_CALENDARS } from './subsidy-calendar.seed';
import { BatchScheduleModel, CalendarYearModel } from './subsidy-stages.model';
import { SubsidyApplicationModel, SubsidyProgramModel, type SubsidyApplicationDoc } from './subsidy.model';
import { SubsidyNoticeService } from './subsidy-notice.service';
import {
  checkBatchSchedule,
  checkCalendarYear,
  checkStageLimits,
  currentStage,
  escalationKey,
  isWorkingDay,
  limitsOf,
  stageProgress,
  workingCalendar,
  type ProgressContext,
  type WorkingCalendar,
} from './subsidy.stages.rules';
import { actorUnit, BUREAU_UNIT } from './subsidy.timeline.rules';
import { offerModeProblems } from './subsidy.rules';
import { publicityPeriod } from './subsidy.publicity.rules';
import { DEFAULT_PUBLICITY_WORKING_DAYS } from '../../contract/subsidy-publicity';

/** Calendar and schedule change a few times a year; an edit drops every process's copy (over Redis), this bounds it without. */
const SETTINGS_CACHE_MS = 30_000;
const SETTINGS_TOPIC = 'subsidy-stage-settings';
/** The worker asks every minute; looking for overdue applications every ten minutes is soon enough for a limit counted in days. */
const ESCALATION_EVERY_MS = 10 * 60_000;
const ACTIVE = ['reviewing', 'approved', 'paying'] as const;
const PROGRESS_FIELDS = { status: 1, stage: 1, stages: 1, timeline: 1, programId: 1, programName: 1, collegeId: 1, employmentDistrict: 1, escalated: 1, updatedAt: 1 } as const;

type Waiting = Pick<SubsidyApplicationDoc, '_id' | 'status' | 'stage' | 'stages' | 'timeline' | 'programId' | 'programName' | 'collegeId' | 'employmentDistrict' | 'escalated' | 'updatedAt'>;

/**
 * Time limits of each stage (per program), the working-day calendar and the bureau's batch schedule:
 * where an application stands against them, overdue marks, escalation to the unit above, and counts.
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class SubsidyStagesService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private subsidyNotices!: SubsidyNoticeService;

  @Inject()
  private users!: UserService;

  @Inject()
  private invalidation!: CacheInvalidation;

  @Logger()
  private logger!: ILogger;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private cached?: { calendar: WorkingCalendar; schedule: BatchScheduleInput; until: number };
  private lastSweep = 0;

  @Init()
  async init(): Promise<void> {
    await this.invalidation.listen(SETTINGS_TOPIC, () => (this.cached = undefined));
    this.notices.registerReminderSource('subsidy-overdue', async now => {
      if (now.getTime() - this.lastSweep < ESCALATION_EVERY_MS) return 0;
      this.lastSweep = now.getTime();
      return this.escalateOverdue(now);
    });
  }

  // ---------------------------------------------------------------- settings

  private settingsChanged(): void {
    this.cached = undefined;
    this.invalidation.announce(SETTINGS_TOPIC);
  }

  private async calendarYears(): Promise<WorkingCalendarYear[]> {
    const docs = await this.db.model(CalendarYearModel).find({}).sort({ year: 1 }).limit(50).lean();
    const stored = new Map<number, WorkingCalendarYear>(
      docs.map(d => [d.year, { year: d.year, holidays: d.holidays, workdays: d.workdays, source: d.source, updatedAt: d.updatedAt.toISOString() }]),
    );
    for (const y of BUILT_IN_CALENDARS) if (!stored.has(y.year)) stored.set(y.year, y);
    return [...stored.values()].sort((a, b) => a.year - b.year);
  }

  private async schedule(): Promise<BatchSchedule> {
    const doc = await this.db.model(BatchScheduleModel).findOne({ key: 'schedule' }).lean();
    const publicityWorkingDays = doc?.publicityWorkingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS;
    return doc
      ? { daysOfMonth: doc.daysOfMonth, bankWorkingDays: doc.bankWorkingDays, publicityWorkingDays, updatedAt: doc.updatedAt.toISOString() }
      : { ...DEFAULT_BATCH_SCHEDULE, publicityWorkingDays };
  }

  private async settingsNow(): Promise<{ calendar: WorkingCalendar; schedule: BatchScheduleInput }> {
    if (this.cached && this.cached.until > Date.now()) return this.cached;
    const [years, schedule] = await Promise.all([this.calendarYears(), this.schedule()]);
    this.cached = { calendar: workingCalendar(years), schedule, until: Date.now() + SETTINGS_CACHE_MS };
    return this.cached;
  }

  /** The working days from `from` to `to` (`YYYY-MM-DD`, inclusive) by the bureau's calendar; the demo schedules events on them. */
  async workingDaysBetween(from: string, to: string): Promise<string[]> {
    const { calendar } = await this.settingsNow();
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) days.push(d);
    return days;
  }

  /** A notice published at `now`: its working days (the bureau's setting), last day and the moment it closes. */
  async publicityPeriod(now: Date): Promise<{ workingDays: number; lastDay: string; endsAt: Date }> {
    const [{ calendar }, schedule] = await Promise.all([this.settingsNow(), this.schedule()]);
    return publicityPeriod(now, schedule.publicityWorkingDays, calendar);
  }

  async settings(): Promise<StageSettingsView> {
    const [calendars, schedule, programs] = await Promise.all([
      this.calendarYears(),
      this.schedule(),
      this.db
        .model(SubsidyProgramModel)
        .find({}, { name: 1, period: 1, stageLimits: 1, offerMode: 1, applicantKind: 1, requiredDocuments: 1, conditions: 1, amount: 1 })
        .sort({ closesAt: -1, _id: -1 })
        .limit(200)
        .lean(),
    ]);
    return {
      schedule,
      calendars,
      programs: programs.map(p => {
        // Why the 免申即享 switch cannot be turned on, said before anyone tries.
        const blocked = p.offerMode === 'auto' ? [] : offerModeProblems({ ...p, offerMode: 'auto' });
        return {
          id: p._id.toHexString(),
          name: p.name,
          period: p.period,
          limits: limitsOf(p),
          custom: Boolean(p.stageLimits),
          offerMode: p.offerMode ?? 'apply',
          ...(blocked.length ? { offerModeBlocked: blocked.map(b => b.message).join('；') } : {}),
        };
      }),
    };
  }

  async setLimits(actor: AuthUser, programId: string, input: Record<string, unknown>, requestId?: string): Promise<StageLimits> {
    const limits = checkStageLimits(input);
    const before = await this.db.model(SubsidyProgramModel).findOneAndUpdate({ _id: programId }, { $set: { stageLimits: limits } }).lean();
    if (!before) throw notFound('补贴项目');
    await this.audit.record(
      actor,
      { action: 'subsidy.limits.update', targetType: 'subsidyProgram', targetId: programId, from: JSON.stringify(limitsOf(before)), to: JSON.stringify(limits) },
      requestId,
    );
    return limits;
  }

  async putCalendarYear(actor: AuthUser, year: number, input: WorkingCalendarYearInput, requestId?: string): Promise<WorkingCalendarYear> {
    const clean = checkCalendarYear(year, input);
    const doc = await this.db
      .model(CalendarYearModel)
      .findOneAndUpdate({ year }, { $set: { ...clean, updatedBy: actor.id } }, { upsert: true, new: true })
      .lean();
    this.settingsChanged();
    await this.audit.record(
      actor,
      { action: 'subsidy.calendar.update', targetType: 'subsidyCalendar', targetId: String(year), detail: { holidays: clean.holidays.length, workdays: clean.workdays.length, source: clean.source } },
      requestId,
    );
    if (!doc) throw notFound('工作日历');
    return { year, holidays: doc.holidays, workdays: doc.workdays, source: doc.source, updatedAt: doc.updatedAt.toISOString() };
  }

  async setSchedule(actor: AuthUser, input: BatchScheduleInput, requestId?: string): Promise<BatchSchedule> {
    const clean = checkBatchSchedule(input);
    const doc = await this.db
      .model(BatchScheduleModel)
      .findOneAndUpdate({ key: 'schedule' }, { $set: { ...clean, updatedBy: actor.id } }, { upsert: true, new: true })
      .lean();
    this.settingsChanged();
    await this.audit.record(actor, { action: 'subsidy.schedule.update', targetType: 'subsidySchedule', targetId: 'schedule', to: JSON.stringify(clean) }, requestId);
    if (!doc) throw new BizError('CONFLICT');
    return { ...clean, publicityWorkingDays: doc.publicityWorkingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS, updatedAt: doc.updatedAt.toISOString() };
  }

  // ---------------------------------------------------------------- progress

  private async limitsByProgram(ids: ReadonlyArray<Types.ObjectId>): Promise<Map<string, StageLimits>> {
    const unique = [...new Set(ids.map(id => id.toHexString()))].map(id => new Types.ObjectId(id));
    const programs = await this.db.model(SubsidyProgramModel).find({ _id: { $in: unique } }, { stageLimits: 1 }).lean();
    return new Map(programs.map(p => [p._id.toHexString(), limitsOf(p)]));
  }

  /** Each application's progress against its program's limits, by application id. */
  async progressOf(docs: ReadonlyArray<Pick<SubsidyApplicationDoc, '_id' | 'programId' | 'status' | 'stage' | 'stages' | 'timeline'>>): Promise<Map<string, StageProgress>> {
    const waiting = docs.filter(d => currentStage(d));
    if (waiting.length === 0) return new Map();
    const [{ calendar, schedule }, limits] = await Promise.all([this.settingsNow(), this.limitsByProgram(waiting.map(d => d.programId))]);
    const now = this.now();
    const out = new Map<string, StageProgress>();
    for (const d of waiting) {
      const ctx: ProgressContext = { limits: limitsOf({ stageLimits: limits.get(d.programId.toHexString()) }), calendar, schedule, now };
      const p = stageProgress(d, ctx);
      if (p) out.set(d._id.toHexString(), p);
    }
    return out;
  }

  /** The unit an application waits at, as people name it. */
  private unitOf(stage: LimitedStage, doc: Pick<SubsidyApplicationDoc, 'collegeId' | 'employmentDistrict'>): string {
    if (stage === 'college') return actorUnit('college', { collegeId: doc.collegeId }) ?? '高校';
    if (stage === 'district') return actorUnit('district', { districtCode: doc.employmentDistrict }) ?? '区市县人力资源和社会保障局';
    return BUREAU_UNIT;
  }

  /** Active applications submitted more than a day ago, in pages by id (the shortest limit is a working day). */
  private async *waiting(now: Date): AsyncGenerator<Waiting[]> {
    const apps = this.db.model(SubsidyApplicationModel);
    let after: Types.ObjectId | undefined;
    for (;;) {
      const page = await apps
        .find({ status: { $in: [...ACTIVE] }, submittedAt: { $lt: new Date(now.getTime() - DAY_MS) }, ...(after ? { _id: { $gt: after } } : {}) }, PROGRESS_FIELDS)
        .sort({ _id: 1 })
        .limit(500)
        .lean<Waiting[]>();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }

  /** Overdue applications per unit and stage (the staff dashboard). */
  async overdueCounts(): Promise<OverdueCount[]> {
    const now = this.now();
    const counts = new Map<string, OverdueCount>();
    for await (const page of this.waiting(now)) {
      const progress = await this.progressOf(page);
      for (const doc of page) {
        const p = progress.get(doc._id.toHexString());
        if (!p?.overdue) continue;
        const unit = this.unitOf(p.stage, doc);
        const key = `${p.stage}:${unit}`;
        const row = counts.get(key) ?? { stage: p.stage, unit, count: 0 };
        row.count += 1;
        counts.set(key, row);
      }
    }
    return [...counts.values()].sort((a, b) => LIMITED_STAGES.indexOf(a.stage) - LIMITED_STAGES.indexOf(b.stage) || b.count - a.count || a.unit.localeCompare(b.unit));
  }

  /** The bureau sees every unit; a college or district reviewer the rows of its own unit. */
  async overdueCountsFor(user: AuthUser): Promise<OverdueCount[]> {
    const rows = await this.overdueCounts();
    if (user.roles.includes('bureau')) return rows;
    const units = new Set<string>();
    if (user.roles.includes('college')) units.add(actorUnit('college', user.scope) ?? '');
    if (user.roles.includes('district')) units.add(actorUnit('district', user.scope) ?? '');
    return rows.filter(r => (r.stage === 'college' || r.stage === 'district') && units.has(r.unit));
  }

  /**
   * Tells the bureau (the unit above colleges and districts; for its own stages, the bureau itself) about every application past its stage's limit, once per application and wait: the
   * mark and the notice are one conditional update, so of several processes sweeping at once one writes.
   */
  async escalateOverdue(now: Date = this.now()): Promise<number> {
    const apps = this.db.model(SubsidyApplicationModel);
    let bureau: Types.ObjectId[] | undefined;
    let written = 0;
    for await (const page of this.waiting(now)) {
      const progress = await this.progressOf(page);
      for (const doc of page) {
        const p = progress.get(doc._id.toHexString());
        const current = currentStage(doc);
        if (!p?.overdue || !current) continue;
        const wait = escalationKey(current);
        if (doc.escalated?.includes(wait)) continue;
        bureau ??= (await this.users.staffOf('bureau', 50)).map(u => u._id);
        if (bureau.length === 0) {
          this.logger.warn('[subsidy] overdue applications found but no bureau account to tell');
          return written;
        }
        const entry = this.notices.outboxEntry(
          bureau,
          { type: 'subsidy.overdue', applicationId: doc._id.toHexString(), programName: doc.programName, stage: p.stage, unit: this.unitOf(p.stage, doc), deadline: p.deadline, wait },
          now,
        );
        const res = await apps.updateOne({ _id: doc._id, updatedAt: doc.updatedAt, escalated: { $ne: wait } }, { $addToSet: { escalated: wait }, $push: { pendingNotices: entry } });
        if (res.modifiedCount === 0) continue;
        written += 1;
        await this.subsidyNotices.flush(doc._id);
      }
    }
    return written;
  }
}
