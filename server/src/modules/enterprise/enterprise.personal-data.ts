import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { Database } from '../../core/database';
import { PersonalDataRegistry } from '../../core/personal-data';
import { EnterpriseModel } from './enterprise.model';

/** A recruiter's membership of enterprises: the enterprise stays (it is not the person's), the membership goes. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class EnterprisePersonalData {
  @Inject()
  private db!: Database;

  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register('enterprise-recruiters', {
      title: '所属企业',
      export: async userId =>
        (await this.db.model(EnterpriseModel).find({ recruiterIds: new Types.ObjectId(userId) }, { name: 1, uscc: 1 }).lean()).map(e => ({
          企业: e.name,
          统一社会信用代码: e.uscc,
        })),
      erase: async userId => {
        await this.db.model(EnterpriseModel).updateMany({ recruiterIds: new Types.ObjectId(userId) }, { $pull: { recruiterIds: new Types.ObjectId(userId) } });
      },
    });
  }
}
