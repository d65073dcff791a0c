import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { CONSENT_TEXTS, REVEAL_KIND_LABELS } from '../../contract/privacy';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { ConsentModel } from './consent.model';
import { RevealModel } from './reveal.model';

/**
 * Consents and reveal records stay after deletion: they show that what was processed, and who saw it,
 * was lawful. They name the person only by the dead account's id.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class PrivacyPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    const r = this.registry;
    r.register(
      'privacy-consents',
      r.collection({
        title: '单独同意',
        model: ConsentModel,
        field: 'userId',
        idType: 'objectId',
        columns: {
          事项: d => CONSENT_TEXTS[d.purpose].title,
          版本: d => d.version,
          状态: d => (d.status === 'given' ? '已同意' : '已撤回'),
          同意时间: d => copyDate(d.givenAt),
          撤回时间: d => copyDate(d.withdrawnAt),
        },
        keep: { filter: {} },
      }),
      [{ what: '您的同意与撤回记录（仅以注销账号的编号关联）', retention: '3年' }],
    );
    r.register(
      'privacy-data-views',
      r.collection({
        title: '个人信息查看记录',
        model: RevealModel,
        field: 'subjectId',
        idType: 'objectId',
        columns: { 单位: d => d.unit, 角色: d => d.role, 查看内容: d => REVEAL_KIND_LABELS[d.kind], 用途: d => d.purpose, 时间: d => copyDate(d.at) },
        keep: { filter: {} },
      }),
      [{ what: '工作人员查看您信息的记录（仅以注销账号的编号关联）', retention: '3年' }],
    );
  }
}
