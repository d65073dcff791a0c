import { Autoload, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { randomUUID } from 'crypto';
import { Types } from 'mongoose';
import { graduateFormKeys } from '../../contract/subsidy-eligibility';
import type { OfferMatchRun } from '../../contract/subsidy-offer';
import { beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import { Drain } from '../../core/drain';
import { BizError, notFound } from '../../core/errors';
import { PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { InsuranceService } from '../insurance/insurance.service';
import { NoticeService } from '../notice/notice.service';
import { RegistryService } from '../registry/registry.service';
import { SubsidyMatchRunModel, type SubsidyMatchRunDoc } from './subsidy-match-run.model';
import { SubsidyOfferModel, type SubsidyOfferDoc } from './subsidy-offer.model';
import { checkOpenProgram } from './subsidy.form.rules';
import { SubsidyApplicationModel, SubsidyProgramModel, type SubsidyProgramDoc } from './subsidy.model';
import { offerExpiresOn, offerExpiry, offerFacts, offerKey } from './subsidy.offer.rules';
import { evaluate, referencedFields } from './subsidy.rules';

/** Registry records per step of a match: one cursor batch, one unordered insert, one checkpoint. */
export const MATCH_PAGE = 2000;
/** A run's lease; renewed with every page (a page takes well under a second), so only a dead owner lets it lapse. */
export const MATCH_LEASE_MS = 30_000;

type NewOffer = Omit<SubsidyOfferDoc, '_id' | 'updatedAt'>;

function isDuplicateKey(err: unknown): err is { code?: number; result?: { insertedCount?: number }; writeErrors?: Array<{ code: number }> } {
  const e = err as { code?: number; writeErrors?: Array<{ code: number }> };
  return e?.code === 11000 || (Array.isArray(e?.writeErrors) && e.writeErrors.every(w => w.code === 11000));
}

export function toRunView(doc: SubsidyMatchRunDoc): OfferMatchRun {
  return {
    id: doc._id.toHexString(),
    programId: doc.programId.toHexString(),
    status: doc.status,
    total: doc.total,
    scanned: doc.scanned,
    matched: doc.matched,
    created: doc.created,
    notified: doc.notified,
    startedAt: doc.startedAt.toISOString(),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
    ...(doc.elapsedMs !== undefined ? { elapsedMs: doc.elapsedMs } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  };
}

/**
 * 免申即享 match runs. Starting one writes a run record and answers at once; the process that wrote it works the
 * run in the background under a lease (`findOneAndUpdate` that sets owner and expiry, renewed with each page's
 * checkpoint). A run whose owner died is taken over when its lease has run out — by the worker's minute tick, or
 * at once when staff look at it — and resumes after the last page done. The offer key (program, period, person)
 * is unique, so a page done twice, a rerun or two processes at once never write a second offer.
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class SubsidyMatchService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private insurance!: InsuranceService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private audit!: AuditService;

  @Logger()
  private logger!: ILogger;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  @Inject()
  private drain!: Drain;

  /** Registry records per page (tests make it small to see a run stop between pages). */
  pageSize = MATCH_PAGE;

  /** Runs this process works on, so a stop can wait for them to reach a checkpoint. */
  private readonly driving = new Map<string, Promise<void>>();

  /** Set when the process stops: each run ends its page, hands its lease back and stops. */
  private stopping = false;

  @Init()
  async init(): Promise<void> {
    this.notices.registerReminderSource('subsidy-match-runs', now => this.takeOverExpired(now));
    this.drain.onDrain(() => this.handBack());
  }

  /**
   * A stopping process (a rolling restart) does not keep its runs until their leases run out: each finishes the
   * page it is on, writes its checkpoint and gives the lease up (expired at once), so another process takes the
   * run over at its next look or minute tick and resumes there.
   */
  async handBack(): Promise<void> {
    this.stopping = true;
    await this.settled();
  }

  /** Takes runs again after `handBack` (tests; a process that stops does not come back). */
  resume(): void {
    this.stopping = false;
  }

  private get runs() {
    return this.db.model(SubsidyMatchRunModel);
  }

  private get offers() {
    return this.db.model(SubsidyOfferModel);
  }

  private async autoProgram(id: string | Types.ObjectId): Promise<SubsidyProgramDoc> {
    const program = Types.ObjectId.isValid(id) ? await this.db.model(SubsidyProgramModel).findOne({ _id: new Types.ObjectId(id), active: true }).lean() : null;
    if (!program) throw notFound('补贴项目');
    if (program.offerMode !== 'auto') throw new BizError('SUBSIDY_OFFER_MODE_OFF');
    return program;
  }

  /**
   * Starts a match of the program, or answers the run already running for it (a second start, a retried
   * request, two staff at once: one run). The work goes on after the answer.
   */
  async start(actor: AuthUser, programId: string, requestId?: string): Promise<OfferMatchRun> {
    const now = this.now();
    const program = checkOpenProgram(await this.autoProgram(programId), 'graduate', beijingDay(now));
    const runningKey = `${programId}:${program.period}`;
    const running = await this.runs.findOne({ runningKey }).lean();
    if (running) return toRunView(await this.takeOverIfExpired(running, now));
    const owner = randomUUID();
    let doc: SubsidyMatchRunDoc;
    try {
      doc = (
        await this.runs.create({
          programId: program._id,
          period: program.period,
          runningKey,
          status: 'running',
          actor: { id: actor.id, roles: [...actor.roles], scope: { ...actor.scope }, sessionId: actor.sessionId },
          requestId,
          total: await this.registry.recordCount(),
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + MATCH_LEASE_MS),
          startedAt: now,
        })
      ).toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const other = await this.runs.findOne({ runningKey }).lean();
      if (!other) throw new BizError('CONFLICT');
      return toRunView(other);
    }
    await this.audit.record(actor, { action: 'subsidy.offers.match.start', targetType: 'subsidyProgram', targetId: programId, to: doc._id.toHexString() }, requestId);
    this.drive(doc._id, owner);
    return toRunView(doc);
  }

  /** A run, as staff poll it; a run whose owner died is taken over here and now. */
  async get(id: string): Promise<OfferMatchRun> {
    const doc = Types.ObjectId.isValid(id) ? await this.runs.findById(id).lean() : null;
    if (!doc) throw notFound('比对任务');
    return toRunView(await this.takeOverIfExpired(doc, this.now()));
  }

  /** The newest run of each program (the staff page shows it, and polls it while it runs). */
  async lastRuns(programIds: Types.ObjectId[]): Promise<Map<string, OfferMatchRun>> {
    const found = new Map<string, OfferMatchRun>();
    await Promise.all(
      programIds.map(async id => {
        const doc = await this.runs.findOne({ programId: id }).sort({ startedAt: -1, _id: -1 }).lean();
        if (doc) found.set(id.toHexString(), toRunView(doc));
      }),
    );
    return found;
  }

  /** The worker's minute tick: every running run whose lease ran out is taken over by this process. */
  async takeOverExpired(now: Date): Promise<number> {
    const expired = await this.runs.find({ status: 'running', leaseUntil: { $lt: now } }, { _id: 1, leaseUntil: 1, status: 1 }).limit(20).lean();
    let taken = 0;
    for (const run of expired) if ((await this.takeOverIfExpired(run as SubsidyMatchRunDoc, now)).status === 'running') taken += 1;
    return taken;
  }

  /** Waits for the runs this process is working on (tests, and a stop that wants their last checkpoint). */
  async settled(): Promise<void> {
    while (this.driving.size > 0) await Promise.all([...this.driving.values()]);
  }

  private async takeOverIfExpired(run: SubsidyMatchRunDoc, now: Date): Promise<SubsidyMatchRunDoc> {
    if (run.status !== 'running' || !run.leaseUntil || run.leaseUntil.getTime() >= now.getTime()) return run;
    const owner = randomUUID();
    const taken = await this.runs
      .findOneAndUpdate(
        { _id: run._id, status: 'running', leaseUntil: { $lt: now } },
        { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + MATCH_LEASE_MS) }, $inc: { takeovers: 1 } },
        { new: true },
      )
      .lean();
    if (!taken) return (await this.runs.findById(run._id).lean()) ?? run;
    this.logger.warn('[subsidy-match] run %s: the lease of its owner ran out, resuming after %s', run._id.toHexString(), taken.after?.toHexString() ?? 'the start');
    this.drive(taken._id, owner);
    return taken;
  }

  /** Works the run in the background; whatever happens is written to the run, never thrown at a request. */
  private drive(id: Types.ObjectId, owner: string): void {
    const key = id.toHexString();
    const work = this.work(id, owner)
      .catch(async (err: Error) => {
        this.logger.error('[subsidy-match] run %s failed: %s', key, err.stack ?? err.message);
        await this.runs
          .updateOne(
            { _id: id, leaseOwner: owner, status: 'running' },
            { $set: { status: 'failed', finishedAt: this.now(), error: '比对中断，请重新运行数据比对（已发出的提醒不会重复发送）' }, $unset: { runningKey: 1, leaseOwner: 1, leaseUntil: 1 } },
          )
          .catch((e: Error) => this.logger.error('[subsidy-match] run %s: could not record the failure: %s', key, e.message));
      })
      .finally(() => this.driving.delete(key));
    this.driving.set(key, work);
  }

  /**
   * Reads the insurance records once into memory by person, walks the registry from the run's checkpoint in
   * `_id` order, evaluates the program's rules for each person and inserts the offers not held yet. Each page ends
   * with one conditional update (checkpoint, figures, lease): a process that lost the lease stops there.
   */
  private async work(id: Types.ObjectId, owner: string): Promise<void> {
    const run = await this.runs.findOne({ _id: id, leaseOwner: owner, status: 'running' }).lean();
    if (!run) return;
    const started = Date.now();
    const now = this.now();
    const today = beijingDay(now);
    const program = await this.autoProgram(run.programId);
    const programId = program._id.toHexString();
    const needsId = referencedFields(program).includes('age');
    // A program with a district review needs the district on the form: without one in the records the one tap
    // could not submit, so such a person is not offered (they apply by hand).
    const needsDistrict = graduateFormKeys(program).includes('employmentDistrict');
    const expiresAt = offerExpiry(program.closesAt, now);
    const held = await this.heldKeys(program);
    const spellsOf = await this.insurance.allSpellsByHash(MATCH_PAGE);
    let figures = { scanned: run.scanned, matched: run.matched, created: run.created };
    for await (const page of this.registry.matchBatches(this.pageSize, needsId, run.after)) {
      // A person registered in two graduation years is one person: one offer (the held keys see to it across pages).
      const newest = new Map(page.map(r => [r.idNumberHash, r]));
      const applied = await this.appliedUsers(program, [...newest.values()].flatMap(r => (r.userId ? [r.userId] : [])));
      const fresh: NewOffer[] = [];
      const linkedKeys: string[] = [];
      let matched = 0;
      for (const record of newest.values()) {
        if (record.userId && applied.has(record.userId.toHexString())) continue;
        const idNumber = needsId && record.idNumberEnc ? this.pii.open(record.idNumberEnc) : undefined;
        const { facts, prefill, sources } = offerFacts(record, spellsOf.get(record.idNumberHash) ?? [], idNumber, today);
        if (!prefill || (needsDistrict && !prefill.employmentDistrict)) continue;
        const eligibility = evaluate(program, facts, today);
        if (eligibility.outcome !== 'eligible' || eligibility.amount === undefined) continue;
        matched += 1;
        const key = offerKey(programId, program.period, record.idNumberHash);
        if (record.userId) linkedKeys.push(key);
        if (held.has(key)) continue;
        held.add(key);
        fresh.push({
          offerKey: key,
          programId: program._id,
          programName: program.name,
          period: program.period,
          idNumberHash: record.idNumberHash,
          registryId: record._id,
          ...(record.userId ? { userId: record.userId } : {}),
          amount: eligibility.amount,
          explanation: eligibility.explanation,
          prefill,
          sources,
          status: 'offered',
          expiresAt,
          runId: id,
          createdAt: now,
        });
      }
      const created = fresh.length > 0 ? await this.insert(fresh) : 0;
      const notified = linkedKeys.length > 0 ? await this.tellNew(linkedKeys, id) : 0;
      const checkpoint = await this.runs
        .findOneAndUpdate(
          { _id: id, leaseOwner: owner, status: 'running' },
          {
            $set: { after: page[page.length - 1]._id, leaseUntil: new Date(Date.now() + MATCH_LEASE_MS) },
            $inc: { scanned: page.length, matched, created, notified },
          },
          { new: true },
        )
        .lean();
      if (!checkpoint) {
        this.logger.warn('[subsidy-match] run %s: lease lost to another process, stopping here', id.toHexString());
        return;
      }
      figures = { scanned: checkpoint.scanned, matched: checkpoint.matched, created: checkpoint.created };
      this.logger.info('[subsidy-match] 匹配「%s」：已读取 %d 条实名库记录，符合 %d，新建提醒 %d', program.name, figures.scanned, figures.matched, figures.created);
      if (this.stopping) {
        await this.runs.updateOne({ _id: id, leaseOwner: owner, status: 'running' }, { $set: { leaseUntil: new Date(0) } });
        this.logger.info('[subsidy-match] run %s: this process is stopping; lease handed back after %d records', id.toHexString(), figures.scanned);
        return;
      }
    }
    // Exact figures whoever did which page: a page a dead owner wrote before its checkpoint is counted once here.
    const [created, notified] = await Promise.all([this.offers.countDocuments({ runId: id }), this.offers.countDocuments({ notifiedRun: id })]);
    const finishedAt = this.now();
    const done = await this.runs
      .findOneAndUpdate(
        { _id: id, leaseOwner: owner, status: 'running' },
        { $set: { status: 'done', created, notified, finishedAt, elapsedMs: finishedAt.getTime() - run.startedAt.getTime() }, $unset: { runningKey: 1, leaseOwner: 1, leaseUntil: 1 } },
        { new: true },
      )
      .lean();
    if (!done) return;
    await this.audit.record(
      done.actor,
      { action: 'subsidy.offers.match', targetType: 'subsidyProgram', targetId: programId, detail: { runId: id.toHexString(), ...figures, created, notified, workedMs: Date.now() - started } },
      done.requestId,
    );
  }

  /** The keys of the program's offers for its period, read once per run (a city's year is a few MB of keys). */
  private async heldKeys(program: SubsidyProgramDoc): Promise<Set<string>> {
    const keys = new Set<string>();
    const cursor = this.offers.find({ programId: program._id, period: program.period }, { offerKey: 1, _id: 0 }).batchSize(MATCH_PAGE).lean<Array<Pick<SubsidyOfferDoc, 'offerKey'>>>().cursor();
    for await (const doc of cursor) keys.add((doc as Pick<SubsidyOfferDoc, 'offerKey'>).offerKey);
    return keys;
  }

  /** Unordered inserts; an insert of a key already there (another run, a page done twice) is a duplicate: already offered. */
  private async insert(docs: NewOffer[]): Promise<number> {
    try {
      return (await this.offers.collection.insertMany(docs.map(d => ({ ...d, updatedAt: d.createdAt })), { ordered: false })).insertedCount;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return err.result?.insertedCount ?? 0;
    }
  }

  /** Accounts (of this page) that already have an application for the program and period. */
  private async appliedUsers(program: SubsidyProgramDoc, userIds: Types.ObjectId[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const apps = await this.db
      .model(SubsidyApplicationModel)
      .find({ applicantId: { $in: userIds }, programId: program._id, period: program.period }, { applicantId: 1 })
      .lean();
    return new Set(apps.map(a => a.applicantId.toHexString()));
  }

  /** Tells each account of these offers not told yet; `tell` writes one inbox row per offer, so a retry tells no one twice. */
  private async tellNew(keys: string[], runId: Types.ObjectId): Promise<number> {
    const due = await this.offers.find({ offerKey: { $in: keys }, userId: { $exists: true }, notifiedAt: { $exists: false } }).lean();
    let told = 0;
    for (const offer of due) {
      if (!offer.userId) continue;
      told += await this.notices.tell([offer.userId], {
        type: 'subsidy.offered',
        offerId: offer._id.toHexString(),
        programName: offer.programName,
        amount: offer.amount,
        expiresOn: offerExpiresOn(offer.expiresAt),
      });
      await this.offers.updateOne({ _id: offer._id, notifiedAt: { $exists: false } }, { $set: { notifiedAt: this.now(), notifiedRun: runId } });
    }
    return told;
  }
}
