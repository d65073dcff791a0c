import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';

/** `:id` path parameter holding a MongoDB ObjectId; anything else is a 422 naming `id`. */
export class ObjectIdParam {
  @Rule(RuleType.string().hex().length(24).required())
  id!: string;
}

/** `?limit=&cursor=` of a keyset-paginated list. */
export class PageQueryDTO {
  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}
