import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { HARDSHIP_LABELS } from '../../contract/registry';
import { PersonalDataRegistry } from '../../core/personal-data';
import { GraduateModel } from './registry.model';

/**
 * A graduate record is the college's and the bureau's (imported by official duty, not by the person's
 * consent): the copy shows it, deletion only unlinks it from the account.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class RegistryPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register(
      'registry-graduates',
      this.registry.collection({
        title: '毕业生实名库记录',
        model: GraduateModel,
        field: 'userId',
        idType: 'objectId',
        columns: {
          姓名: d => d.name,
          身份证号码: d => d.idNumberMasked,
          学校: d => d.schoolName,
          专业: d => d.major,
          毕业年份: d => d.graduationYear,
          困难类别: d => d.hardship.map(h => HARDSHIP_LABELS[h]).join('、'),
          去向: d => d.destination?.employer ?? d.destination?.kind,
        },
        keep: { filter: {}, update: { $unset: { userId: 1 } } },
      }),
      [{ what: '毕业生实名库记录（高校和人社部门依职责保存，与账号解除关联）', retention: '按毕业生就业工作档案规定保存' }],
    );
  }
}
