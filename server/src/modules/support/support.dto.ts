import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { SUPPORT_SERVICE_KINDS, type SupportRegisterRequest, type SupportServiceKind } from '../../contract/support';

const DISTRICT_CODES = DISTRICTS.map(d => d.code);

export class SupportRegisterDTO implements SupportRegisterRequest {
  @ApiProperty({ description: '希望在哪个区市县接受帮扶' })
  @Rule(RuleType.string().valid(...DISTRICT_CODES).required())
  districtCode!: DistrictCode;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200).allow(''))
  intention?: string;
}

export class StaffRegisterDTO {
  @ApiProperty({ description: '实名库记录 ID' })
  @Rule(RuleType.string().hex().length(24).required())
  graduateId!: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200).allow(''))
  intention?: string;
}

export class PlanDTO {
  @ApiProperty({ description: '一人一策' })
  @Rule(RuleType.string().trim().min(1).max(2000).required())
  plan!: string;
}

export class ServiceDTO {
  @ApiProperty({ enum: SUPPORT_SERVICE_KINDS })
  @Rule(RuleType.string().valid(...SUPPORT_SERVICE_KINDS).required())
  kind!: SupportServiceKind;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(500).allow('').default(''))
  note!: string;
}

export class RecommendDTO {
  @ApiProperty({ type: [String], description: '本轮推荐的岗位（已发布）' })
  @Rule(RuleType.array().items(RuleType.string().hex().length(24)).min(1).max(20).unique().required())
  jobIds!: string[];
}

export class CaseListQueryDTO {
  @ApiProperty({ required: false })
  @Rule(RuleType.boolean())
  overdue?: boolean;

  @ApiProperty({ required: false, description: '只看我负责的档案' })
  @Rule(RuleType.boolean())
  mine?: boolean;

  @ApiProperty({ required: false, description: '市局按区市县筛选' })
  @Rule(RuleType.string().valid(...DISTRICT_CODES))
  districtCode?: DistrictCode;
}

export class MatchQueryDTO {
  @ApiProperty({ required: false, default: 30 })
  @Rule(RuleType.number().integer().min(1).max(100).default(30))
  limit!: number;
}
