import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { COLLEGES, DISTRICTS } from '../../contract/reference';
import { TARGET_KEYS, TARGET_LABELS, type TargetFigures, type YearTargetsInput } from '../../contract/statistics';
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

/** `:year` of a year's targets. */
export class TargetYearParam {
  @Rule(RuleType.number().integer().min(2000).max(2100).required())
  year!: number;
}

// Head counts are whole numbers, rates fractions of 1; the rules (targetProblems) say which is which and check the whole.
const figure = (key: string) =>
  RuleType.object({
    target: RuleType.number().min(0).max(1_000_000).required(),
    stretch: RuleType.number().min(0).max(1_000_000),
  }).description(TARGET_LABELS[key as keyof typeof TARGET_LABELS]);

export class YearTargetsDTO implements YearTargetsInput {
  @ApiProperty({ description: '各项目标（人数为整数，比率为 0–1 的小数，如 0.42 表示 42%）；方案未设定的项不填' })
  @Rule(RuleType.object(Object.fromEntries(TARGET_KEYS.map(k => [k, figure(k)]))).required())
  figures!: TargetFigures;

  @ApiProperty({ description: '目标来源（工作方案文号等）', example: '大就办发〔2022〕4号' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  source!: string;

  @ApiProperty({ description: '编辑时读取的版本号；该年度尚无目标时为 0' })
  @Rule(RuleType.number().integer().min(0).max(1_000_000).required())
  version!: number;

  @ApiProperty({ description: '调整原因', example: '按2023年工作方案设定' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}
