import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { SUBSCRIBE_RESULTS, type SubscribeResult } from './subscription.model';

const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** What `Taro.requestSubscribeMessage` answered, per template (at most 3 per request, as WeChat allows). */
export class SubscribeResultDTO {
  @ApiProperty({ description: '模板 ID → accept / reject / ban / filter' })
  @Rule(
    RuleType.object()
      .pattern(TEMPLATE_ID, RuleType.string().valid(...SUBSCRIBE_RESULTS))
      .min(1)
      .max(3)
      .required(),
  )
  results!: Record<string, SubscribeResult>;
}
