import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { BodyRule } from '../../core/validation';
import { calendarDay } from '../../core/calendar-rules';
import { DISTRICTS, REFERENCE_KINDS, type MinimumWageArea, type MinimumWageInput, type ReferenceItemInput, type ReferenceItemPatch, type ReferenceKind } from '../../contract/reference';

export class ReferenceItemDTO implements ReferenceItemInput {
  @ApiProperty({ enum: REFERENCE_KINDS })
  @Rule(RuleType.string().valid(...REFERENCE_KINDS).required())
  kind!: ReferenceKind;

  @ApiProperty({ description: '名称（保存后不可修改，企业登记时保存的就是它）' })
  @Rule(RuleType.string().trim().min(1).max(30).required())
  value!: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(100).allow(''))
  description?: string;

  @ApiProperty({ required: false, description: '排序（小的在前）' })
  @Rule(RuleType.number().integer().min(0).max(100_000))
  order?: number;
}

// Nothing to change is refused before the service sees it, and the API document says so.
@BodyRule(schema => schema.or('description', 'active', 'order'))
export class ReferenceItemPatchDTO implements ReferenceItemPatch {
  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(100).allow('').label('说明'))
  description?: string;

  @ApiProperty({ required: false, description: 'false 停用（新登记不可再选），true 重新启用' })
  @Rule(RuleType.boolean().label('启用状态'))
  active?: boolean;

  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(0).max(100_000).label('排序'))
  order?: number;
}

export class MinimumWageDTO implements MinimumWageInput {
  @ApiProperty({ description: '月最低工资标准（元）' })
  @Rule(RuleType.number().integer().min(500).max(20_000).required())
  amount!: number;

  @ApiProperty({ description: '执行日期 YYYY-MM-DD（同一日期再次提交即修改该条）' })
  @Rule(calendarDay().required())
  effectiveFrom!: string;

  @ApiProperty({ description: '依据（文件名称与文号）' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  source!: string;

  @ApiProperty({ required: false, description: '另有标准的区市县（每个区市县一条；未列出的按全市标准）' })
  @Rule(
    RuleType.array()
      .items(RuleType.object({ district: RuleType.string().valid(...DISTRICTS.map(d => d.code)).required().label('区市县'), amount: RuleType.number().integer().min(500).max(20_000).required().label('该区市县标准') }))
      .max(DISTRICTS.length)
      .unique('district')
      .default([])
      .label('分区标准'),
  )
  areas?: MinimumWageArea[];
}
