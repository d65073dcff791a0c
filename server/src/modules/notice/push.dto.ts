import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';

export class PushListQueryDTO {
  @ApiProperty({ description: '政策 id' })
  @Rule(RuleType.string().hex().length(24).required())
  contentId!: string;
}
