import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { calendarInstant } from '../../core/calendar-rules';
import { FAIR_KINDS, type FairBoothInput, type FairCheckIn, type FairInput, type FairKind } from '../../contract/job';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';

export class FairDTO implements FairInput {
  @ApiProperty({ enum: FAIR_KINDS })
  @Rule(RuleType.string().valid(...FAIR_KINDS).required())
  kind!: FairKind;

  @ApiProperty()
  @Rule(RuleType.string().trim().min(4).max(60).required())
  title!: string;

  @ApiProperty()
  @Rule(RuleType.string().trim().max(2000).allow('').default(''))
  description!: string;

  @ApiProperty({ description: '开始时间（ISO 8601）' })
  @Rule(calendarInstant().greater('now').required())
  startAt!: string;

  @ApiProperty({ description: '结束时间（ISO 8601）' })
  @Rule(calendarInstant().greater(RuleType.ref('startAt')).required())
  endAt!: string;

  @ApiProperty()
  @Rule(RuleType.string().trim().min(2).max(100).required())
  venue!: string;

  @ApiProperty({ required: false, enum: DISTRICTS.map(d => d.code) })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)))
  district?: DistrictCode;

  @ApiProperty({ description: '展位数' })
  @Rule(RuleType.number().integer().min(1).max(2000).required())
  boothCapacity!: number;
}

export class FairBoothDTO implements FairBoothInput {
  @ApiProperty({ type: [String], description: '携带的本企业在招岗位' })
  @Rule(RuleType.array().items(RuleType.string().hex().length(24)).min(1).max(20).unique().required())
  jobIds!: string[];
}

export class FairCheckInDTO implements FairCheckIn {
  @ApiProperty({ description: '扫码得到的签到码' })
  @Rule(RuleType.string().max(200).required())
  token!: string;
}
