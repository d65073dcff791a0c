import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { MEDIA_CHECK_STATUS_LABELS, MEDIA_PURPOSE_LABELS } from '../../contract/moderation';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { MediaCheckModel } from './moderation.model';

/**
 * Content-security checks of the user's uploads. They stay with the file they judge (complaint evidence is
 * kept with the complaint, a licence with the enterprise): erasing one would let a hidden file show again.
 * Nothing in them names the person beyond the account id, which is gone with the account.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class ModerationPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    const r = this.registry;
    r.register(
      'media-checks',
      r.collection({
        title: '上传文件的内容安全检测',
        model: MediaCheckModel,
        field: 'ownerId',
        idType: 'objectId',
        columns: {
          用途: d => MEDIA_PURPOSE_LABELS[d.purpose],
          文件类型: d => d.type,
          检测结果: d => MEDIA_CHECK_STATUS_LABELS[d.status],
          上传时间: d => copyDate(d.createdAt),
          处理时间: d => copyDate(d.decidedAt),
        },
        keep: { filter: {} },
      }),
      [{ what: '上传文件的内容安全检测记录（随所属文件保存，不含姓名）', retention: '随所属投诉或企业档案保存' }],
    );
  }
}
