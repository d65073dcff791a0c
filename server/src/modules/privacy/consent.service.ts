import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { CONSENT_PURPOSES, CONSENT_TEXTS, type ConsentPurpose, type ConsentView } from '../../contract/privacy';
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
      throw new BizError(record ? 'CONSENT_WITHDRAWN' : 'CONSENT_NOT_GIVEN');
    }
    return this.viewOf(userId, purpose);
  }

  /**
   * Called by a module before it processes sensitive data for `purpose`: throws 409 CONSENT_REQUIRED /
   * CONSENT_WITHDRAWN. `offered` is the form's own consent box; it counts only as a first consent, and
   * `confirm` records it once the module's own change has succeeded (a refused request records nothing).
   */
  async check(userId: string, purpose: ConsentPurpose, offered: boolean): Promise<{ confirm: () => Promise<void> }> {
    const text = CONSENT_TEXTS[purpose];
    const verdict = processingVerdict(consentStatus(await this.find(userId, purpose), text.version), offered);
    if (verdict.code) throw new BizError(verdict.code, undefined, 'consent');
    return {
      confirm: async () => {
        if (verdict.record) await this.give(userId, purpose, text.version);
      },
    };
  }

  /**
   * For saving what the user typed before submitting (a draft): refused once the consent was withdrawn or
   * its text changed; a draft before any consent is still kept, and submitting asks for it (`require`).
   */
  async refuseIfWithdrawn(userId: string, purpose: ConsentPurpose): Promise<void> {
    const status = consentStatus(await this.find(userId, purpose), CONSENT_TEXTS[purpose].version);
    if (status === 'withdrawn' || status === 'outdated') throw new BizError(processingVerdict(status, false).code ?? 'CONSENT_REQUIRED', undefined, 'consent');
  }

  private async viewOf(userId: string, purpose: ConsentPurpose): Promise<ConsentView> {
    const views = await this.list(userId);
    return views.find(view => view.purpose === purpose) as ConsentView;
  }
}
