import { Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { Types } from 'mongoose';
import type { OfferConfirmInput, OfferMatchReport, OfferProgramCounts, SubsidyOfferView } from '../../contract/subsidy-offer';
import { beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { InsuranceService } from '../insurance/insurance.service';
import { NoticeService } from '../notice/notice.service';
import { RegistryService } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import { SubsidyApplyService } from './subsidy-apply.service';
import { SubsidyOfferModel, type SubsidyOfferDoc } from './subsidy-offer.model';
import { checkOpenProgram } from './subsidy.form.rules';
import { SubsidyApplicationModel, SubsidyProgramModel, type SubsidyProgramDoc } from './subsidy.model';
import { offerExpiresOn, offerExpiry, offerFacts, offerKey, offerMessage, offerStatus, offerStep } from './subsidy.offer.rules';
import { evaluate, isWindowOpen, referencedFields } from './subsidy.rules';

/** Registry records per step of a match: one cursor batch and one unordered insert. */
export const MATCH_PAGE = 2000;

export function toOfferView(doc: SubsidyOfferDoc, now: Date): SubsidyOfferView {
  return {
    id: doc._id.toHexString(),
    programId: doc.programId.toHexString(),
    programName: doc.programName,
    period: doc.period,
    amount: doc.amount,
    message: offerMessage(doc.programName, doc.amount),
    explanation: doc.explanation,
    status: offerStatus(doc, now),
    expiresOn: offerExpiresOn(doc.expiresAt),
    prefill: doc.prefill,
    sources: doc.sources,
    ...(doc.applicationId ? { applicationId: doc.applicationId.toHexString() } : {}),
    offeredAt: doc.createdAt.toISOString(),
  };
}

function isDuplicateKey(err: unknown): err is { code: number; result?: { insertedCount?: number }; writeErrors?: Array<{ code: number }> } {
  const e = err as { code?: number; writeErrors?: Array<{ code: number }> };
  return e?.code === 11000 || (Array.isArray(e?.writeErrors) && e.writeErrors.every(w => w.code === 11000));
}

/**
 * 免申即享: matching a program against the records, the offers it writes, and the graduate's one tap. The
 * confirmation goes through the ordinary submission (`SubsidyApplyService.save`: consent, sealed account,
 * eligibility, review stages), so everything after it is the same as for an application filled in by hand.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyOfferService {
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
  private users!: UserService;

  @Inject()
  private apply!: SubsidyApplyService;

  @Inject()
  private audit!: AuditService;

  @Logger()
  private logger!: ILogger;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get offers() {
    return this.db.model(SubsidyOfferModel);
  }

  private async autoProgram(id: string): Promise<SubsidyProgramDoc> {
    const program = Types.ObjectId.isValid(id) ? await this.db.model(SubsidyProgramModel).findOne({ _id: new Types.ObjectId(id), active: true }).lean() : null;
    if (!program) throw notFound('补贴项目');
    if (program.offerMode !== 'auto') throw new BizError('SUBSIDY_OFFER_MODE_OFF');
    return program;
  }

  /**
   * Reads the insurance records once into memory by person, walks the whole registry in one cursor pass,
   * evaluates the program's rules for each person and inserts the offers not held yet. The keys
   * held for the program are read once at the start; the unique `offerKey` (program, period, person) settles
   * the rest, so a rerun, or two runs at once, never writes a second offer (a concurrent run's insert of
   * the same key is a duplicate-key error: already offered), and nobody who declined or let an offer expire is
   * offered again in the period. Graduates with an account are told once (inbox + subscribe message).
   */
  async runMatch(actor: AuthUser, programId: string, requestId?: string, progress?: (line: string) => void): Promise<OfferMatchReport> {
    const started = Date.now();
    const now = this.now();
    const today = beijingDay(now);
    const program = checkOpenProgram(await this.autoProgram(programId), 'graduate', today);
    const needsId = referencedFields(program).includes('age');
    const expiresAt = offerExpiry(program.closesAt, now);
    const report: OfferMatchReport = { programId, scanned: 0, matched: 0, created: 0, notified: 0, elapsedMs: 0 };
    const held = await this.heldKeys(program);
    const spellsOf = await this.insurance.allSpellsByHash(MATCH_PAGE);
    for await (const page of this.registry.matchBatches(MATCH_PAGE, needsId)) {
      report.scanned += page.length;
      // A person registered in two graduation years is one person: one offer (the held keys see to it across pages).
      const newest = new Map(page.map(r => [r.idNumberHash, r]));
      const applied = await this.appliedUsers(program, [...newest.values()].flatMap(r => (r.userId ? [r.userId] : [])));
      const fresh: Array<Omit<SubsidyOfferDoc, '_id' | 'updatedAt'>> = [];
      const linkedKeys: string[] = [];
      for (const record of newest.values()) {
        if (record.userId && applied.has(record.userId.toHexString())) continue;
        const idNumber = needsId && record.idNumberEnc ? this.pii.open(record.idNumberEnc) : undefined;
        const { facts, prefill, sources } = offerFacts(record, spellsOf.get(record.idNumberHash) ?? [], idNumber, today);
        if (!prefill) continue;
        const eligibility = evaluate(program, facts, today);
        if (eligibility.outcome !== 'eligible' || eligibility.amount === undefined) continue;
        report.matched += 1;
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
          createdAt: now,
        });
      }
      if (fresh.length > 0) report.created += await this.insert(fresh);
      if (linkedKeys.length > 0) report.notified += await this.tellNew(linkedKeys);
      const line = `匹配「${program.name}」：已读取 ${report.scanned} 条实名库记录，符合 ${report.matched}，新建提醒 ${report.created}`;
      progress?.(line);
      this.logger.info('[subsidy-offer] %s', line);
    }
    report.elapsedMs = Date.now() - started;
    await this.audit.record(
      actor,
      { action: 'subsidy.offers.match', targetType: 'subsidyProgram', targetId: programId, detail: { ...report } },
      requestId,
    );
    return report;
  }

  /** The keys of the program's offers for its period, read once per run (a city's year is a few MB of keys). */
  private async heldKeys(program: SubsidyProgramDoc): Promise<Set<string>> {
    const keys = new Set<string>();
    const cursor = this.offers.find({ programId: program._id, period: program.period }, { offerKey: 1, _id: 0 }).batchSize(MATCH_PAGE).lean<Array<Pick<SubsidyOfferDoc, 'offerKey'>>>().cursor();
    for await (const doc of cursor) keys.add((doc as Pick<SubsidyOfferDoc, 'offerKey'>).offerKey);
    return keys;
  }

  /** Unordered inserts; a concurrent run's insert of the same key is a duplicate-key error, i.e. already offered. */
  private async insert(docs: Array<Omit<SubsidyOfferDoc, '_id' | 'updatedAt'>>): Promise<number> {
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
  private async tellNew(keys: string[]): Promise<number> {
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
      await this.offers.updateOne({ _id: offer._id, notifiedAt: { $exists: false } }, { $set: { notifiedAt: this.now() } });
    }
    return told;
  }

  /** Every 免申即享 program with its offers by state. */
  async counts(): Promise<OfferProgramCounts[]> {
    const now = this.now();
    const today = beijingDay(now);
    const programs = await this.db.model(SubsidyProgramModel).find({ offerMode: 'auto' }).sort({ closesAt: -1, _id: -1 }).limit(100).lean();
    return Promise.all(
      programs.map(async p => {
        const count = (filter: Record<string, unknown>) => this.offers.countDocuments({ programId: p._id, ...filter });
        const [offered, confirmed, declined, expired] = await Promise.all([
          count({ status: 'offered', expiresAt: { $gte: now } }),
          count({ status: 'confirmed' }),
          count({ status: 'declined' }),
          count({ status: 'offered', expiresAt: { $lt: now } }),
        ]);
        return { programId: p._id.toHexString(), programName: p.name, period: p.period, open: p.active && isWindowOpen(p.opensAt, p.closesAt, today), offered, confirmed, declined, expired };
      }),
    );
  }

  /** The graduate's offers: by the account, and by their resident ID for records not linked yet. */
  async mine(user: AuthUser): Promise<SubsidyOfferView[]> {
    const hash = (await this.users.cardOf(user.id))?.idNumberHash;
    const who = [{ userId: new Types.ObjectId(user.id) }, ...(hash ? [{ idNumberHash: hash }] : [])];
    const docs = await this.offers.find({ $or: who }).sort({ createdAt: -1, _id: -1 }).limit(50).lean();
    const now = this.now();
    return docs.map(d => toOfferView(d, now));
  }

  /** The offer, if it is this graduate's; another person's is not found (as every record of someone else). */
  private async ownOffer(user: AuthUser, id: string): Promise<SubsidyOfferDoc> {
    const doc = Types.ObjectId.isValid(id) ? await this.offers.findById(id).lean() : null;
    if (doc) {
      if (doc.userId?.toHexString() === user.id) return doc;
      const hash = (await this.users.cardOf(user.id))?.idNumberHash;
      if (hash && hash === doc.idNumberHash && !doc.userId) return doc;
    }
    throw notFound('补贴提醒');
  }

  /**
   * The one tap: the records fill the application, the graduate adds consent and the receiving account, and
   * it is submitted through the ordinary path (the same unique application key: a retry or a second tap
   * answers the same application). Then the offer is marked, conditionally on being still open.
   */
  async confirm(user: AuthUser, id: string, input: OfferConfirmInput): Promise<SubsidyOfferView> {
    const offer = await this.ownOffer(user, id);
    if (offerStep(offer, 'confirm', this.now()) === 'answer') return toOfferView(offer, this.now());
    if (input.consent !== true) throw new BizError('SUBSIDY_CONSENT_REQUIRED', undefined, 'consent');
    const idNumber = await this.registry.idNumberOf(offer.registryId);
    if (!idNumber) throw notFound('毕业生记录');
    const app = await this.apply.save(user, {
      programId: offer.programId.toHexString(),
      form: { ...offer.prefill, idNumber, bankName: input.bankName, bankAccount: input.bankAccount },
      submit: true,
      consent: true,
    });
    const decidedAt = this.now();
    const done = await this.offers.findOneAndUpdate(
      { _id: offer._id, status: 'offered' },
      { $set: { status: 'confirmed', applicationId: new Types.ObjectId(app.id), decidedAt, userId: new Types.ObjectId(user.id) } },
      { new: true },
    ).lean();
    return toOfferView(done ?? (await this.offers.findById(offer._id).lean()) ?? offer, decidedAt);
  }

  /** 不需要: closes the offer; nothing else is written. */
  async decline(user: AuthUser, id: string): Promise<SubsidyOfferView> {
    const offer = await this.ownOffer(user, id);
    const now = this.now();
    if (offerStep(offer, 'decline', now) === 'answer') return toOfferView(offer, now);
    const done = await this.offers
      .findOneAndUpdate({ _id: offer._id, status: 'offered', expiresAt: { $gte: now } }, { $set: { status: 'declined', decidedAt: now, userId: new Types.ObjectId(user.id) } }, { new: true })
      .lean();
    if (!done) throw new BizError('SUBSIDY_STATE_CHANGED');
    return toOfferView(done, now);
  }
}
