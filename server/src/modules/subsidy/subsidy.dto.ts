import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { calendarDay } from '../../core/calendar-rules';
import { bankCardRule, corporateAccountRule, residentIdRule, usccRule } from '../../core/check-digit-rules';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { OFFER_MODES, type OfferMode } from '../../contract/subsidy-offer';
import {
  APPLICANT_KINDS,
  CONDITION_OPS,
  REVIEW_DECISIONS,
  REVIEW_STAGES,
  SUBSIDY_DOCUMENT_KINDS,
  SUBSIDY_STATUSES,
  type AmountRule,
  type ApplicantKind,
  type EnterpriseSubsidyForm,
  type EnterpriseSubsidyInput,
  type PaymentBatchInput,
  type PaymentBatchPreviewInput,
  type ReviewDecision,
  type ReviewDecisionInput,
  type ReviewStage,
  type RuleCondition,
  type SubsidyApplicationForm,
  type SubsidyApplicationInput,
  type SubsidyDocumentKind,
  type SubsidyGuide,
  type SubsidyProgramInput,
  type SubsidyStatus,
} from '../../contract/subsidy';

const districtCodes = DISTRICTS.map(d => d.code);
const isoDate = calendarDay;
const factValue = () => RuleType.alternatives().try(RuleType.string().max(40), RuleType.number(), RuleType.boolean());

const conditionSchema = RuleType.object({
  field: RuleType.string().max(40).required(),
  op: RuleType.string().valid(...CONDITION_OPS).required(),
  value: RuleType.alternatives().try(factValue(), RuleType.array().items(factValue()).max(50)).required(),
});

const amountSchema = RuleType.alternatives().try(
  RuleType.object({ kind: RuleType.string().valid('fixed').required(), amount: RuleType.number().required(), label: RuleType.string().max(40) }),
  RuleType.object({
    kind: RuleType.string().valid('monthly').required(),
    monthly: RuleType.number().required(),
    monthsField: RuleType.string().max(40).required(),
    maxMonths: RuleType.number().required(),
  }),
  RuleType.object({
    kind: RuleType.string().valid('perGraduate').required(),
    amount: RuleType.number().required(),
    maxGraduates: RuleType.number().required(),
    label: RuleType.string().max(40),
  }),
  RuleType.object({
    kind: RuleType.string().valid('table').required(),
    rows: RuleType.array()
      .items(
        RuleType.object({
          when: RuleType.object().pattern(RuleType.string().max(40), factValue()).required(),
          amount: RuleType.number().required(),
          label: RuleType.string().max(40).required(),
        }),
      )
      .max(50)
      .required(),
  }),
);

const line = (max: number) => RuleType.string().trim().min(1).max(max);

const guideSchema = RuleType.object({
  audience: RuleType.string().trim().allow('').max(200).required(),
  otherConditions: RuleType.array().items(line(200)).max(20).required(),
  standardNote: RuleType.string().trim().allow('').max(300).required(),
  materials: RuleType.array()
    .items(
      RuleType.object({
        kind: RuleType.string().valid(...SUBSIDY_DOCUMENT_KINDS).required(),
        detail: line(300).required(),
        example: line(300).required(),
      }),
    )
    .max(10)
    .required(),
  contacts: RuleType.array()
    .items(
      RuleType.object({
        unit: line(60).required(),
        phone: RuleType.string().trim().pattern(/^[0-9-]{3,20}$/, '数字与短横线组成的电话号码（如 12333、0411-12345678）'),
        address: line(120),
        hours: line(60),
      }),
    )
    .max(10)
    .required(),
});

