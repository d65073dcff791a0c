import { Rule, RuleType } from '@midwayjs/validate';

/** `:id` path parameter holding a MongoDB ObjectId; anything else is a 422 naming `id`. */
export class ObjectIdParam {
  @Rule(RuleType.string().hex().length(24).required())
  id!: string;
}
