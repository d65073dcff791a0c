import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { SUBSIDY_STATUS_LABELS } from '../../contract/subsidy';
import { Database } from '../../core/database';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { OFFER_STATUS_LABELS } from '../../contract/subsidy-offer';
import { PaymentBatchModel } from './subsidy-batch.model';
import { SubsidyOfferModel } from './subsidy-offer.model';
import { ObjectionModel } from './subsidy-publicity.model';
import { OBJECTION_STATUS_LABELS } from '../../contract/subsidy-publicity';
import { offerStatus } from './subsidy.offer.rules';
import { SubsidyApplicationModel } from './subsidy.model';
import { DELETED_APPLICANT, SubsidyWithdrawalService } from './subsidy-withdrawal.service';

/** Approved, paying, paid and bank-returned applications are financial records the law keeps (with their payment attempts); the rest go with the account. */
const KEPT_STATUSES = ['approved', 'paying', 'paid', 'payReturned'];

@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubsidyPersonalData {
  @Inject()
  private db!: Database;

  @Inject()
  private registry!: PersonalDataRegistry;

  @Inject()
  private withdrawals!: SubsidyWithdrawalService;

  @Init()
  init(): void {
    this.registry.register(
      'subsidy-applications',
      {
        title: '补贴申请',
        export: async userId => {
          const apps = await this.db.model(SubsidyApplicationModel).find({ applicantId: new Types.ObjectId(userId) }).lean();
          return apps.map(a => ({
            补贴项目: a.programName,
            批次: a.period,
            状态: SUBSIDY_STATUS_LABELS[a.status],
            申请人: a.applicantName,
            身份证号码: a.idNumberMasked ?? null,
            就业单位: a.employerName ?? null,
            开户银行: a.bankName ?? null,
            银行账号: a.bankAccountMasked ?? null,
            困难家庭: a.hardship ?? null,
            金额: a.amount ?? null,
            提交时间: copyDate(a.submittedAt),
            发放时间: copyDate(a.paidAt),
          }));
        },
        erase: async userId => {
          // Open applications are withdrawn (their reviewers are told), not silently deleted.
          await this.withdrawals.withdrawForDeletedAccount(userId);
          const applicantId = new Types.ObjectId(userId);
          const apps = this.db.model(SubsidyApplicationModel);
          const kept = await apps.find({ applicantId, status: { $in: KEPT_STATUSES } }, { _id: 1 }).lean();
          // Kept for the accounts: the sealed ID and card stay (opened only for an audit), every name,
          // searchable hash and masked copy goes.
          await apps.updateMany(
            { applicantId, status: { $in: KEPT_STATUSES } },
            {
              $set: { applicantName: DELETED_APPLICANT },
              $unset: { idNumberHash: 1, idNumberMasked: 1, bankAccountHash: 1, bankAccountMasked: 1, phoneHash: 1 },
            },
          );
          if (kept.length > 0) {
            await this.db
              .model(PaymentBatchModel)
              .updateMany(
                { 'lines.applicationId': { $in: kept.map(k => k._id) } },
                { $set: { 'lines.$[line].name': DELETED_APPLICANT } },
                { arrayFilters: [{ 'line.applicationId': { $in: kept.map(k => k._id) } }] },
              );
          }
          await apps.deleteMany({ applicantId, status: { $nin: [...KEPT_STATUSES, 'withdrawn'] } });
        },
      },
      [
        { what: '已批准和已发放的补贴申请及银行发放清单（去除姓名，证件号与账号加密保存）', retention: '30年（会计档案保管期限）' },
        { what: '审核中的补贴申请改为"已撤回"并告知审核人员（只留补贴项目、审核环节和办理记录，不含姓名、证件、账号和材料）', retention: '最长3年' },
      ],
      true,
    );
    this.registry.register(
      'subsidy-offers',
      {
        title: '免申即享补贴提醒',
        export: async userId => {
          const offers = await this.db.model(SubsidyOfferModel).find({ userId: new Types.ObjectId(userId) }).lean();
          const now = new Date();
          return offers.map(o => ({
            补贴项目: o.programName,
            批次: o.period,
            状态: OFFER_STATUS_LABELS[offerStatus(o, now)],
            约计金额: o.amount,
            数据来源: o.sources.join('；'),
            提醒时间: copyDate(o.createdAt),
          }));
        },
        // The offer came from the bureau's registry and stays with it (a rerun must not offer again); only the link to the account goes.
        erase: async userId => {
          await this.db.model(SubsidyOfferModel).updateMany({ userId: new Types.ObjectId(userId) }, { $unset: { userId: 1 } });
        },
      },
      [{ what: '免申即享提醒本身（由毕业生实名库数据产生，解除与账号的关联）', retention: '至补贴项目结束' }],
      true,
    );
    this.registry.register(
      'subsidy-objections',
      {
        title: '补贴公示异议',
        export: async userId => {
          const docs = await this.db.model(ObjectionModel).find({ objectorId: new Types.ObjectId(userId) }).lean();
          return docs.map(o => ({
            补贴项目: o.programName,
            公示对象: o.entryName,
            金额: o.amount,
            处理结果: OBJECTION_STATUS_LABELS[o.status],
            处理理由: o.decisionReason ?? null,
            提出时间: copyDate(o.createdAt),
          }));
        },
        // The objection and its decision stay with the batch it held (its reason and contact are the complaint's, erased there); the link to the account goes.
        erase: async userId => {
          await this.db.model(ObjectionModel).updateMany({ objectorId: new Types.ObjectId(userId) }, { $set: { objectorId: new Types.ObjectId() } });
        },
      },
      [{ what: '对补贴公示提出的异议及处理结果（解除与账号的关联）', retention: '与所涉发放批次相同' }],
      true,
    );
  }
}
