import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { CONSENT_PURPOSES, CONSENT_TEXTS, type ConsentPurpose, type ConsentStatus, type ConsentView } from '../../contract/privacy';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import { ConsentModel, type ConsentDoc } from './consent.model';
import { consentStatus, processingVerdict } from './consent.rules';

/** Separate consents for sensitive personal information: given, listed, withdrawn, and checked before processing. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ConsentService {
  @Inject()
  private db!: Database;

  /** What a withdrawal ends, per purpose, registered at start-up by the module that owns the processing. */
  private readonly withdrawalEffects = new Map<ConsentPurpose, Array<(userId: string) => Promise<void>>>();

  /**
   * The owner of a purpose's processing says what stops when the consent is withdrawn (privacy imports no
   * owner). Effects must be idempotent: they run after the withdrawal is recorded, and again when a
   * withdrawal is repeated, so a failure half-way heals on retry.
   */
  onWithdrawn(purpose: ConsentPurpose, effect: (userId: string) => Promise<void>): void {
    this.withdrawalEffects.set(purpose, [...(this.withdrawalEffects.get(purpose) ?? []), effect]);
  }

  private async applyWithdrawal(userId: string, purpose: ConsentPurpose): Promise<void> {
    for (const effect of this.withdrawalEffects.get(purpose) ?? []) await effect(userId);
  }

  private get consents() {
    return this.db.model(ConsentModel);
  }

  private find(userId: string, purpose: ConsentPurpose): Promise<ConsentDoc | null> {
    return this.consents.findOne({ userId: new Types.ObjectId(userId), purpose }).lean();
  }

  async list(userId: string): Promise<ConsentView[]> {
    const records = await this.consents.find({ userId: new Types.ObjectId(userId) }).lean();
    return CONSENT_PURPOSES.map(purpose => {
      const text = CONSENT_TEXTS[purpose];
      const record = records.find(r => r.purpose === purpose) ?? null;
      return {
        ...text,
        status: consentStatus(record, text.version),
        givenVersion: record?.version,
        givenAt: record?.givenAt.toISOString(),
        withdrawnAt: record?.status === 'withdrawn' ? record.withdrawnAt?.toISOString() : undefined,
      };
    });
  }

  /** Agreeing to the current text. Agreeing again to what is already given changes nothing (a retried request). */
  async give(userId: string, purpose: ConsentPurpose, version: number): Promise<ConsentView> {
    const text = CONSENT_TEXTS[purpose];
    if (version !== text.version) throw new BizError('CONSENT_VERSION_OUTDATED', undefined, 'version');
    const now = new Date();
    const _id = new Types.ObjectId(userId);
    const filter = { userId: _id, purpose, $or: [{ status: { $ne: 'given' } }, { version: { $ne: version } }] };
    try {
      await this.consents.updateOne(
        filter,
        {
          $set: { status: 'given', version, scope: [...text.items], givenAt: now },
          $unset: { withdrawnAt: 1 },
          $push: { history: { event: 'given', version, at: now } },
        },
        { upsert: true },
      );
    } catch (err) {
      // Duplicate key: the consent exists and is already given at this version (a concurrent or repeated grant).
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    return this.viewOf(userId, purpose);
  }

  /** Withdrawing stops new processing for the purpose; withdrawing again is refused and changes nothing. */
  async withdraw(userId: string, purpose: ConsentPurpose): Promise<ConsentView> {
    const now = new Date();
    const done = await this.consents.findOneAndUpdate(
      { userId: new Types.ObjectId(userId), purpose, status: 'given' },
      { $set: { status: 'withdrawn', withdrawnAt: now }, $push: { history: { event: 'withdrawn', version: CONSENT_TEXTS[purpose].version, at: now } } },
      { new: true },
    );
    if (!done) {
      const record = await this.find(userId, purpose);
      if (record?.status === 'withdrawn') await this.applyWithdrawal(userId, purpose);
      throw new BizError(record ? 'CONSENT_WITHDRAWN' : 'CONSENT_NOT_GIVEN');
    }
    await this.applyWithdrawal(userId, purpose);
    return this.viewOf(userId, purpose);
  }

  /**
   * Called by a module before it processes sensitive data for `purpose` (before it writes anything): 409
   * CONSENT_REQUIRED without a consent to the current text, CONSENT_WITHDRAWN after a withdrawal.
   */
  async require(userId: string, purpose: ConsentPurpose): Promise<void> {
    const verdict = processingVerdict(consentStatus(await this.find(userId, purpose), CONSENT_TEXTS[purpose].version));
    if (!verdict.allowed) throw new BizError(verdict.code, undefined, 'consent');
  }

  /** The status alone, for modules that decide what a withdrawal ends (the recruiter's real-name check). */
  async statusOf(userId: string, purpose: ConsentPurpose): Promise<ConsentStatus> {
    return consentStatus(await this.find(userId, purpose), CONSENT_TEXTS[purpose].version);
  }

  private async viewOf(userId: string, purpose: ConsentPurpose): Promise<ConsentView> {
    const views = await this.list(userId);
    return views.find(view => view.purpose === purpose) as ConsentView;
  }
}
