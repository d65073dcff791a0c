import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS } from '../../contract/complaint';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { ComplaintModel } from './complaint.model';

/**
 * Complaints are the authority's case records (and may hold a freeze on a job): they stay after the
 * account goes, without the complainant's name or phone.
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register(
      'complaints',
      this.registry.collection({
        title: '投诉举报',
        model: ComplaintModel,
        field: 'complainantId',
        idType: 'objectId',
        columns: {
          类别: d => COMPLAINT_CATEGORY_LABELS[d.category],
          对象: d => d.enterpriseName ?? d.partyName ?? d.jobTitle,
          内容: d => d.description,
          联系电话: d => d.phoneMasked,
          状态: d => COMPLAINT_STATUS_LABELS[d.status],
          答复: d => d.reply,
          提交时间: d => copyDate(d.createdAt),
        },
        keep: {
          filter: {},
          update: { $set: { complainantName: '已注销用户', phoneMasked: '已删除' }, $unset: { phoneEnc: 1, phoneHash: 1 } },
        },
      }),
      [{ what: '投诉举报及处理记录（去除姓名和联系电话）', retention: '按投诉处理档案规定保存' }],
    );
  }
}
