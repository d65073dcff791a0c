import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { requiredWhen } from '../../core/openapi/joi-schema';
import { calendarInstant } from '../../core/calendar-rules';
import { COMPLAINT_FORM_CATEGORIES, type ComplaintCategory } from '../../contract/complaint';
import { LIVE_LIST_TABS, type LiveChannelsControlInput, type LiveDecisionInput, type LiveListTab, type LiveReplayQuery, type LiveReportInput, type LiveSessionInput } from '../../contract/live';

/** A 视频号 id as 视频号助手 shows it. */
const finderUserName = RuleType.string().trim().pattern(/^sph[A-Za-z0-9_-]{3,60}$/, '以 sph 开头的视频号 ID');
/** feedId / nonceId as wx.getChannelsLiveInfo returns them. */
const channelsToken = RuleType.string().trim().pattern(/^[A-Za-z0-9_=+/-]{1,256}$/, '视频号直播标识');

class LiveChannelsDTO {
  @ApiProperty({ description: '视频号 ID（视频号助手 → 账号设置，以 sph 开头）' })
  @Rule(finderUserName.required())
  finderUserName!: string;
}

export class LiveSessionDTO implements LiveSessionInput {
  @ApiProperty()
  @Rule(RuleType.string().trim().min(4).max(40).required())
  title!: string;

  @ApiProperty({ required: false, type: LiveChannelsDTO, description: '视频号直播（部署为视频号模式时必填）' })
  @Rule(LiveChannelsDTO, { required: false })
  channels?: LiveChannelsDTO;

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

export class LiveChannelsControlDTO implements LiveChannelsControlInput {
  @ApiProperty({ enum: ['start', 'end'], description: 'start 视频号直播已开始，end 已结束' })
  @Rule(RuleType.string().valid('start', 'end').required())
  action!: 'start' | 'end';

  @ApiProperty({ required: false, description: 'wx.getChannelsLiveInfo 返回的 feedId' })
  @Rule(channelsToken)
  feedId?: string;

  @ApiProperty({ required: false, description: 'wx.getChannelsLiveInfo 返回的 nonceId' })
  @Rule(channelsToken)
  nonceId?: string;
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
  @Rule(RuleType.string().trim().max(200).allow('').meta(requiredWhen('decision', ['reject'])))
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

/** 举报 from the room; the complaint's own fields follow the complaint form's rules (complaint.dto.ts). */
export class LiveReportDTO implements LiveReportInput {
  @ApiProperty({ description: '客户端为每次举报生成的唯一编号（重试或重复点击只生成一条投诉）' })
  @Rule(RuleType.string().pattern(/^[A-Za-z0-9_-]{16,64}$/, '16至64位字母、数字、下划线或短横线').required())
  idempotencyKey!: string;

  @ApiProperty({ enum: ['stream', 'job'], description: '举报直播画面（stream）或岗位卡片（job）' })
  @Rule(RuleType.string().valid('stream', 'job').required())
  target!: 'stream' | 'job';

  @ApiProperty({ required: false, description: '被举报的岗位卡片（target 为 job 时必填）' })
  @Rule(RuleType.string().hex().length(24).when('target', { is: 'job', then: RuleType.required(), otherwise: RuleType.forbidden() }))
  jobId?: string;

  @ApiProperty({ description: '点击举报的时间（ISO 8601，30 分钟内）' })
  // The window is checked by reportMoment (live.rules.ts); the document names it as a format.
  @Rule(calendarInstant().required().meta({ openapi: { format: 'recent-date-time', description: '点击举报的时间：30 分钟内（服务端时间，可快 1 分钟）' } }))
  shownAt!: string;

  @ApiProperty({ enum: COMPLAINT_FORM_CATEGORIES })
  @Rule(RuleType.string().valid(...COMPLAINT_FORM_CATEGORIES).required())
  category!: ComplaintCategory;

  @ApiProperty({ description: '举报内容（10–2000 字）' })
  @Rule(RuleType.string().trim().min(10).max(2000).required())
  description!: string;

  @ApiProperty({ description: '联系电话（加密保存）' })
  @Rule(RuleType.string().trim().max(20).required().meta({ openapi: { pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$', description: '手机号或带区号的固定电话' } }))
  phone!: string;
}
