import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { JOB_KINDS, type JobKind } from '../../contract/job';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';

export class JobQueryDTO {
  @ApiProperty({ required: false, enum: JOB_KINDS })
  @Rule(RuleType.string().valid(...JOB_KINDS))
  kind?: JobKind;

  @ApiProperty({ required: false, enum: DISTRICTS.map(d => d.code) })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)))
  district?: DistrictCode;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}
