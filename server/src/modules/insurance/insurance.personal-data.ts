import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { PersonalDataRegistry } from '../../core/personal-data';
import { UserService } from '../user/user.service';
import { InsuranceService } from './insurance.service';

/**
 * Insurance records are the bureau's (imported by official duty from the 社保 export, keyed by the
 * sealed ID, never by an account): the copy shows a person theirs; deleting an account leaves them.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class InsurancePersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Inject()
  private users!: UserService;

  @Inject()
  private insurance!: InsuranceService;

  @Init()
  init(): void {
    this.registry.register(
      'insurance-records',
      {
        title: '社保参保记录',
        export: async userId => {
          const hash = (await this.users.cardOf(userId))?.idNumberHash;
          if (!hash) return [];
          return (await this.insurance.spellsOf(hash)).map(s => ({
            单位统一社会信用代码: s.employerUscc,
            参保起始年月: s.startMonth,
            累计缴费月数: s.monthsPaid,
            导入时间: s.importedAt.toISOString(),
          }));
        },
        // Not linked to the account: nothing of it names the user once the account is gone.
        erase: async () => undefined,
      },
      [{ what: '人社部门导入的社保参保记录（按身份证号加密保存，不与账号关联）', retention: '按社会保险档案规定保存' }],
    );
  }
}
