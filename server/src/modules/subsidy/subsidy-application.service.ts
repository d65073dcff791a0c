import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import type { Types } from 'mongoose';
import type { AccountCorrectionInput, SubsidyApplicationView, SubsidyDocumentKind } from '../../contract/subsidy';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { FileStorage } from '../../core/files/storage';
import { maskBankAccount, PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { canReadDocuments } from './subsidy.access.rules';
import { SubsidyStagesService } from './subsidy-stages.service';
import { normaliseBankAccount, planDocument, planDocumentSlot, planSave } from './subsidy.form.rules';
import { SubsidyApplicationModel, type StoredTimelineEntry, type SubsidyApplicationDoc } from './subsidy.model';
import { EDITABLE } from './subsidy.rules';
import { toApplicationView } from './subsidy.view';

export type DocumentFile = { data: Buffer; type: 'pdf' | 'png' | 'jpeg' };

/**
 * The application record both kinds of applicant share: the save loop, documents, the applicant's
 * own list. `applicantId` is a graduate's user id or an enterprise's id.
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class SubsidyApplicationService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private stages!: SubsidyStagesService;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  /** Document files are the applications' (the orphan sweep asks; @Autoload so a worker has it). */
  @Init()
  init(): void {
    this.storage.registerReferences('subsidy', 'subsidy-application', async keys =>
      (await this.apps.find({ 'documents.key': { $in: keys } }, { documents: 1 }).lean()).flatMap(d => d.documents.map(f => f.key)),
    );
  }

  private get apps() {
    return this.db.model(SubsidyApplicationModel);
  }

  /** Applications approved (paid or not) and paid, for one college, one district of employment or the city. */
  async decidedCounts(scope: { collegeId?: string; districtCode?: string }): Promise<{ approved: number; paid: number }> {
    const where = scope.collegeId ? { collegeId: scope.collegeId } : scope.districtCode ? { employmentDistrict: scope.districtCode } : {};
    const [approved, paid] = await Promise.all([
      this.apps.countDocuments({ status: { $in: ['approved', 'paying', 'paid'] }, ...where }),
      this.apps.countDocuments({ status: 'paid', ...where }),
    ]);
    return { approved, paid };
  }

  async listOf(applicantId: Types.ObjectId): Promise<SubsidyApplicationView[]> {
    const docs = await this.apps.find({ applicantId }).sort({ updatedAt: -1 }).limit(100).lean();
    return this.withProgress(docs);
  }

  async oneOf(applicantId: Types.ObjectId, id: string): Promise<SubsidyApplicationView> {
    const doc = await this.apps.findOne({ _id: id, applicantId }).lean();
    if (!doc) throw notFound('申请');
    return (await this.withProgress([doc]))[0];
  }

  /** Views with where each application stands against its stage's time limit. */
  async withProgress(docs: SubsidyApplicationDoc[]): Promise<SubsidyApplicationView[]> {
    const progress = await this.stages.progressOf(docs);
    return docs.map(d => {
      const p = progress.get(d._id.toHexString());
      return p ? { ...toApplicationView(d), progress: p } : toApplicationView(d);
    });
  }

  /** The applicant's most recently changed application: its answers prefill eligibility on the program list. */
  async latestOf(applicantId: Types.ObjectId): Promise<SubsidyApplicationDoc | null> {
    return this.apps.findOne({ applicantId }).sort({ updatedAt: -1 }).lean();
  }

  async find(key: Pick<SubsidyApplicationDoc, 'applicantId' | 'programId' | 'period'>): Promise<SubsidyApplicationDoc | null> {
    return this.apps.findOne(key).lean();
  }

  /** A bank account sealed for storage; 422 when it is not 12 to 30 digits. */
  sealBankAccount(input: string): Pick<SubsidyApplicationDoc, 'bankAccountEnc' | 'bankAccountHash' | 'bankAccountMasked'> {
    const account = normaliseBankAccount(input);
    const sealed = this.pii.seal(account);
    return { bankAccountEnc: sealed.enc, bankAccountHash: sealed.hash, bankAccountMasked: maskBankAccount(account) };
  }

  /**
   * After a bank return: the corrected account (sealed like every account) puts the application back
   * among those the next batch takes. Conditional on the return read; a retry of the same correction
   * is answered as it stands, anything else is 409 `SUBSIDY_ACCOUNT_NOT_RETURNED`.
   */
  async correctAccount(applicantId: Types.ObjectId, actorId: string, id: string, input: AccountCorrectionInput): Promise<SubsidyApplicationView> {
    const doc = await this.apps.findOne({ _id: id, applicantId }).lean();
    if (!doc) throw notFound('申请');
    const sealed = this.sealBankAccount(input.bankAccount);
    const bankName = input.bankName.trim();
    if (doc.status !== 'payReturned') {
      const last = doc.timeline.at(-1);
      const repeated = last?.action === 'accountCorrected' && doc.bankAccountHash === sealed.bankAccountHash && doc.bankName === bankName;
      if (repeated) return (await this.withProgress([doc]))[0];
      throw new BizError('SUBSIDY_ACCOUNT_NOT_RETURNED');
    }
    const entry: StoredTimelineEntry = { at: this.now(), action: 'accountCorrected', actorRole: 'applicant', actorId };
    const updated = await this.apps
      .findOneAndUpdate(
        { _id: doc._id, status: 'payReturned', updatedAt: doc.updatedAt },
        { $set: { status: 'approved', bankName, ...sealed }, $unset: { paymentReturn: 1 }, $push: { timeline: entry } },
        { new: true },
      )
      .lean();
    if (!updated) throw new BizError('SUBSIDY_STATE_CHANGED');
    return (await this.withProgress([updated]))[0];
  }

  /**
   * Creates the application or updates it conditionally on the (status, updatedAt) read, re-reading
   * and rebuilding after a lost race. The unique (applicant, program, period) index makes two
   * concurrent first saves produce one application; the loser reads the winner's. `build` gets the
   * application as it stands and says what to write.
   */
  async write(
    key: Pick<SubsidyApplicationDoc, 'applicantId' | 'programId' | 'period'>,
    first: SubsidyApplicationDoc | null,
    submit: boolean,
    build: (existing: SubsidyApplicationDoc | null) => { set: Partial<SubsidyApplicationDoc>; entry: StoredTimelineEntry },
  ): Promise<SubsidyApplicationView> {
    let existing = first;
    for (let attempt = 0; attempt < 8; attempt++) {
      if (existing && planSave(existing, submit) === 'answer') return toApplicationView(existing);
      const { set, entry } = build(existing);
      if (!existing) {
        try {
          const created = await this.apps.create({ ...key, ...set, documents: [], timeline: [entry] });
          return toApplicationView(created.toObject());
        } catch (err) {
          if ((err as { code?: number }).code !== 11000) throw err;
          existing = await this.apps.findOne(key).lean();
          continue;
        }
      }
      const updated = await this.apps
        .findOneAndUpdate({ _id: existing._id, status: existing.status, updatedAt: existing.updatedAt }, { $set: set, $push: { timeline: entry } }, { new: true })
        .lean();
      if (updated) return toApplicationView(updated);
      existing = await this.apps.findOne(key).lean();
    }
    throw new BizError('CONFLICT');
  }

  /**
   * Stores one document on an application of `applicantId`: one per kind, so a new file of a kind
   * replaces the one there (its stored file is deleted after the switch). A re-sent file (the answer
   * was lost) is kept once. Each write is conditional on the documents of that kind that were read.
   */
  async attachDocument(applicantId: Types.ObjectId, id: string, kind: SubsidyDocumentKind, file: DocumentFile): Promise<SubsidyApplicationView> {
    const hash = createHash('sha256').update(file.data).digest('hex');
    let doc = await this.apps.findOne({ _id: id, applicantId }).lean();
    if (!doc) throw notFound('申请');
    if (planDocument(doc, kind, hash) === 'answer') return toApplicationView(doc);
    const key = await this.storage.put('subsidy', file.data, file.type === 'jpeg' ? 'jpg' : file.type);
    const stored = { id: randomBytes(8).toString('hex'), kind, key, type: file.type, size: file.data.length, hash, uploadedAt: this.now() };
    try {
      for (let attempt = 0; attempt < 4 && doc; attempt++) {
        const replaced = planDocumentSlot(doc, kind);
        // Conditional on the documents read: the same count and the same ids, so nothing added meanwhile is lost.
        const unchanged = doc.documents.length
          ? { documents: { $size: doc.documents.length }, 'documents.id': { $all: doc.documents.map(d => d.id) } }
          : { documents: { $size: 0 } };
        const updated = await this.apps
          .findOneAndUpdate(
            { _id: doc._id, status: { $in: EDITABLE }, ...unchanged },
            { $set: { documents: [...doc.documents.filter(d => d.kind !== kind), stored] } },
            { new: true },
          )
          .lean();
        if (updated) {
          // A file left behind here is unreferenced, and the orphan sweep deletes it later.
          for (const old of replaced) await this.storage.remove(old.key).catch(() => undefined);
          return toApplicationView(updated);
        }
        doc = await this.apps.findById(doc._id).lean();
        if (doc && planDocument(doc, kind, hash) === 'answer') {
          await this.storage.remove(key);
          return toApplicationView(doc);
        }
      }
    } catch (err) {
      await this.storage.remove(key).catch(() => undefined);
      throw err;
    }
    await this.storage.remove(key);
    throw doc ? new BizError('CONFLICT') : notFound('申请');
  }

  /** The bytes of one document, for the applicant's side or a reviewer who may see the application. */
  async documentFile(user: AuthUser, id: string, documentId: string): Promise<DocumentFile> {
    const doc = await this.apps.findById(id).lean();
    if (!doc) throw notFound('申请');
    const recruiters = doc.applicantKind === 'enterprise' ? await this.enterprises.recruitersOf(doc.applicantId) : [];
    if (!canReadDocuments(user, doc, recruiters)) throw new BizError('OUT_OF_SCOPE');
    const file = doc.documents.find(d => d.id === documentId);
    if (!file) throw notFound('材料');
    return { data: await this.storage.get(file.key), type: file.type };
  }
}
