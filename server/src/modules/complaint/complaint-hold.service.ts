import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Types } from 'mongoose';
import { Database } from '../../core/database';
import { ComplaintModel } from './complaint.model';

/** What other modules ask about complaints' freezes; it depends on nothing but the database, so a job service can call it. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintHoldService {
  @Inject()
  private db!: Database;

  /** A job a complaint holds frozen is released only through that complaint. */
  async holdsJob(jobId: Types.ObjectId): Promise<boolean> {
    return Boolean(await this.db.model(ComplaintModel).exists({ jobId, jobFrozen: true }));
  }
}
