import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { BodyRule } from '../../core/validation';
import { REFERENCE_KINDS, type ReferenceItemInput, type ReferenceItemPatch, type ReferenceKind } from '../../contract/reference';

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
