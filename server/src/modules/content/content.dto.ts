import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { ACTIONS, CONTENT_KINDS, type ActionNo, type ContentKind } from '../../contract/policy';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';

export class ContentQueryDTO {
  @ApiProperty({ required: false, enum: CONTENT_KINDS, description: '政策 / 服务 / 机构' })
  @Rule(RuleType.string().valid(...CONTENT_KINDS))
  kind?: ContentKind;

  @ApiProperty({ required: false, description: '所属行动（1-10）' })
  @Rule(RuleType.number().integer().valid(...ACTIONS.map(a => a.no)))
  action?: ActionNo;

  @ApiProperty({ required: false, enum: DISTRICTS.map(d => d.code) })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '标签' })
  @Rule(RuleType.string().trim().max(20))
  tag?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}
