import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';
import { SUPPORT_SERVICE_KINDS, type StaffRegisterRequest, type SupportRegisterRequest, type SupportServiceKind } from '../../contract/support';
import { GraduateRecordDTO } from '../registry/registry.service';

const DISTRICT_CODES = DISTRICTS.map(d => d.code);

export class SupportRegisterDTO implements SupportRegisterRequest {
  @ApiProperty({ description: '希望在哪个区市县接受帮扶' })
  @Rule(RuleType.string().valid(...DISTRICT_CODES).required())
  districtCode!: DistrictCode;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200).allow(''))
  intention?: string;
}

export class StaffRegisterDTO implements StaffRegisterRequest {
  @ApiProperty({ required: false, description: '实名库记录 ID（查找到时）' })
  @Rule(RuleType.string().hex().length(24))
  graduateId?: string;

  @ApiProperty({ required: false, type: GraduateRecordDTO, description: '实名库中没有时新建的记录（与 graduateId 二选一）' })
  @Rule(GraduateRecordDTO, { required: false })
  record?: GraduateRecordDTO;

  @ApiProperty({ description: '暂未就业起始日期 YYYY-MM-DD', example: '2026-07-01' })
  @Rule(RuleType.string().pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 格式的日期').required())
  unemployedSince!: string;

  @ApiProperty({ required: false, description: '帮扶所在区市县（市局必填；区市县工作人员为本区）' })
  @Rule(RuleType.string().valid(...DISTRICT_CODES).meta({ openapi: { 'x-required': '市局必填' } }))
  districtCode?: DistrictCode;

  @ApiProperty({ required: false, description: '责任人（该区市县工作人员；区市县工作人员不填即本人）' })
  @Rule(RuleType.string().hex().length(24))
  caseworkerId?: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200).allow(''))
  intention?: string;
}

export class CaseworkerQueryDTO {
  @ApiProperty({ required: false, description: '市局须指定区市县' })
  @Rule(RuleType.string().valid(...DISTRICT_CODES).meta({ openapi: { 'x-required': '市局必填' } }))
  districtCode?: DistrictCode;
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
