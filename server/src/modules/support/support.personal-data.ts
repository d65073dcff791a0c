import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { SupportCaseModel } from './support.model';

/** A 1311 case file is the district's record: the copy shows it, deletion unlinks it from the account. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class SupportPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register(
      'support-cases',
      this.registry.collection({
        title: '离校未就业帮扶',
        model: SupportCaseModel,
        field: 'studentId',
        idType: 'objectId',
        columns: {
          姓名: d => d.name,
          就业意向: d => d.intention,
          帮扶计划: d => d.plan,
          服务次数: d => d.services.length,
          登记时间: d => copyDate(d.createdAt),
          已结案: d => d.closed,
        },
        keep: { filter: {}, update: { $unset: { studentId: 1 } } },
      }),
      [{ what: '离校未就业帮扶档案（区人社部门依职责保存，与账号解除关联）', retention: '按就业援助档案规定保存' }],
    );
  }
}
