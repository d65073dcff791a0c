import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ComplaintView } from '../../contract/complaint';
import { LIVE_REPORT_CHAT_LINES, type LiveReportInput } from '../../contract/live';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { ComplaintComplainantService, type LiveSnapshotDoc } from '../complaint/complaint-complainant.service';
import { JobService } from '../job/job.service';
import { LiveMessageModel, LiveSessionModel } from './live.model';
import { reportMoment, reportOffsetMs } from './live.rules';

const REPORTABLE = ['scheduled', 'live', 'ended', 'replay'];

/** 举报 from the live room: the stream or a job card, frozen as it was shown into a complaint for staff review. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class LiveReportService {
  @Inject()
  private db!: Database;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private complaints!: ComplaintComplainantService;

  /**
   * Files the complaint with the snapshot, then (a job card) counts it as a report of the job, which
   * freezes the job after the usual number of reports. Both steps are idempotent: a retry with the same
   * key returns the same complaint and the job report is counted once per student.
   */
  async report(user: AuthUser, sessionId: string, input: LiveReportInput, now = new Date()): Promise<ComplaintView> {
    const session = await this.db.model(LiveSessionModel).findById(new Types.ObjectId(sessionId)).lean();
    if (!session || !REPORTABLE.includes(session.status)) throw new BizError('LIVE_SESSION_NOT_FOUND');
    const at = reportMoment(new Date(input.shownAt), now);
    if (!at) throw new BizError('VALIDATION_FAILED', '举报时间无效，请回到直播间重新举报', 'shownAt');

    let card: LiveSnapshotDoc['card'];
    if (input.target === 'job') {
      const jobId = input.jobId && session.jobIds.find(id => id.equals(input.jobId as string));
      if (!jobId) throw new BizError('LIVE_JOBS_INVALID', '该岗位不在本场直播中', 'jobId');
      const job = await this.jobs.briefOf(jobId);
      if (!job) throw new BizError('LIVE_JOBS_INVALID', '该岗位不在本场直播中', 'jobId');
      card = {
        jobId: jobId.toHexString(),
        title: job.title,
        enterpriseName: job.enterpriseName,
        salaryMin: job.salaryMin,
        salaryMax: job.salaryMax,
        pinned: !!session.pinnedJobId?.equals(jobId),
      };
    }
    const lines = await this.db
      .model(LiveMessageModel)
      .find({ sessionId: session._id, at: { $lte: at }, hidden: { $ne: true } }, { nickname: 1, text: 1, offsetMs: 1, host: 1 })
      .sort({ seq: -1 })
      .limit(LIVE_REPORT_CHAT_LINES)
      .lean();
    const offsetMs = reportOffsetMs(session, at);
    const snapshot: LiveSnapshotDoc = {
      sessionId: session._id,
      sessionTitle: session.title,
      hostName: session.hostName,
      target: input.target,
      shownAt: at,
      ...(offsetMs === undefined ? {} : { offsetMs }),
      ...(card ? { card } : {}),
      chat: lines.reverse().map(m => ({ nickname: m.nickname, text: m.text, offsetMs: m.offsetMs, host: m.host })),
    };
    const complaint = await this.complaints.submit(
      user,
      {
        idempotencyKey: input.idempotencyKey,
        category: input.category,
        description: input.description,
        phone: input.phone,
        ...(card ? { jobId: card.jobId } : { enterpriseId: session.enterpriseId.toHexString() }),
      },
      snapshot,
    );
    if (!card) return complaint;
    try {
      await this.jobs.report(user, card.jobId, input.description);
    } catch (err) {
      // The student reported this job before (here or on its page): counted once, the complaint stands.
      if (!(err instanceof BizError && (err.code === 'JOB_ALREADY_REPORTED' || err.code === 'NOT_FOUND'))) throw err;
    }
    return complaint;
  }
}
