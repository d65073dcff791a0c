import { Autoload, Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import {
  APPLICATION_STATUS_LABELS,
  type Applicant,
  type ApplicationMove,
  type ApplicationSource,
  type ApplicationSourceKind,
  type ApplicationStatus,
  type InterviewInvitation,
  type MyApplication,
} from '../../contract/job';
import { WAITING_STATUSES } from '../../contract/responsiveness';
import type { NoticeEvent } from '../../contract/notice';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { NoticeService } from '../notice/notice.service';
import { RegistryService } from '../registry/registry.service';
import { ApplicationModel, DestinationModel, type ApplicationDoc } from './application.model';
import { EnterpriseService } from '../enterprise/enterprise.service';
import type { PageQueryDTO } from '../../core/params';
import { JobModel } from './job.model';
import { canMove, interviewToStore, statusesBefore } from './job.rules';
import { ResponsivenessService } from './responsiveness.service';
import { isStale, untouchedDays } from './responsiveness.rules';
import { JobService } from './job.service';
import { FileStorage } from '../../core/files/storage';

/** What the graduate is told when a recruiter moves their application (nothing for `submitted`, their own act). */
export function applicationNotice(
  doc: Pick<ApplicationDoc, '_id' | 'jobTitle' | 'enterpriseName'>,
  to: ApplicationStatus,
  note?: string,
  interview?: InterviewInvitation,
): NoticeEvent | null {
  if (to === 'submitted' || to === 'unanswered') return null;
  if (to === 'interview') {
    return {
      type: 'application.interview',
      applicationId: doc._id.toHexString(),
      jobTitle: doc.jobTitle,
      enterpriseName: doc.enterpriseName,
      ...(note?.trim() ? { note: note.trim() } : {}),
      ...(interview ? { interview } : {}),
    };
  }
  return {
    type: `application.${to}`,
    applicationId: doc._id.toHexString(),
    jobTitle: doc.jobTitle,
    enterpriseName: doc.enterpriseName,
    ...(note?.trim() ? { note: note.trim() } : {}),
  };
}

function interviewOf(doc: ApplicationDoc): InterviewInvitation | undefined {
  const i = doc.interview;
  if (!i) return undefined;
  return {
    startsAt: i.startsAt.toISOString(),
    mode: i.mode,
    location: i.location,
    contactName: i.contactName,
    contactPhone: i.contactPhone,
    ...(i.message ? { message: i.message } : {}),
  };
}

function steps(doc: ApplicationDoc): MyApplication['steps'] {
  return doc.steps.map(s => ({ status: s.status, note: s.note || undefined, at: s.at.toISOString() }));
}

export function toMyApplication(doc: ApplicationDoc, job: { kind: MyApplication['job']['kind']; district: MyApplication['job']['district'] }): MyApplication {
  return {
    id: doc._id.toHexString(),
    job: { id: doc.jobId.toHexString(), title: doc.jobTitle, enterpriseName: doc.enterpriseName, kind: job.kind, district: job.district },
    status: doc.status,
    steps: steps(doc),
    ...(doc.interview ? { interview: interviewOf(doc) } : {}),
    hasResume: Boolean(doc.resumeKey),
    createdAt: doc.createdAt.toISOString(),
  };
}

export function toApplicant(doc: ApplicationDoc): Applicant {
  return {
    id: doc._id.toHexString(),
    jobId: doc.jobId.toHexString(),
    jobTitle: doc.jobTitle,
    status: doc.status,
    steps: steps(doc),
    hasResume: Boolean(doc.resumeKey),
    profile: doc.profile,
    ...(doc.source ? { source: { kind: doc.source.kind, sessionId: doc.source.sessionId.toHexString(), sessionTitle: doc.source.sessionTitle } } : {}),
    ...(doc.interview ? { interview: interviewOf(doc) } : {}),
    createdAt: doc.createdAt.toISOString(),
  };
}

/** What a student says an application came from; the owner of the source (live) confirms it. */
export interface ApplicationSourceClaim {
  kind: ApplicationSourceKind;
  sessionId: string;
  jobId: string;
}

/** Confirms a claim and returns the source to store, or throws the refusal (a typed BizError). */
export type ApplicationSourceCheck = (user: AuthUser, claim: ApplicationSourceClaim) => Promise<ApplicationSource>;

export interface ApplyOptions {
  resume?: Buffer;
  source?: ApplicationSource;
  now?: Date;
}

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class ApplicationService {
  @Inject()
  private db!: Database;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private jobService!: JobService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private users!: UserService;

  @Inject()
  private responsiveness!: ResponsivenessService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Config('app.job')
  private settings!: AppSettings['job'];

  /** Registered by the live module, which this module does not import. */
  private sourceCheck?: ApplicationSourceCheck;

  private get applications() {
    return this.db.model(ApplicationModel);
  }

  /** Every application ever sent, for the dashboard. */
  async countAll(): Promise<number> {
    return this.applications.countDocuments({});
  }

  registerSourceCheck(check: ApplicationSourceCheck): void {
    this.sourceCheck = check;
  }

  /** Steps whose notice a dead process did not get to are told by any live worker. */
  @Init()
  init(): void {
    if (!(this.settings.applicationStaleDays >= 1)) throw new Error('APPLICATION_STALE_DAYS must be a number of days, at least 1');
    this.notices.registerOutbox('job-application', this.applications);
    this.notices.registerReminderSource('job-application-stale', now => this.closeStale(now));
    this.storage.registerReferences('resumes', 'job-application', async keys =>
      (await this.applications.find({ resumeKey: { $in: keys } }, { resumeKey: 1 }).lean()).map(d => d.resumeKey ?? ''),
    );
  }

  /**
   * One application per job and student: the unique index decides between simultaneous
   * requests, so the loser gets JOB_ALREADY_APPLIED and its résumé file is removed.
   */
  async apply(user: AuthUser, jobId: string, { resume, source, now = new Date() }: ApplyOptions = {}): Promise<MyApplication> {
    const profile = await this.users.completeProfileOf(user.id);
    if (!profile) throw new BizError('PROFILE_INCOMPLETE');
    const job = await this.db.model(JobModel).findOne({ _id: new Types.ObjectId(jobId) }).lean();
    if (!job) throw notFound('岗位');
    if (job.status !== 'published' || job.deadline < now) throw new BizError('JOB_NOT_OPEN');
    const studentId = new Types.ObjectId(user.id);
    if (await this.applications.exists({ jobId: job._id, studentId })) throw new BizError('JOB_ALREADY_APPLIED');
    const resumeKey = resume ? await this.storage.put('resumes', resume, 'pdf') : undefined;
    let created: ApplicationDoc;
    try {
      created = (
        await this.applications.create({
          jobId: job._id,
          jobTitle: job.title,
          enterpriseId: job.enterpriseId,
          enterpriseName: job.enterpriseName,
          studentId,
          profile: {
            name: profile.name,
            schoolName: profile.schoolName,
            degree: profile.degree,
            major: profile.major,
            graduationYear: profile.graduationYear,
          },
          resumeKey,
          ...(source ? { source: { kind: source.kind, sessionId: new Types.ObjectId(source.sessionId), sessionTitle: source.sessionTitle } } : {}),
          status: 'submitted',
          steps: [{ status: 'submitted', at: now, by: studentId }],
        })
      ).toObject();
    } catch (err) {
      if (resumeKey) await this.storage.remove(resumeKey);
      if ((err as { code?: unknown }).code === 11000) throw new BizError('JOB_ALREADY_APPLIED');
      throw err;
    }
    await this.db.model(JobModel).updateOne({ _id: job._id }, { $inc: { applicationCount: 1 } });
    await this.responsiveness.markChanged(job.enterpriseId, now);
    return toMyApplication(created, job);
  }

  /**
   * An application that names where it came from (a replay card, a job page opened from a live room): the
   * claim is confirmed before anything is written. Applying again is JOB_ALREADY_APPLIED and keeps the
   * first application's source.
   */
  async applyFrom(user: AuthUser, claim: ApplicationSourceClaim, resume?: Buffer, now = new Date()): Promise<MyApplication> {
    if (!this.sourceCheck) throw new BizError('VALIDATION_FAILED', '暂不能确认投递来源', 'liveSessionId');
    const source = await this.sourceCheck(user, claim);
    return this.apply(user, claim.jobId, { resume, source, now });
  }

  /** Applications attributed to a live session, per job and source (its statistics). */
  async sourcedBy(sessionId: Types.ObjectId): Promise<{ jobId: string; kind: ApplicationSourceKind }[]> {
    const rows = await this.applications.find({ 'source.sessionId': sessionId }, { jobId: 1, 'source.kind': 1 }).lean();
    return rows.flatMap(r => (r.source ? [{ jobId: r.jobId.toHexString(), kind: r.source.kind }] : []));
  }

  /** Which of these jobs the student has applied to (hex ids). */
  async appliedAmong(studentId: string, jobIds: readonly Types.ObjectId[]): Promise<string[]> {
    if (!jobIds.length) return [];
    const rows = await this.applications.find({ studentId: new Types.ObjectId(studentId), jobId: { $in: [...jobIds] } }, { jobId: 1 }).lean();
    return rows.map(r => r.jobId.toHexString());
  }

  /** The student's application to this job, if there is one. */
  async idOf(studentId: string, jobId: string): Promise<Types.ObjectId | null> {
    const row = await this.applications.findOne({ studentId: new Types.ObjectId(studentId), jobId: new Types.ObjectId(jobId) }, { _id: 1 }).lean();
    return row?._id ?? null;
  }

  async listMine(user: AuthUser, page: PageQueryDTO): Promise<Page<MyApplication>> {
    const filter: FilterQuery<ApplicationDoc> = { studentId: new Types.ObjectId(user.id) };
    if (page.cursor) filter.$and = [keysetAfter('createdAt', page.cursor, this.auth.tokenSecret)];
    const docs = await this.applications.find(filter).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).lean();
    const jobs = await this.db
      .model(JobModel)
      .find({ _id: { $in: docs.map(d => d.jobId) } }, { kind: 1, district: 1 })
      .lean();
    const byId = new Map(jobs.map(j => [j._id.toHexString(), j]));
    return pageOf(
      docs,
      page.limit,
      doc => toMyApplication(doc, byId.get(doc.jobId.toHexString()) ?? { kind: 'fulltime', district: '210202' }),
      'createdAt',
      this.auth.tokenSecret,
    );
  }

  /** Applicants of one job of the caller's enterprise; another enterprise's job is a 404. */
  async listForJob(user: AuthUser, jobId: string, page: PageQueryDTO): Promise<Page<Applicant>> {
    const job = await this.jobService.requireOwn(user, jobId);
    const filter: FilterQuery<ApplicationDoc> = { enterpriseId: job.enterpriseId, jobId: job._id };
    if (page.cursor) filter.$and = [keysetAfter('createdAt', page.cursor, this.auth.tokenSecret)];
    const docs = await this.applications.find(filter).sort({ createdAt: -1, _id: -1 }).limit(page.limit + 1).lean();
    return pageOf(docs, page.limit, toApplicant, 'createdAt', this.auth.tokenSecret);
  }

  /** The résumé, saved as `简历-<name>-<job title>.pdf`. */
  async resumeOf(user: AuthUser, applicationId: string): Promise<{ data: Buffer; fileName: string }> {
    const enterprise = await this.enterprises.requireMine(user);
    const doc = await this.applications.findOne({ _id: new Types.ObjectId(applicationId), enterpriseId: enterprise._id }).lean();
    if (!doc?.resumeKey) throw notFound('简历');
    return { data: await this.storage.get(doc.resumeKey), fileName: `简历-${doc.profile.name}-${doc.jobTitle}.pdf` };
  }

  /**
   * Moves an application one step. The update is conditional on the current status being one
   * the target can follow, so two recruiters clicking at once leave exactly one step recorded.
   */
  async move(user: AuthUser, applicationId: string, move: ApplicationMove, requestId?: string, now = new Date()): Promise<Applicant> {
    const enterprise = await this.enterprises.requireMine(user);
    const _id = new Types.ObjectId(applicationId);
    const before = await this.applications.findOne({ _id, enterpriseId: enterprise._id }).lean();
    if (!before) throw notFound('投递记录');
    if (!canMove(before.status, move.to)) {
      throw new BizError(
        'APPLICATION_TRANSITION_INVALID',
        `当前状态为“${APPLICATION_STATUS_LABELS[before.status]}”，不能改为“${APPLICATION_STATUS_LABELS[move.to]}”`,
        'to',
      );
    }
    // The step and the notice it owes the graduate are one write: neither happens without the other.
    const interview = move.to === 'interview' ? interviewToStore(move.interview, now) : undefined;
    const notice = applicationNotice(before, move.to, move.note, interview && interviewOf({ ...before, interview }));
    const updated = await this.applications
      .findOneAndUpdate(
        { _id, enterpriseId: enterprise._id, status: { $in: statusesBefore(move.to) } },
        {
          $set: { status: move.to, ...(interview ? { interview } : {}) },
          $push: {
            steps: { status: move.to, note: move.note || undefined, at: now, by: new Types.ObjectId(user.id) },
            ...(notice ? { pendingNotices: this.notices.outboxEntry([before.studentId], notice, now) } : {}),
          },
        },
        { new: true },
      )
      .lean();
    if (!updated) throw new BizError('APPLICATION_TRANSITION_INVALID');
    await this.audit.record(
      user,
      { action: 'application.move', targetType: 'job-application', targetId: applicationId, from: before.status, to: move.to, reason: move.note || undefined },
      requestId,
    );
    if (move.to === 'hired') await this.recordHire(updated, now);
    await this.notices.flush(this.applications, _id);
    await this.responsiveness.markChanged(enterprise._id, now);
    return toApplicant(updated);
  }

  /**
   * Closes applications left 已投递/已查看 for `APPLICATION_STALE_DAYS` as 未反馈, telling the student.
   * Per application one conditional update (status and `updatedAt` as read) writes the step and the
   * notice on the outbox, so two workers close it once and a recruiter's step in the meantime wins;
   * then it flushes. At most `max` per call (the next check goes on). Returns the applications closed.
   */
  async closeStale(now: Date = new Date(), max = 500): Promise<number> {
    const days = this.settings.applicationStaleDays;
    // updatedAt is at or after the last step, so this finds every stale one (and a few the rule then skips).
    const due = await this.applications
      .find({ status: { $in: [...WAITING_STATUSES] }, updatedAt: { $lte: new Date(now.getTime() - days * 24 * 3600_000) } })
      .sort({ updatedAt: 1 })
      .limit(max)
      .lean();
    let closed = 0;
    for (const doc of due) {
      if (!isStale(doc, now, days)) continue;
      const event: NoticeEvent = {
        type: 'application.unanswered',
        applicationId: doc._id.toHexString(),
        jobTitle: doc.jobTitle,
        enterpriseName: doc.enterpriseName,
        days: untouchedDays(doc, now),
      };
      const result = await this.applications.updateOne(
        { _id: doc._id, status: doc.status, updatedAt: doc.updatedAt },
        {
          $set: { status: 'unanswered' },
          $push: { steps: { status: 'unanswered', at: now }, pendingNotices: this.notices.outboxEntry([doc.studentId], event, now) },
        },
      );
      if (!result.modifiedCount) continue;
      closed += 1;
      await this.notices.flush(this.applications, doc._id);
      await this.responsiveness.markChanged(doc.enterpriseId, now);
    }
    return closed;
  }

  /** The graduate's destination, and the job closes as filled once its headcount is hired. */
  private async recordHire(doc: ApplicationDoc, now: Date): Promise<void> {
    const jobs = this.db.model(JobModel);
    const job = await jobs.findOneAndUpdate({ _id: doc.jobId }, { $inc: { hiredCount: 1 } }, { new: true }).lean();
    if (!job) return;
    await this.db.model(DestinationModel).updateOne(
      { source: 'job-application', sourceId: doc._id },
      {
        $setOnInsert: {
          studentId: doc.studentId,
          kind: job.kind,
          enterpriseId: doc.enterpriseId,
          enterpriseName: doc.enterpriseName,
          district: job.district,
          recordedAt: now,
        },
      },
      { upsert: true },
    );
    await this.registry.recordHire({ studentId: doc.studentId, jobKind: job.kind, employer: doc.enterpriseName, districtCode: job.district, at: now });
    if (job.hiredCount >= job.headcount) {
      const filled = await jobs.updateOne({ _id: job._id, status: 'published' }, { $set: { status: 'filled' } });
      if (filled.modifiedCount) this.jobService.invalidateFeed();
    }
  }
}
