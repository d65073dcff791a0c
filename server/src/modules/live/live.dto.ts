import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { calendarInstant } from '../../core/calendar-rules';
import { LIVE_LIST_TABS, type LiveDecisionInput, type LiveListTab, type LiveReplayQuery, type LiveSessionInput } from '../../contract/live';

export class LiveSessionDTO implements LiveSessionInput {
  @ApiProperty()
  @Rule(RuleType.string().trim().min(4).max(40).required())
  title!: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().uri({ scheme: ['https', 'http'] }).max(500).allow(''))
  coverUrl?: string;

  @ApiProperty({ description: '开始时间（ISO 8601）' })
  @Rule(calendarInstant().greater('now').required())
  startAt!: string;

  @ApiProperty({ required: false, description: '以招聘会名义直播' })
  @Rule(RuleType.string().hex().length(24))
  fairId?: string;

  @ApiProperty({ type: [String], description: '推荐岗位' })
  @Rule(RuleType.array().items(RuleType.string().hex().length(24)).min(1).max(20).unique().required())
  jobIds!: string[];
}

export class LiveListQueryDTO {
  @ApiProperty({ enum: LIVE_LIST_TABS })
  @Rule(RuleType.string().valid(...LIVE_LIST_TABS).default('upcoming'))
  tab!: LiveListTab;
}

export class LiveDecisionDTO implements LiveDecisionInput {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @Rule(RuleType.string().valid('approve', 'reject').required())
  decision!: 'approve' | 'reject';

  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(200).allow(''))
  reason?: string;
}

/** Tencent CSS stream callback (wechat.md §6.4); fields we do not use are stripped. */
export class LiveCallbackDTO {
  @Rule(RuleType.alternatives().try(RuleType.number().integer(), RuleType.string().pattern(/^\d{1,12}$/, '1至12位数字')).required())
  t!: number | string;

  @Rule(RuleType.string().max(64).required())
  sign!: string;

  @Rule(RuleType.number().integer().required())
  event_type!: number;

  @Rule(RuleType.string().max(200).allow(''))
  stream_id?: string;

  @Rule(RuleType.alternatives().try(RuleType.string().max(100), RuleType.number()))
  sequence?: string | number;

  @Rule(RuleType.number().integer())
  event_time?: number;

  /** Recording callbacks (event 100): where the file is. */
  @Rule(RuleType.string().uri({ scheme: ['https', 'http'] }).max(1000))
  video_url?: string;

  /** Recording callbacks: when the file starts and ends (Unix seconds) and its length (seconds). */
  @Rule(RuleType.number().integer().min(0))
  start_time?: number;

  @Rule(RuleType.number().integer().min(0))
  end_time?: number;

  @Rule(RuleType.number().min(0))
  duration?: number;
}

export class LiveReplayQueryDTO implements LiveReplayQuery {
  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200))
  cursor?: string;

  @ApiProperty({ required: false, description: '1–200，默认 100' })
  @Rule(RuleType.number().integer().min(1).max(200).default(100))
  limit!: number;
}

/** The local media server's publish/play check, signed like a Tencent callback. */
export class LiveMediaCheckDTO {
  @Rule(RuleType.alternatives().try(RuleType.number().integer(), RuleType.string().pattern(/^\d{1,12}$/, '1至12位数字')).required())
  t!: number | string;

  @Rule(RuleType.string().max(64).required())
  sign!: string;

  @Rule(RuleType.string().valid('publish', 'play').required())
  kind!: 'publish' | 'play';

  @Rule(RuleType.string().max(200).required())
  stream_id!: string;

  @Rule(RuleType.string().max(2000).allow('').default(''))
  stream_param!: string;
}
