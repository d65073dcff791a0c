import { Autoload, Config, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { Types } from 'mongoose';
import type { Page } from '../../contract/common';
import type { AbnormalEntry, AbnormalEntryInput, JobHold, RealNameInput, RealNameStatus } from '../../contract/job';
import { isValidResidentId, normaliseResidentId } from '../../contract/resident-id';
import { isValidUscc, normaliseUscc } from '../../contract/uscc';
import { Database } from '../../core/database';
import { BizError, invalidField } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import { maskResidentId, PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import type { SeedCounter } from '../../core/demo';
import { AuditService } from '../audit/audit.service';
import { NoticeService } from '../notice/notice.service';
import { ConsentService } from '../privacy/consent.service';
import { UserService } from '../user/user.service';
import { EnterpriseModel } from './enterprise.model';
import { realNameExpiry, realNameState, REAL_NAME_REMIND_DAYS } from './standing.rules';
import { AbnormalModel, RealNameModel, type AbnormalDoc, type RealNameDoc } from './standing.model';

/** Whose jobs (and live sessions) a standing change concerns. */
export interface StandingTarget {
  /** Recruiters: the jobs they published. */
  userIds?: Types.ObjectId[];
  /** Enterprises: all their jobs. */
  enterpriseIds?: Types.ObjectId[];
}

/**
 * Modules that show things under an enterprise or recruiter (jobs, live sessions) register here at
 * start-up: this module cannot import them (they import it). Both calls must be idempotent.
 */
export interface StandingListener {
  hold(target: StandingTarget, cause: JobHold): Promise<unknown>;
  release(target: StandingTarget, cause: JobHold): Promise<unknown>;
}

/** A fictional resident ID (region 210202, born 1990-01-01) with a valid GB 11643 check digit, for the demo recruiter. */
const DEMO_RECRUITER_ID = '210202199001011232';
/** The demo recruiter's fictional phone (13800000000 is the conventional placeholder). */
const DEMO_RECRUITER_PHONE = '13800000000';

function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`;
}

/**
 * Whether a recruiter or an enterprise may recruit here: the recruiter's real-name check (WeChat-verified
 * phone + resident ID, sealed; renewed every six months) and the 异常名录. A lapse or a listing holds
 * their jobs through the registered listeners; a renewal or a removal releases them.
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class StandingService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private users!: UserService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private consents!: ConsentService;

  @Logger()
  private logger!: ILogger;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private listeners = new Map<string, StandingListener>();

  @Init()
  init(): void {
    this.notices.registerReminderSource('recruiter-real-name', now => this.sweep(now));
    // Without the separate consent the verified identity no longer stands behind the recruiter's jobs:
    // they are held until the recruiter agrees again and verifies (the check itself is kept, see privacy.md).
    this.consents.onWithdrawn('real-name', userId => this.tellListeners('hold', { userIds: [new Types.ObjectId(userId)] }, 'real-name-withdrawn'));
  }

  registerListener(name: string, listener: StandingListener): void {
    this.listeners.set(name, listener);
  }

  private async tellListeners(act: 'hold' | 'release', target: StandingTarget, cause: JobHold): Promise<void> {
    for (const listener of this.listeners.values()) await listener[act](target, cause);
  }

  private get realNames() {
    return this.db.model(RealNameModel);
  }

  private get entries() {
    return this.db.model(AbnormalModel);
  }

  // ---------------------------------------------------------------- real name

  async realNameOf(user: AuthUser, now = new Date()): Promise<RealNameStatus> {
    const [doc, phoneHash] = await Promise.all([this.realNames.findOne({ userId: new Types.ObjectId(user.id) }).lean(), this.users.verifiedPhoneHashOf(user.id)]);
    const status: RealNameStatus = { state: realNameState(doc ?? undefined, now), phoneVerified: Boolean(phoneHash), remindDays: REAL_NAME_REMIND_DAYS };
    if (doc) {
      status.name = maskName(this.pii.open(doc.nameEnc));
      status.idNumber = maskResidentId(this.pii.open(doc.idNumberEnc));
      status.verifiedAt = doc.verifiedAt.toISOString();
      status.expiresAt = doc.expiresAt.toISOString();
    }
    return status;
  }

  /** Publishing and editing jobs need a current check. */
  async requireRealName(user: AuthUser, now = new Date()): Promise<void> {
    const [doc, consent] = await Promise.all([
      this.realNames.findOne({ userId: new Types.ObjectId(user.id) }, { expiresAt: 1, revokedAt: 1 }).lean(),
      this.consents.statusOf(user.id, 'real-name'),
    ]);
    const state = realNameState(doc ?? undefined, now);
    if (state === 'none') throw new BizError('REAL_NAME_REQUIRED');
    if (state === 'revoked') throw new BizError('ABNORMAL_LISTED');
    if (state === 'lapsed') throw new BizError('REAL_NAME_EXPIRED');
    // A check made before consents were recorded ('none') stands until its renewal, which asks for one.
    if (consent === 'withdrawn') throw new BizError('CONSENT_WITHDRAWN', '您已撤回实名认证的单独同意，重新同意并认证后才能发布或修改岗位', 'consent');
  }

  /** A recruiter put on the 异常名录 as a person may not schedule anything either (live sessions). */
  async refuseListedRecruiter(user: AuthUser): Promise<void> {
    if (await this.realNames.exists({ userId: new Types.ObjectId(user.id), revokedAt: { $exists: true } })) throw new BizError('ABNORMAL_LISTED');
  }

  /**
   * Verifies or renews: the account's phone must have been verified by WeChat, the ID must be valid, the
   * same person as before, and not on the 异常名录. A renewal releases jobs a lapse had hidden.
   */
  async verifyRealName(user: AuthUser, input: RealNameInput, now = new Date()): Promise<RealNameStatus> {
    const idNumber = normaliseResidentId(input.idNumber);
    if (!isValidResidentId(idNumber, now)) throw new BizError('ID_NUMBER_INVALID', undefined, 'idNumber');
    const phoneHash = await this.users.verifiedPhoneHashOf(user.id);
    if (!phoneHash) throw new BizError('REAL_NAME_PHONE_UNVERIFIED');
    // The ID number is looked up and kept only under the separate consent given on the real-name page (PIPL art. 29).
    await this.consents.require(user.id, 'real-name');
    const idHash = this.pii.hash(idNumber);
    if (await this.entries.exists({ kind: 'person', key: idHash, active: true })) throw new BizError('ABNORMAL_LISTED', undefined, 'idNumber');
    const userId = new Types.ObjectId(user.id);
    const previous = await this.realNames.findOne({ userId }).lean();
    if (previous && previous.idNumberHash !== idHash) throw new BizError('REAL_NAME_MISMATCH', undefined, 'idNumber');
    const name = this.pii.seal(input.name.trim());
    const id = this.pii.seal(idNumber);
    await this.realNames.updateOne(
      { userId },
      {
        $set: { nameEnc: name.enc, idNumberEnc: id.enc, idNumberHash: id.hash, phoneHash, verifiedAt: now, expiresAt: realNameExpiry(now) },
        $unset: { remindedFor: 1, lapsedFor: 1, revokedAt: 1 },
      },
      { upsert: true },
    );
    // Released on every renewal, not only after a recorded lapse: a retry after a failed release heals.
    await this.tellListeners('release', { userIds: [userId] }, 'real-name-lapsed');
    await this.tellListeners('release', { userIds: [userId] }, 'real-name-withdrawn');
    return this.realNameOf(user, now);
  }

  /**
   * Every minute (the notice worker): reminds once per period within REAL_NAME_REMIND_DAYS of expiry, and
   * applies each lapse once — the recruiter's jobs are held, then they are told. Marks are written after
   * the work, so a crash repeats it (both steps are idempotent).
   */
  async sweep(now: Date): Promise<number> {
    let told = 0;
    const soon = new Date(now.getTime() + REAL_NAME_REMIND_DAYS * 86_400_000);
    const due = await this.realNames
      .find({ expiresAt: { $gt: now, $lte: soon }, revokedAt: { $exists: false }, $expr: { $ne: ['$remindedFor', '$expiresAt'] } }, { userId: 1, expiresAt: 1 })
      .limit(200)
      .lean();
    for (const doc of due) {
      await this.notices.tell([doc.userId], { type: 'recruiter.real-name-expiring', expiresAt: doc.expiresAt.toISOString() }, now);
      await this.realNames.updateOne({ _id: doc._id, expiresAt: doc.expiresAt }, { $set: { remindedFor: doc.expiresAt } });
      told += 1;
    }
    const lapsed = await this.realNames
      .find({ expiresAt: { $lte: now }, revokedAt: { $exists: false }, $expr: { $ne: ['$lapsedFor', '$expiresAt'] } }, { userId: 1, expiresAt: 1 })
      .limit(200)
      .lean();
    for (const doc of lapsed) {
      await this.tellListeners('hold', { userIds: [doc.userId] }, 'real-name-lapsed');
      await this.notices.tell([doc.userId], { type: 'recruiter.real-name-lapsed', expiresAt: doc.expiresAt.toISOString() }, now);
      await this.realNames.updateOne({ _id: doc._id, expiresAt: doc.expiresAt }, { $set: { lapsedFor: doc.expiresAt } });
      told += 1;
    }
    if (lapsed.length) this.logger.info(`[standing] ${lapsed.length} real-name check(s) lapsed: their jobs are held`);
    return told;
  }

  /**
   * A demo recruiter's real-name check (fictional person, labelled 示例; valid check digit), current for
   * six months from seeding; inserted once.
   */
  async seedDemo(userId: Types.ObjectId, now: Date, count: SeedCounter): Promise<void> {
    const name = this.pii.seal('张示例');
    const id = this.pii.seal(DEMO_RECRUITER_ID);
    const phone = this.pii.hash(DEMO_RECRUITER_PHONE);
    await this.users.seedDemoVerifiedPhone(userId, DEMO_RECRUITER_PHONE);
    const result = await this.realNames.updateOne(
      { userId },
      { $setOnInsert: { nameEnc: name.enc, idNumberEnc: id.enc, idNumberHash: id.hash, phoneHash: phone, verifiedAt: now, expiresAt: realNameExpiry(now) } },
      { upsert: true },
    );
    count('recruiter real names', result.upsertedCount > 0);
  }

  // ---------------------------------------------------------------- 异常名录

  /** Refuses a credit code on the list (enterprise registration). */
  async refuseListedEnterprise(uscc: string): Promise<void> {
    if (await this.entries.exists({ kind: 'enterprise', key: uscc, active: true })) throw new BizError('ABNORMAL_LISTED', '该统一社会信用代码已被列入异常名录，不能登记', 'uscc');
  }

  async listEntries(limit: number, cursor?: string): Promise<Page<AbnormalEntry>> {
    const filter: Record<string, unknown> = { active: true };
    if (cursor) filter.$and = [keysetAfter('listedAt', cursor, this.auth.tokenSecret)];
    const docs = await this.entries.find(filter).sort({ listedAt: -1, _id: -1 }).limit(limit + 1).lean();
    return pageOf(docs, limit, toAbnormalEntry, 'listedAt', this.auth.tokenSecret);
  }

  /**
   * Lists an enterprise (credit code) or a person (resident ID, kept only as its keyed hash and a mask).
   * Listing again an active subject repeats the take-down (a retry after a failure finishes it).
   */
  async list(actor: AuthUser, input: AbnormalEntryInput, requestId?: string, now = new Date()): Promise<AbnormalEntry> {
    const { key, subject } = this.subjectKey(input);
    const entry = await this.entries
      .findOneAndUpdate(
        { kind: input.kind, key },
        { $set: { subject, name: input.name.trim(), reason: input.reason.trim(), evidence: input.evidence?.trim() ?? '', active: true, listedAt: now, listedBy: new Types.ObjectId(actor.id) }, $unset: { removedAt: 1 } },
        { upsert: true, new: true },
      )
      .lean();
    if (!entry) throw new BizError('CONFLICT');
    await this.applyListing(entry, 'hold', now);
    await this.audit.record(actor, { action: 'abnormal-list.add', targetType: `abnormal-${input.kind}`, targetId: entry._id.toHexString(), to: subject, reason: withEvidence(input.reason, input.evidence) }, requestId);
    return toAbnormalEntry(entry);
  }

  async remove(actor: AuthUser, id: string, reason: string, requestId?: string): Promise<AbnormalEntry> {
    const entry = await this.entries.findOneAndUpdate({ _id: new Types.ObjectId(id), active: true }, { $set: { active: false, removedAt: new Date() } }, { new: true }).lean();
    if (!entry) throw new BizError('ABNORMAL_NOT_LISTED');
    await this.applyListing(entry, 'release', new Date());
    await this.audit.record(actor, { action: 'abnormal-list.remove', targetType: `abnormal-${entry.kind}`, targetId: id, from: entry.subject, reason }, requestId);
    return toAbnormalEntry(entry);
  }

  private subjectKey(input: AbnormalEntryInput): { key: string; subject: string } {
    if (input.kind === 'enterprise') {
      const uscc = normaliseUscc(input.subject);
      if (!isValidUscc(uscc)) throw new BizError('USCC_INVALID', undefined, 'subject');
      return { key: uscc, subject: uscc };
    }
    const idNumber = normaliseResidentId(input.subject);
    if (!isValidResidentId(idNumber)) throw invalidField('subject', '身份证号码不正确，请核对');
    return { key: this.pii.hash(idNumber), subject: maskResidentId(idNumber) };
  }

  /** An enterprise's jobs, or the person's (as recruiter) jobs, held or released; a listed person's real-name check is revoked. */
  private async applyListing(entry: AbnormalDoc, act: 'hold' | 'release', now: Date): Promise<void> {
    if (entry.kind === 'enterprise') {
      const enterprises = this.db.model(EnterpriseModel);
      const found = await enterprises.findOne({ uscc: entry.key }, { _id: 1 }).lean();
      if (!found) return;
      await enterprises.updateOne({ _id: found._id }, act === 'hold' ? { $set: { abnormalAt: now } } : { $unset: { abnormalAt: 1 } });
      await this.tellListeners(act, { enterpriseIds: [found._id] }, 'abnormal-enterprise');
      return;
    }
    const holders = await this.realNames.find({ idNumberHash: entry.key }, { userId: 1 }).lean<Array<Pick<RealNameDoc, 'userId'>>>();
    const userIds = holders.map(h => h.userId);
    if (userIds.length === 0) return;
    await this.realNames.updateMany({ userId: { $in: userIds } }, act === 'hold' ? { $set: { revokedAt: now } } : { $unset: { revokedAt: 1 } });
    await this.tellListeners(act, { userIds }, 'abnormal-person');
  }
}

/** The audit line keeps the evidence with the reason, so the trail alone says what a listing rests on. */
function withEvidence(reason: string, evidence?: string): string {
  return evidence?.trim() ? `${reason.trim()}（依据：${evidence.trim()}）` : reason.trim();
}

export function toAbnormalEntry(doc: AbnormalDoc): AbnormalEntry {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    subject: doc.subject,
    name: doc.name,
    reason: doc.reason,
    evidence: doc.evidence ?? '',
    listedAt: doc.listedAt.toISOString(),
    listedBy: doc.listedBy.toHexString(),
  };
}
