import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import type { InboxQuery } from '../../contract/notice';

export class InboxQueryDTO implements InboxQuery {
  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(300))
  cursor?: string;

  @ApiProperty({ required: false, description: '只看未读' })
  @Rule(RuleType.boolean())
  unreadOnly?: boolean;
}
