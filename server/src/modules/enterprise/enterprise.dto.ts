import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import {
  ABNORMAL_KINDS,
  type AbnormalEntryInput,
  type AbnormalKind,
  type RealNameInput,
  ENTERPRISE_OWNERSHIPS,
  ENTERPRISE_SIZES,
  ENTERPRISE_STATUSES,
  type EnterpriseDecision,
  type EnterpriseInput,
  type EnterpriseStatus,
} from '../../contract/job';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { usccRule } from '../../core/check-digit-rules';
import { PageQueryDTO } from '../../core/params';

const districtCodes = DISTRICTS.map(d => d.code);

export class EnterpriseDTO implements EnterpriseInput {
  @ApiProperty({ description: '企业名称' })
  @Rule(RuleType.string().trim().min(4).max(60).required())
  name!: string;

  @ApiProperty({ description: '统一社会信用代码（18位）' })
  @Rule(usccRule().max(24).required())
  uscc!: string;

  @ApiProperty({ enum: districtCodes })
  @Rule(RuleType.string().valid(...districtCodes).required())
  district!: DistrictCode;

  @ApiProperty({ description: '所属行业（基础数据 industry 中启用的一项）' })
  @Rule(RuleType.string().trim().min(1).max(50).required())
  industry!: string;

  @ApiProperty({ enum: ENTERPRISE_SIZES, description: '企业规模' })
  @Rule(RuleType.string().valid(...ENTERPRISE_SIZES).required())
  size!: string;

  @ApiProperty({ enum: ENTERPRISE_OWNERSHIPS, description: '企业性质' })
  @Rule(RuleType.string().valid(...ENTERPRISE_OWNERSHIPS).required())
  ownership!: string;

  @ApiProperty({ description: '“15+N”产业链（基础数据 chain 中启用的项）', type: [String] })
  @Rule(RuleType.array().items(RuleType.string().trim().min(1).max(30)).max(5).unique().default([]))
  chainTags!: string[];

  @ApiProperty({ required: false, description: '“老、原、新”类别（基础数据 category 中启用的一项）' })
  @Rule(RuleType.string().trim().min(1).max(30))
  category?: string;
}

export class EnterpriseDecisionDTO implements EnterpriseDecision {
  @ApiProperty({ enum: ['verify', 'reject'] })
  @Rule(RuleType.string().valid('verify', 'reject').required())
  decision!: 'verify' | 'reject';

  @ApiProperty({ required: false, description: '驳回原因（驳回时必填）' })
  @Rule(RuleType.string().trim().max(200).when('decision', { is: 'reject', then: RuleType.string().min(2).required() }))
  reason?: string;
}

export class AddRecruiterDTO {
  @ApiProperty({ description: '要加入本企业的招聘者用户 ID' })
  @Rule(RuleType.string().hex().length(24).required())
  userId!: string;
}

export class EnterpriseReviewQueryDTO extends PageQueryDTO {
  @Rule(RuleType.string().valid(...ENTERPRISE_STATUSES).default('pending'))
  status!: EnterpriseStatus;
}

export class RealNameDTO implements RealNameInput {
  @ApiProperty({ description: '真实姓名' })
  @Rule(RuleType.string().trim().min(2).max(30).required())
  name!: string;

  @ApiProperty({ description: '居民身份证号码（加密保存）' })
  @Rule(RuleType.string().trim().min(15).max(20).required())
  idNumber!: string;
}

export class AbnormalEntryDTO implements AbnormalEntryInput {
  @ApiProperty({ enum: ABNORMAL_KINDS, description: 'enterprise：统一社会信用代码；person：身份证号码（只保存其加密摘要）' })
  @Rule(RuleType.string().valid(...ABNORMAL_KINDS).required())
  kind!: AbnormalKind;

  @ApiProperty({ description: '统一社会信用代码或身份证号码' })
  @Rule(RuleType.string().trim().min(15).max(24).required())
  subject!: string;

  @ApiProperty({ description: '企业或个人名称' })
  @Rule(RuleType.string().trim().min(2).max(60).required())
  name!: string;

  @ApiProperty({ description: '列入原因' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;

  @ApiProperty({ required: false, description: '证据或依据（如处罚决定书文号、投诉编号、核查记录）' })
  @Rule(RuleType.string().trim().allow('').max(500))
  evidence?: string;
}

export class AbnormalRemovalDTO {
  @ApiProperty({ description: '移出原因' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}
