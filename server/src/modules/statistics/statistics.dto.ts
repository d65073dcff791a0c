import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { COLLEGES, DISTRICTS } from '../../contract/reference';
import type { DashboardRequest } from './statistics.service';

export class DashboardQueryDTO implements DashboardRequest {
  @ApiProperty({ required: false, description: '毕业年份，默认今年' })
  @Rule(RuleType.number().integer().min(2000).max(2100))
  year?: number;

  @ApiProperty({ required: false, description: '市局查看某一高校' })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: string;

  @ApiProperty({ required: false, description: '市局查看某一区市县' })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)).meta({ openapi: { 'x-not-with': 'collegeId' } }))
  districtCode?: string;
}
