import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { JobDetail, JobSummary } from '../../contract/job';
import { Database } from '../../core/database';
import { notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings } from '../../interface';
import type { JobQueryDTO } from './job.dto';
import { JobModel, type JobDoc } from './job.model';

@Provide()
@Scope(ScopeEnum.Singleton)
export class JobService {
  @Inject()
  private db!: Database;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private get jobs() {
    return this.db.model(JobModel);
  }

  /** Open jobs: published and not past their deadline. */
  async listOpen(query: JobQueryDTO, now = new Date()): Promise<Page<JobSummary>> {
    const filter: FilterQuery<JobDoc> = { status: 'published', deadline: { $gte: now } };
    if (query.kind) filter.kind = query.kind;
    if (query.district) filter.district = query.district;
    if (query.cursor) filter.$and = [keysetAfter('publishedAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.jobs.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    return pageOf(docs, query.limit, toJobSummary, 'publishedAt', this.auth.tokenSecret);
  }

  async getOpen(id: string): Promise<JobDetail> {
    const doc = await this.jobs.findOne({ _id: new Types.ObjectId(id), status: 'published' }).lean();
    if (!doc) throw notFound('岗位');
    return {
      ...toJobSummary(doc),
      description: doc.description,
      majors: doc.majors,
      address: doc.address,
      contactPolicy: doc.contactPolicy,
    };
  }
}

export function toJobSummary(doc: JobDoc): JobSummary {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    title: doc.title,
    enterpriseId: doc.enterpriseId.toHexString(),
    enterpriseName: doc.enterpriseName,
    salaryMin: doc.salaryMin,
    salaryMax: doc.salaryMax,
    education: doc.education,
    district: doc.district,
    headcount: doc.headcount,
    tags: doc.tags,
    deadline: doc.deadline.toISOString(),
    publishedAt: (doc.publishedAt ?? doc.createdAt).toISOString(),
  };
}
