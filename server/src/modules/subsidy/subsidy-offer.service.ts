import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { OfferConfirmInput, OfferProgramCounts, SubsidyOfferView } from '../../contract/subsidy-offer';
import { beijingDay } from '../../contract/time';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { RegistryService } from '../registry/registry.service';
import { UserService } from '../user/user.service';
import { SubsidyApplyService } from './subsidy-apply.service';
import { SubsidyMatchService } from './subsidy-match.service';
import { SubsidyOfferModel, type SubsidyOfferDoc } from './subsidy-offer.model';
import { SubsidyProgramModel } from './subsidy.model';
import { offerExpiresOn, offerMessage, offerStatus, offerStep } from './subsidy.offer.rules';
import { isWindowOpen } from './subsidy.rules';

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

/**
 * 免申即享: the offers a match wrote (`SubsidyMatchService`), their counts, and the graduate's one tap. The
 * confirmation goes through the ordinary submission (`SubsidyApplyService.save`: consent, sealed account,
 * eligibility, review stages), so everything after it is the same as for an application filled in by hand.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyOfferService {
  @Inject()
  private db!: Database;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private users!: UserService;

  @Inject()
  private apply!: SubsidyApplyService;

  @Inject()
  private matches!: SubsidyMatchService;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get offers() {
    return this.db.model(SubsidyOfferModel);
  }

  /** Every 免申即享 program with its offers by state. */
  async counts(): Promise<OfferProgramCounts[]> {
    const now = this.now();
    const today = beijingDay(now);
    const programs = await this.db.model(SubsidyProgramModel).find({ offerMode: 'auto' }).sort({ closesAt: -1, _id: -1 }).limit(100).lean();
    const runs = await this.matches.lastRuns(programs.map(p => p._id));
    return Promise.all(
      programs.map(async p => {
        const count = (filter: Record<string, unknown>) => this.offers.countDocuments({ programId: p._id, ...filter });
        const [offered, confirmed, declined, expired] = await Promise.all([
          count({ status: 'offered', expiresAt: { $gte: now } }),
          count({ status: 'confirmed' }),
          count({ status: 'declined' }),
          count({ status: 'offered', expiresAt: { $lt: now } }),
        ]);
        const lastRun = runs.get(p._id.toHexString());
        return {
          programId: p._id.toHexString(),
          programName: p.name,
          period: p.period,
          open: p.active && isWindowOpen(p.opensAt, p.closesAt, today),
          offered,
          confirmed,
          declined,
          expired,
          ...(lastRun ? { lastRun } : {}),
        };
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
