import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { requiredWhen } from '../../core/openapi/joi-schema';
import { calendarDay, calendarInstant } from '../../core/calendar-rules';
import {
  COURSE_FORMATS,
  COURSE_KINDS,
  COURSE_TOPICS,
  DECISIONS,
  PLACE_STATUSES,
  SLOT_KINDS,
  SLOT_MODES,
  STORY_STATUSES,
  type BookSlotInput,
  type CancelInput,
  type ContestInput,
  type ContestUpdateInput,
  type ContestRegistrationInput,
  type CourseFormat,
  type CourseInput,
  type CourseKind,
  type CourseTopic,
  type CourseUpdateInput,
  type Decision,
  type DecisionInput,
  type EnrolmentRejectInput,
  type PlaceApplicationInput,
  type PlaceStatus,
  type SlotBatchInput,
  type SlotKind,
  type SlotMode,
  type StoryInput,
  type StoryStatus,
} from '../../contract/growth';

const text = (max: number) => RuleType.string().trim().max(max);
const objectId = () => RuleType.string().hex().length(24);
const isoDateTime = calendarInstant;

/** The fields staff may set when creating a course and change when editing it. */
class CourseEditableDTO {
  @ApiProperty()
  @Rule(text(40).min(2).required())
  title!: string;

  @ApiProperty()
  @Rule(text(500).allow('').required())
  summary!: string;

  @ApiProperty({ enum: COURSE_TOPICS })
  @Rule(RuleType.string().valid(...COURSE_TOPICS).required())
  topic!: CourseTopic;

  @ApiProperty({ enum: COURSE_FORMATS })
  @Rule(RuleType.string().valid(...COURSE_FORMATS).required())
  format!: CourseFormat;

  @ApiProperty({ description: '视频地址或直播链接（http/https）' })
  @Rule(text(500).allow('').required().meta({ openapi: { 'x-when': { field: 'format', notIn: ['onsite'], then: { pattern: '^[hH][tT][tT][pP][sS]?://\\S+$' } } } }))
  url!: string;

  @ApiProperty()
  @Rule(text(100).allow('').required().meta({ openapi: { 'x-when': { field: 'format', in: ['onsite'], then: { pattern: '\\S' } } } }))
  location!: string;

  @ApiProperty()
  @Rule(text(40).allow('').required())
  speaker!: string;

  @ApiProperty({ example: '2026-06-01T14:00:00+08:00' })
  @Rule(isoDateTime().required())
  startsAt!: string;

  @ApiProperty()
  @Rule(RuleType.number().integer().min(10).max(600).required())
  durationMinutes!: number;

  @ApiProperty()
  @Rule(RuleType.number().integer().min(1).max(5000).required())
  capacity!: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(1).max(2000))
  hours?: number;
}

export class CourseDTO extends CourseEditableDTO implements CourseInput {
  @ApiProperty({ enum: COURSE_KINDS })
  @Rule(RuleType.string().valid(...COURSE_KINDS).required())
  kind!: CourseKind;

  @ApiProperty({ required: false })
  @Rule(objectId())
  institutionId?: string;

  @ApiProperty({ required: false })
  @Rule(objectId())
  subsidyProgramId?: string;
}

const version = () => RuleType.number().integer().min(0).required();

export class CourseUpdateDTO extends CourseEditableDTO implements CourseUpdateInput {
  @ApiProperty({ description: '编辑前读取到的版本号' })
  @Rule(version())
  version!: number;
}

export class CancelDTO implements CancelInput {
  @ApiProperty({ description: '编辑前读取到的版本号' })
  @Rule(version())
  version!: number;

  @ApiProperty({ description: '取消原因（告知已报名的学生）' })
  @Rule(text(100).min(2).required())
  reason!: string;
}

export class EnrolmentRejectDTO implements EnrolmentRejectInput {
  @ApiProperty({ description: '不予录取的原因（学生可见）' })
  @Rule(text(200).min(2).required())
  reason!: string;
}

export class CourseListQueryDTO {
  @ApiProperty({ enum: COURSE_KINDS })
  @Rule(RuleType.string().valid(...COURSE_KINDS).default('career'))
  kind!: CourseKind;

  @ApiProperty({ required: false })
  @Rule(objectId())
  institutionId?: string;
}

export class StaffCourseQueryDTO {
  @ApiProperty({ enum: COURSE_KINDS, required: false })
  @Rule(RuleType.string().valid(...COURSE_KINDS))
  kind?: CourseKind;
}

const slotTime = RuleType.object({
  // A time already past is refused by the batch rule (growth.rules.ts).
  startsAt: isoDateTime().required().meta({ openapi: { format: 'future-date-time' } }),
  durationMinutes: RuleType.number().integer().min(10).max(240).required(),
});

