import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { Database } from '../../core/database';
import { EnterpriseService } from '../enterprise/enterprise.service';
import { JobModel } from './job.model';
import { REPORTS_TO_FREEZE } from './job.rules';
import { JobService } from './job.service';

/**
 * Freezes for complaints (action 8), the same `published → frozen` step that students' reports take
 * (JobService.report): frozen jobs leave the feed and their detail page, and only `frozen` jobs come
 * back. A job frozen by reports stays frozen until staff restore it on the reported-jobs page;
 * lifting a complaint's freeze does not bypass that review. Every method is idempotent.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class JobFreezeService {
  @Inject()
  private db!: Database;

  @Inject()
  private jobService!: JobService;

  @Inject()
  private enterprises!: EnterpriseService;

  async freezeJob(jobId: Types.ObjectId): Promise<void> {
    const res = await this.db.model(JobModel).updateOne({ _id: jobId, status: 'published' }, { $set: { status: 'frozen' } });
    if (res.modifiedCount) this.jobService.invalidateFeed();
  }

  /** While the job's enterprise is frozen too, the job stays frozen and is lifted with the enterprise. */
  async unfreezeJob(jobId: Types.ObjectId, enterpriseFrozen: boolean): Promise<void> {
    if (enterpriseFrozen) {
      await this.db.model(JobModel).updateOne({ _id: jobId, status: 'frozen' }, { $set: { frozenWithEnterprise: true } });
      return;
    }
    const res = await this.db
      .model(JobModel)
      .updateOne({ _id: jobId, status: 'frozen', frozenWithEnterprise: { $ne: true }, reportCount: { $lt: REPORTS_TO_FREEZE } }, { $set: { status: 'published' } });
    if (res.modifiedCount) this.jobService.invalidateFeed();
  }

  /** The enterprise may not publish (requireVerified refuses) and its published jobs freeze with it. */
  async freezeEnterprise(enterpriseId: Types.ObjectId, at: Date): Promise<void> {
    await this.enterprises.markFrozen(enterpriseId, at);
    const res = await this.db
      .model(JobModel)
      .updateMany({ enterpriseId, status: 'published' }, { $set: { status: 'frozen', frozenWithEnterprise: true } });
    if (res.modifiedCount) this.jobService.invalidateFeed();
  }

  /** Lifts the enterprise freeze; jobs in `keepFrozen` (held by another complaint) stay frozen. */
  async unfreezeEnterprise(enterpriseId: Types.ObjectId, keepFrozen: Types.ObjectId[]): Promise<void> {
    await this.enterprises.clearFrozen(enterpriseId);
    const jobs = this.db.model(JobModel);
    await jobs.updateMany({ enterpriseId, frozenWithEnterprise: true, _id: { $in: keepFrozen } }, { $unset: { frozenWithEnterprise: 1 } });
    const res = await jobs.updateMany(
      { enterpriseId, status: 'frozen', frozenWithEnterprise: true, reportCount: { $lt: REPORTS_TO_FREEZE } },
      { $set: { status: 'published' }, $unset: { frozenWithEnterprise: 1 } },
    );
    await jobs.updateMany({ enterpriseId, frozenWithEnterprise: true }, { $unset: { frozenWithEnterprise: 1 } });
    if (res.modifiedCount) this.jobService.invalidateFeed();
  }
}
