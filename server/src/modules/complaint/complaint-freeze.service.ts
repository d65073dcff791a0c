import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { ComplaintFreezeInput, ComplaintStaffView } from '../../contract/complaint';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { JobFreezeService } from '../job/job-freeze.service';
import { ComplaintModel, type ComplaintDoc, type StoredComplaintEvent } from './complaint.model';
import { ComplaintHandlingService } from './complaint-handling.service';
import { FREEZABLE_STATUSES, freezeStep, staffRoleOf } from './complaint.rules';
import { toStaffView } from './complaint.view';

/**
 * Staff freezing the job or enterprise a complaint is about. Each complaint records its own hold, so
 * several complaints may hold one target, and it thaws only when the last lets go.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintFreezeService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private handling!: ComplaintHandlingService;

  @Inject()
  private freezer!: JobFreezeService;

  private get complaints() {
    return this.db.model(ComplaintModel);
  }

  /** The complaint records its hold first, then the target is frozen (idempotently), so a retry after a failure in between completes the freeze. */
  async freeze(user: AuthUser, id: string, input: ComplaintFreezeInput, requestId?: string): Promise<ComplaintStaffView> {
    const now = this.handling.now();
    const { doc, targetId } = await this.hold(user, id, input, false, now, requestId);
    if (input.target === 'job') await this.freezer.freezeJob(targetId);
    else await this.freezer.freezeEnterprise(targetId, now);
    return toStaffView(doc, now);
  }

  /** Releases this complaint's hold; the target thaws only when no other complaint holds it. */
  async unfreeze(user: AuthUser, id: string, input: ComplaintFreezeInput, requestId?: string): Promise<ComplaintStaffView> {
    const now = this.handling.now();
    const { doc, targetId } = await this.hold(user, id, input, true, now, requestId);
    if (input.target === 'job') {
      if (!(await this.complaints.exists({ jobId: targetId, jobFrozen: true }))) {
        const enterpriseHeld = !!doc.enterpriseId && !!(await this.complaints.exists({ enterpriseId: doc.enterpriseId, enterpriseFrozen: true }));
        await this.freezer.unfreezeJob(targetId, enterpriseHeld);
      }
    } else if (!(await this.complaints.exists({ enterpriseId: targetId, enterpriseFrozen: true }))) {
      const held = await this.complaints.distinct('jobId', { enterpriseId: targetId, jobFrozen: true });
      await this.freezer.unfreezeEnterprise(targetId, held.filter((v): v is Types.ObjectId => v instanceof Types.ObjectId));
    }
    return toStaffView(doc, now);
  }

  /** Takes or releases this complaint's hold, audited once; a retry finds it already done. */
  private async hold(
    user: AuthUser,
    id: string,
    input: ComplaintFreezeInput,
    lifting: boolean,
    now: Date,
    requestId?: string,
  ): Promise<{ doc: ComplaintDoc; targetId: Types.ObjectId }> {
    const doc = await this.handling.loadInScope(user, id);
    const step = freezeStep(doc, input, lifting);
    if (step.done) return { doc, targetId: step.targetId };
    const action = lifting ? 'unfreeze' : 'freeze';
    const entry: StoredComplaintEvent = { at: now, action, actorRole: staffRoleOf(user), actorId: user.id, note: step.note };
    const guard = lifting ? { [step.field]: true } : { status: { $in: FREEZABLE_STATUSES }, [step.field]: { $ne: true } };
    const updated = await this.complaints
      .findOneAndUpdate({ _id: doc._id, ...guard }, { $set: { [step.field]: !lifting }, $push: { timeline: entry } }, { new: true })
      .lean();
    if (!updated) {
      const current = await this.complaints.findById(doc._id).lean();
      if (!current || current[step.field] === lifting) throw new BizError('COMPLAINT_STATE_CHANGED');
      return { doc: current, targetId: step.targetId };
    }
    await this.audit.record(
      user,
      {
        action: `complaint.${action}.${input.target}`,
        targetType: 'complaint',
        targetId: id,
        from: lifting ? 'frozen' : 'unfrozen',
        to: lifting ? 'unfrozen' : 'frozen',
        reason: input.reason,
      },
      requestId,
    );
    return { doc: updated, targetId: step.targetId };
  }
}
