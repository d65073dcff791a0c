import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { calendarInstant } from '../../core/calendar-rules';
import {
  APPLICATION_STATUSES,
  INTERVIEW_MODES,
  INTERVIEW_PHONE_PATTERN,
  type InterviewInvitation,
  JOB_KINDS,
  JOB_SORTS,
  type ApplicationMove,
  type ApplicationSourceKind,
  type JobDraft,
  type RecruiterStep,
  type JobKind,
  type JobReportInput,
  type JobSort,
} from '../../contract/job';
import { DEGREES, DISTRICTS, type Degree, type DistrictCode } from '../../contract/reference';

const districtCodes = DISTRICTS.map(d => d.code);
/** The socket's room cards are the `live` source; over HTTP only these two. */
const RECRUITER_STEPS = APPLICATION_STATUSES.filter((s): s is RecruiterStep => s !== 'submitted' && s !== 'unanswered');

const APPLY_VIAS = ['replay', 'live-job-page'] as const satisfies readonly ApplicationSourceKind[];
type ApplyVia = (typeof APPLY_VIAS)[number];

export class JobQueryDTO {
  @ApiProperty({ required: false, enum: JOB_KINDS })
  @Rule(RuleType.string().valid(...JOB_KINDS))
  kind?: JobKind;

  @ApiProperty({ required: false, enum: districtCodes })
  @Rule(RuleType.string().valid(...districtCodes))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '行业' })
  @Rule(RuleType.string().trim().max(50))
  industry?: string;

  @ApiProperty({ required: false, enum: DEGREES, description: '我的学历：只列出要求不高于该学历的岗位' })
  @Rule(RuleType.string().valid(...DEGREES))
  education?: Degree;

  @ApiProperty({ required: false, description: '期望月薪下限（元）' })
  @Rule(RuleType.number().integer().min(0).max(1_000_000))
  salaryMin?: number;

  @ApiProperty({ required: false, description: '专业' })
  @Rule(RuleType.string().trim().max(50))
  major?: string;

  @ApiProperty({ required: false, description: '关键词' })
  @Rule(RuleType.string().trim().max(30))
  q?: string;

  @ApiProperty({ required: false, enum: JOB_SORTS, default: 'newest' })
  @Rule(RuleType.string().valid(...JOB_SORTS).default('newest'))
  sort!: JobSort;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}

/**
 * The fields the posting rules require are optional here: the service names every missing one together
 * with every offending phrase (contract/job-posting.ts), so the form can show all reasons at once.
 */
export class JobDTO implements JobDraft {
  @ApiProperty({ enum: JOB_KINDS })
  @Rule(RuleType.string().valid(...JOB_KINDS).required())
  kind!: JobKind;

  @ApiProperty()
  @Rule(RuleType.string().trim().min(2).max(40).required())
  title!: string;

  @ApiProperty({ required: false, description: '其他说明（福利、团队等），可空' })
  @Rule(RuleType.string().trim().max(3000).allow('').default(''))
  description!: string;

  @ApiProperty({ required: false, description: '岗位职责（发布时必填）' })
  @Rule(RuleType.string().trim().max(2000).allow(''))
  duties?: string;

  @ApiProperty({ required: false, description: '任职要求（发布时必填）' })
  @Rule(RuleType.string().trim().max(2000).allow(''))
  requirements?: string;

  @ApiProperty({ required: false, description: '月薪下限（元，发布时必填，不低于大连市最低工资标准）' })
  @Rule(RuleType.number().integer().min(0).max(1_000_000))
  salaryMin?: number;

  @ApiProperty({ required: false, description: '月薪上限（元，发布时必填，不超过下限的 5 倍）' })
  @Rule(RuleType.number().integer().min(0).max(1_000_000))
  salaryMax?: number;

  @ApiProperty({ enum: DEGREES })
  @Rule(RuleType.string().valid(...DEGREES).required())
  education!: Degree;

  @ApiProperty({ type: [String] })
  @Rule(RuleType.array().items(RuleType.string().trim().min(2).max(30)).max(10).unique().default([]))
  majors!: string[];

  @ApiProperty({ required: false, description: '招聘人数（发布时必填）' })
  @Rule(RuleType.number().integer().min(1).max(10_000))
  headcount?: number;

  @ApiProperty({ required: false, enum: districtCodes, description: '工作区域（发布时必填）' })
  @Rule(RuleType.string().valid(...districtCodes))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '工作地址（发布时必填）' })
  @Rule(RuleType.string().trim().max(100).allow(''))
  address?: string;

  @ApiProperty({ required: false, description: '截止日期（ISO 8601，发布时必填）' })
  @Rule(calendarInstant().greater('now'))
  deadline?: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(100).default('通过平台投递简历'))
  contactPolicy!: string;

  @ApiProperty({ type: [String], required: false })
  @Rule(RuleType.array().items(RuleType.string().trim().min(1).max(12)).max(8).unique().default([]))
  tags!: string[];

  @ApiProperty({ required: false, description: '是否转载自其他渠道' })
  @Rule(RuleType.boolean().default(false))
  repost!: boolean;

  @ApiProperty({ required: false, description: '转载时注明的信息来源（原发布单位或网站）' })
  @Rule(RuleType.string().trim().max(100).allow(''))
  repostSource?: string;
}

export class ReasonDTO {
  @ApiProperty({ description: '原因' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}

export class JobReportDTO extends ReasonDTO implements JobReportInput {}

/** Where an application made over HTTP came from: a replay's job card or a job page opened from a live room. */
export class ApplySourceQueryDTO {
  @ApiProperty({ required: false, description: '从直播间或回放进入时的直播场次' })
  @Rule(RuleType.string().hex().length(24))
  liveSessionId?: string;

  @ApiProperty({ required: false, enum: APPLY_VIAS, description: '回放岗位卡片（replay）或从直播间打开的岗位页（live-job-page）；与 liveSessionId 同时提供' })
  @Rule(RuleType.string().valid(...APPLY_VIAS).when('liveSessionId', { is: RuleType.exist(), then: RuleType.required(), otherwise: RuleType.forbidden() }))
  via?: ApplyVia;
}

const interviewRule = RuleType.object({
  startsAt: calendarInstant().greater('now').required(),
  mode: RuleType.string().valid(...INTERVIEW_MODES).required(),
  location: RuleType.string().trim().min(2).max(200).required(),
  contactName: RuleType.string().trim().min(1).max(30).required(),
  contactPhone: RuleType.string().trim().pattern(INTERVIEW_PHONE_PATTERN, '手机号或带区号的座机号').required(),
  message: RuleType.string().trim().max(300).allow(''),
});

export class ApplicationMoveDTO implements ApplicationMove {
  @ApiProperty({ enum: RECRUITER_STEPS })
  @Rule(RuleType.string().valid(...RECRUITER_STEPS).required())
  to!: RecruiterStep;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().trim().max(200).allow(''))
  note?: string;

  @ApiProperty({ required: false, description: '面试邀请（邀请面试时必填，其他步骤不可带）：时间、方式、地点或会议链接、联系人与电话、说明' })
  @Rule(interviewRule.when('to', { is: 'interview', then: RuleType.required(), otherwise: RuleType.forbidden() }))
  interview?: InterviewInvitation;
}

export class SlowEnterprisesQueryDTO {
  @ApiProperty({ required: false, default: 20, description: '条数' })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;
}
