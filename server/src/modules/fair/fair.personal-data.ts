import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { Database } from '../../core/database';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { FairModel, FairRegistrationModel } from './fair.model';

/** Fair registrations and tickets: copied, and gone with the account. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class FairPersonalData {
  @Inject()
  private db!: Database;

  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register('fair-registrations', {
      title: '招聘会报名',
      export: async userId => {
        const regs = await this.db.model(FairRegistrationModel).find({ studentId: new Types.ObjectId(userId) }).lean();
        const fairs = await this.db.model(FairModel).find({ _id: { $in: regs.map(r => r.fairId) } }, { title: 1 }).lean();
        const titles = new Map(fairs.map(f => [f._id.toHexString(), f.title]));
        return regs.map(r => ({ 招聘会: titles.get(r.fairId.toHexString()) ?? null, 报名时间: copyDate(r.createdAt), 签到时间: copyDate(r.checkedInAt) }));
      },
      erase: async userId => {
        await this.db.model(FairRegistrationModel).deleteMany({ studentId: new Types.ObjectId(userId) });
      },
    });
  }
}
