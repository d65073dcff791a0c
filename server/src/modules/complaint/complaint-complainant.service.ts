import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, randomBytes } from 'crypto';
import { Types, type UpdateQuery } from 'mongoose';
import { COMPLAINT_EVIDENCE_MAX_FILES, type ComplaintEvidenceType, type ComplaintInput, type ComplaintView } from '../../contract/complaint';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { FileStorage } from '../../core/files/storage';
import { maskPhone, PiiService } from '../../core/pii';
import type { AuthUser } from '../../interface';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { JobService } from '../job/job.service';
import { ModerationService } from '../moderation/moderation.service';
import { UserService } from '../user/user.service';
import { ComplaintModel, type ComplaintDoc, type LiveSnapshotDoc, type StoredComplaintEvent } from './complaint.model';
import { canSeeComplaint, complaintTarget, fingerprint, contactPhone, OPEN_STATUSES, planEvidence, triageDue, type ComplaintTarget } from './complaint.rules';
import { toView } from './complaint.view';

export type { LiveSnapshotDoc };

/** The complainant's side: filing, following their complaints, adding evidence. */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class ComplaintComplainantService {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private storage!: FileStorage;

  /** Evidence files are the complaints' (the orphan sweep asks; @Autoload so a worker has it). */
  @Init()
  init(): void {
    this.storage.registerReferences('complaints', 'complaint', async keys =>
      (await this.db.model(ComplaintModel).find({ 'evidence.key': { $in: keys } }, { evidence: 1 }).lean()).flatMap(d => d.evidence.map(e => e.key)),
    );
  }

  @Inject()
  private users!: UserService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private moderation!: ModerationService;

  /** Set by tests; production uses the clock. */
  now: () => Date = () => new Date();

  private get complaints() {
    return this.db.model(ComplaintModel);
  }

  /** What every new complaint starts as: the contact phone sealed, no evidence yet, submitted and due for triage. */
  submittedState(userId: string, phone: string, now: Date) {
    const sealed = this.pii.seal(phone);
    const entry: StoredComplaintEvent = { at: now, action: 'submit', actorRole: 'complainant', actorId: userId };
    return {
      phoneEnc: sealed.enc,
      phoneHash: sealed.hash,
      phoneMasked: maskPhone(phone),
      evidence: [],
      status: 'submitted' as const,
      dueAt: triageDue(now),
      jobFrozen: false,
      enterpriseFrozen: false,
      timeline: [entry],
    };
  }

  /**
   * Files a complaint. The client's key makes a retry or a double tap return the first complaint:
   * the unique (complainant, key) index lets exactly one of two simultaneous requests insert.
   */
  async submit(user: AuthUser, input: ComplaintInput, live?: LiveSnapshotDoc): Promise<ComplaintView> {
    const now = this.now();
    const phone = contactPhone(input.phone);
    const print = fingerprint(input, live ? `${live.sessionId.toHexString()}:${live.target}:${live.card?.jobId ?? ''}` : '');
    const complainantId = new Types.ObjectId(user.id);
    const key = { complainantId, idempotencyKey: input.idempotencyKey };
    const replay = async (): Promise<ComplaintView | undefined> => {
      const existing = await this.complaints.findOne(key).lean();
      if (!existing) return undefined;
      if (existing.fingerprint !== print) throw new BizError('COMPLAINT_KEY_REUSED', undefined, 'idempotencyKey');
      return toView(existing, now);
    };
    const earlier = await replay();
    if (earlier) return earlier;

    const target = await this.resolveTarget(input);
    const me = await this.users.cardOf(user.id);
    if (!me) throw new BizError('UNAUTHENTICATED');
    try {
      const created = await this.complaints.create({
        ...key,
        complainantName: me.profile?.name || me.nickname,
        fingerprint: print,
        category: input.category,
        ...target,
        partyName: input.partyName?.trim() || undefined,
        description: input.description.trim(),
        ...this.submittedState(user.id, phone, now),
        ...(live ? { live } : {}),
      });
      return toView(created.toObject(), now);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const winner = await replay();
      if (!winner) throw err;
      return winner;
    }
  }

  private async resolveTarget(input: ComplaintInput): Promise<ComplaintTarget> {
    const [job, enterprise] = await Promise.all([
      input.jobId ? this.jobs.briefOf(input.jobId) : undefined,
      input.enterpriseId ? this.enterprises.byId(input.enterpriseId) : undefined,
    ]);
    return complaintTarget(input, { job, enterprise });
  }

  async mine(user: AuthUser): Promise<ComplaintView[]> {
    const now = this.now();
    const docs = await this.complaints.find({ complainantId: new Types.ObjectId(user.id) }).sort({ createdAt: -1, _id: -1 }).limit(100).lean();
    return docs.map(d => toView(d, now));
  }

  async mineOne(user: AuthUser, id: string): Promise<ComplaintView> {
    const doc = await this.complaints.findOne({ _id: id, complainantId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('投诉');
    return toView(doc, this.now());
  }

  /**
   * Adds one evidence file while the complaint is open. The same bytes sent again (a retried upload)
   * are stored once; the count limit is part of the conditional update, so parallel uploads cannot pass it.
   */
  async addEvidence(user: AuthUser, id: string, file: { data: Buffer; type: ComplaintEvidenceType }): Promise<ComplaintView> {
    const now = this.now();
    const doc = await this.complaints.findOne({ _id: id, complainantId: new Types.ObjectId(user.id) }).lean();
    if (!doc) throw notFound('投诉');
    const hash = createHash('sha256').update(file.data).digest('hex');
    const plan = planEvidence(doc, hash);
    if (plan.kind === 'replay') return toView(doc, now);
    const key = await this.storage.put('complaints', file.data, file.type === 'jpeg' ? 'jpg' : file.type);
    // Checked before the complaint points at it, so no file is ever referenced without a check record.
    await this.moderation.submit({ key, ownerId: user.id, purpose: 'complaint-evidence', type: file.type, subjectId: doc._id.toHexString() }, now);
    const stored = { id: randomBytes(8).toString('hex'), key, type: file.type, size: file.data.length, hash, uploadedAt: now };
    const push: UpdateQuery<ComplaintDoc>['$push'] = plan.newsForHandler
      ? { evidence: stored, timeline: { at: now, action: 'evidence', actorRole: 'complainant', actorId: user.id } }
      : { evidence: stored };
    const updated = await this.complaints
      .findOneAndUpdate(
        {
          _id: doc._id,
          status: { $in: OPEN_STATUSES },
          'evidence.hash': { $ne: hash },
          $expr: { $lt: [{ $size: '$evidence' }, COMPLAINT_EVIDENCE_MAX_FILES] },
        },
        { $push: push },
        { new: true },
      )
      .lean();
    if (updated) return toView(updated, now);
    await this.storage.remove(key);
    await this.moderation.forget(key);
    const current = await this.complaints.findById(doc._id).lean();
    if (current && planEvidence(current, hash).kind === 'replay') return toView(current, now);
    throw new BizError('COMPLAINT_EVIDENCE_LIMIT');
  }

  /**
   * The bytes of one evidence file, for the complainant or staff whose scope covers the complaint;
   * staff only once the content check cleared it (the complainant always).
   */
  async evidenceFile(user: AuthUser, id: string, evidenceId: string): Promise<{ data: Buffer; type: ComplaintEvidenceType }> {
    const doc = await this.complaints.findById(id, { complainantId: 1, district: 1, evidence: 1 }).lean();
    if (!doc) throw notFound('投诉');
    if (!canSeeComplaint(user, doc)) throw new BizError('OUT_OF_SCOPE');
    const file = doc.evidence.find(e => e.id === evidenceId);
    if (!file) throw notFound('证据');
    await this.moderation.requireVisible(file.key, user.id);
    return { data: await this.storage.get(file.key), type: file.type };
  }
}