export class SlotBatchDTO implements SlotBatchInput {
  @ApiProperty({ enum: SLOT_KINDS })
  @Rule(RuleType.string().valid(...SLOT_KINDS).required())
  kind!: SlotKind;

  @ApiProperty()
  @Rule(text(20).min(1).required())
  hostName!: string;

  @ApiProperty()
  @Rule(text(40).allow('').required())
  hostTitle!: string;

  @ApiProperty({ enum: SLOT_MODES })
  @Rule(RuleType.string().valid(...SLOT_MODES).required())
  mode!: SlotMode;

  @ApiProperty()
  @Rule(text(100).min(1).required())
  location!: string;

  @ApiProperty({ description: '每个时段的开始时间与时长（分钟）' })
  @Rule(RuleType.array().items(slotTime).min(1).max(40).required())
  times!: Array<{ startsAt: string; durationMinutes: number }>;
}

export class SlotListQueryDTO {
  @ApiProperty({ enum: SLOT_KINDS })
  @Rule(RuleType.string().valid(...SLOT_KINDS).required())
  kind!: SlotKind;
}

export class HostSlotQueryDTO {
  @ApiProperty({ enum: SLOT_KINDS, required: false })
  @Rule(RuleType.string().valid(...SLOT_KINDS))
  kind?: SlotKind;
}

export class BookSlotDTO implements BookSlotInput {
  @ApiProperty({ description: '想咨询的问题' })
  @Rule(text(200).allow('').default(''))
  note!: string;
}

export class ContestDTO implements ContestInput {
  @ApiProperty()
  @Rule(text(60).min(2).required())
  title!: string;

  @ApiProperty()
  @Rule(text(60).min(2).required())
  organiser!: string;

  @ApiProperty()
  @Rule(text(1000).allow('').required())
  summary!: string;

  @ApiProperty({ example: '2026-06-30' })
  @Rule(calendarDay().required())
  registrationClosesOn!: string;

  @ApiProperty()
  @Rule(text(500).allow('').pattern(/^(https?:\/\/\S+)?$/i, '以 http:// 或 https:// 开头的网址').required())
  url!: string;
}

export class ContestUpdateDTO extends ContestDTO implements ContestUpdateInput {
  @ApiProperty({ description: '编辑前读取到的版本号' })
  @Rule(version())
  version!: number;
}

/** The project a contest team or an incubator applicant describes. */
class ProjectDTO {
  @ApiProperty()
  @Rule(text(40).min(2).required())
  projectTitle!: string;

  @ApiProperty()
  @Rule(text(1000).min(10).required())
  projectSummary!: string;
}

export class ContestRegistrationDTO extends ProjectDTO implements ContestRegistrationInput {
  @ApiProperty()
  @Rule(text(30).min(2).required())
  teamName!: string;

  @ApiProperty({ description: '其他成员姓名（最多 9 人）' })
  @Rule(RuleType.array().items(text(20).min(1)).max(9).default([]))
  members!: string[];
}

export class PlaceApplicationDTO extends ProjectDTO implements PlaceApplicationInput {
  @ApiProperty()
  @Rule(objectId().required())
  institutionId!: string;

  @ApiProperty()
  @Rule(RuleType.number().integer().min(1).max(50).required())
  teamSize!: number;

  @ApiProperty()
  @Rule(text(300).allow('').default(''))
  needs!: string;
}

export class DecisionDTO implements DecisionInput {
  @ApiProperty({ enum: DECISIONS })
  @Rule(RuleType.string().valid(...DECISIONS).required())
  decision!: Decision;

  @ApiProperty({ required: false })
  @Rule(text(200).allow('').meta(requiredWhen('decision', ['reject'])))
  reason?: string;
}

export class PlaceQueueQueryDTO {
  @ApiProperty({ enum: PLACE_STATUSES, required: false })
  @Rule(RuleType.string().valid(...PLACE_STATUSES).default('submitted'))
  status!: PlaceStatus;
}

export class StoryDTO implements StoryInput {
  @ApiProperty()
  @Rule(text(30).min(2).required())
  title!: string;

  @ApiProperty()
  @Rule(text(500).min(10).required())
  text!: string;
}

export class StoryPageQueryDTO {
  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(200))
  cursor?: string;
}

export class StoryQueueQueryDTO {
  @ApiProperty({ enum: STORY_STATUSES, required: false })
  @Rule(RuleType.string().valid(...STORY_STATUSES).default('pending'))
  status!: StoryStatus;
}

export class LikeDTO {
  @ApiProperty()
  @Rule(RuleType.boolean().required())
  liked!: boolean;
}
