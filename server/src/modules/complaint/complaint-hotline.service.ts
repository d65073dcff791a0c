import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ComplaintHotline, ComplaintHotlineInput } from '../../contract/complaint';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { HotlineModel } from './complaint.model';
import { isHotlineNumber } from './complaint.rules';
import { toHotline } from './complaint.view';

/** The published rights-protection hotlines: read by anyone, corrected by the bureau. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintHotlineService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  async hotlines(): Promise<ComplaintHotline[]> {
    const docs = await this.db.model(HotlineModel).find({}).lean();
    const order = ['city', ...DISTRICTS.map(d => d.code)];
    return docs.sort((a, b) => order.indexOf(a.district) - order.indexOf(b.district)).map(toHotline);
  }

  async updateHotline(user: AuthUser, district: DistrictCode | 'city', input: ComplaintHotlineInput, requestId?: string): Promise<ComplaintHotline> {
    const phone = input.phone.trim();
    if (!isHotlineNumber(phone)) throw new BizError('PHONE_INVALID', '电话格式不正确，如 0411-12345678 或 12333', 'phone');
    const hotlines = this.db.model(HotlineModel);
    const before = await hotlines.findOne({ district }).lean();
    const doc = await hotlines
      .findOneAndUpdate(
        { district },
        { $set: { name: input.name.trim(), phone, hours: input.hours.trim(), example: false, updatedBy: user.id } },
        { upsert: true, new: true },
      )
      .lean();
    if (!doc) throw new BizError('CONFLICT');
    await this.audit.record(
      user,
      { action: 'complaint.hotline.update', targetType: 'complaintHotline', targetId: district, from: before ? `${before.name} ${before.phone}` : undefined, to: `${doc.name} ${doc.phone}` },
      requestId,
    );
    return toHotline(doc);
  }
}