export class SubsidyProgramDTO implements SubsidyProgramInput {
  @ApiProperty({ description: '项目名称' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  name!: string;

  @ApiProperty({ description: '政策依据' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  legalBasis!: string;

  @ApiProperty({ enum: APPLICANT_KINDS })
  @Rule(RuleType.string().valid(...APPLICANT_KINDS).required())
  applicantKind!: ApplicantKind;

  @ApiProperty({ description: '申请批次，如 2026' })
  @Rule(RuleType.string().trim().min(1).max(20).required())
  period!: string;

  @ApiProperty({ example: '2026-01-01' })
  @Rule(isoDate().required())
  opensAt!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Rule(isoDate().required())
  closesAt!: string;

  @ApiProperty({ enum: SUBSIDY_DOCUMENT_KINDS, isArray: true })
  @Rule(RuleType.array().items(RuleType.string().valid(...SUBSIDY_DOCUMENT_KINDS)).unique().max(10).required())
  requiredDocuments!: SubsidyDocumentKind[];

  @ApiProperty({ description: '申请条件（全部满足）' })
  @Rule(RuleType.array().items(conditionSchema).max(20).required())
  conditions!: RuleCondition[];

  @ApiProperty({ description: '金额规则：fixed / table / monthly' })
  @Rule(amountSchema.required())
  amount!: AmountRule;

  @ApiProperty({ enum: REVIEW_STAGES, isArray: true })
  @Rule(RuleType.array().items(RuleType.string().valid(...REVIEW_STAGES)).unique().min(1).required())
  workflow!: ReviewStage[];

  @ApiProperty({ enum: OFFER_MODES, required: false, description: 'auto：免申即享（按平台数据比对，毕业生一键确认）' })
  @Rule(RuleType.string().valid(...OFFER_MODES))
  offerMode?: OfferMode;

  @ApiProperty({ description: '说明' })
  @Rule(RuleType.string().trim().allow('').max(500).required())
  note!: string;

  @ApiProperty({ description: '金额为示例（演示数据），页面统一说明一次' })
  @Rule(RuleType.boolean())
  exampleAmounts?: boolean;

  @ApiProperty({ description: '办事指南：申请对象、规则以外的条件、标准说明、材料说明与示例、咨询方式；不传则不变' })
  @Rule(guideSchema)
  guide?: SubsidyGuide;

  @ApiProperty({ description: '本项目落实的已发布政策（内容 id），政策页据此提供“立即办理”；不传则不变', isArray: true })
  @Rule(RuleType.array().items(RuleType.string().hex().length(24)).unique().max(10))
  policyIds?: string[];

  @ApiProperty()
  @Rule(RuleType.boolean().required())
  active!: boolean;
}

const formSchema = RuleType.object({
  idNumber: residentIdRule().max(24),
  graduationDate: isoDate(),
  employmentDistrict: RuleType.string().valid(...districtCodes),
  employerName: RuleType.string().trim().max(60),
  employerUscc: usccRule().max(24),
  socialInsuranceMonths: RuleType.number().integer().min(0).max(600),
  traineeMonths: RuleType.number().integer().min(0).max(60),
  hardship: RuleType.boolean(),
  businessRegistered: RuleType.boolean(),
  bankName: RuleType.string().trim().max(40),
  bankAccount: bankCardRule().max(40),
});

/** What every application save carries besides its form: the program, draft or submit, the consent. */
class ApplicationSaveDTO {
  @ApiProperty({ description: '补贴项目 id' })
  @Rule(RuleType.string().hex().length(24).required())
  programId!: string;

  @ApiProperty({ description: 'true 提交审核，false 保存草稿' })
  @Rule(RuleType.boolean().required())
  submit!: boolean;

  @ApiProperty({ required: false, description: '同意信息使用授权' })
  @Rule(RuleType.boolean())
  consent?: boolean;
}

export class SubsidyApplicationDTO extends ApplicationSaveDTO implements SubsidyApplicationInput {
  @ApiProperty({ description: '申请表' })
  @Rule(formSchema.required())
  form!: SubsidyApplicationForm & { employmentDistrict?: DistrictCode };
}

const enterpriseFormSchema = RuleType.object({
  socialInsuranceMonths: RuleType.number().integer().min(0).max(600),
  graduates: RuleType.array()
    .items(
      RuleType.object({
        key: RuleType.string().hex().length(12),
        name: RuleType.string().trim().max(30),
        idNumber: residentIdRule().max(24),
      }),
    )
    .max(200),
  bankName: RuleType.string().trim().max(40),
  bankAccount: corporateAccountRule().max(40),
});

export class EnterpriseSubsidyDTO extends ApplicationSaveDTO implements EnterpriseSubsidyInput {
  @ApiProperty({ description: '申请表：企业名称、信用代码、所在地区和行业取自企业登记信息，不在此填写' })
  @Rule(enterpriseFormSchema.required())
  form!: EnterpriseSubsidyForm;
}

export class DocumentKindQueryDTO {
  @ApiProperty({ enum: SUBSIDY_DOCUMENT_KINDS })
  @Rule(RuleType.string().valid(...SUBSIDY_DOCUMENT_KINDS).required())
  kind!: SubsidyDocumentKind;
}

export class DocumentParamDTO {
  @Rule(RuleType.string().hex().length(24).required())
  id!: string;

  @Rule(RuleType.string().hex().length(16).required())
  documentId!: string;
}

export class ReviewDecisionDTO implements ReviewDecisionInput {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @Rule(RuleType.string().valid(...REVIEW_DECISIONS).required())
  decision!: ReviewDecision;

  @ApiProperty({ required: false, description: '退回或不通过的依据（规则、意见）；与缺少的材料至少有一项' })
  @Rule(RuleType.string().trim().allow('').max(200))
  reason?: string;

  @ApiProperty({ required: false, enum: SUBSIDY_DOCUMENT_KINDS, isArray: true, description: '缺少或需更换的材料' })
  @Rule(RuleType.array().items(RuleType.string().valid(...SUBSIDY_DOCUMENT_KINDS)).max(SUBSIDY_DOCUMENT_KINDS.length))
  missingDocuments?: SubsidyDocumentKind[];
}

export class QueueQueryDTO {
  @ApiProperty({ required: false, enum: SUBSIDY_STATUSES })
  @Rule(RuleType.string().valid(...SUBSIDY_STATUSES))
  status?: SubsidyStatus;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200))
  cursor?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;
}

export class BatchPreviewDTO implements PaymentBatchPreviewInput {
  @ApiProperty({ required: false, description: '只发放该项目；不填则全部项目' })
  @Rule(RuleType.string().hex().length(24))
  programId?: string;
}

export class GuideQueryDTO {
  @ApiProperty({ description: '政策（内容）id：只列落实该政策的项目', required: false })
  @Rule(RuleType.string().hex().length(24))
  policyId?: string;
}

export class BatchDTO extends BatchPreviewDTO implements PaymentBatchInput {
  @ApiProperty({ description: '预览返回的 previewKey：只按预览时的清单生成，重复提交返回同一批次' })
  @Rule(RuleType.string().hex().length(32).required())
  previewKey!: string;
}
