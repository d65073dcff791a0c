import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { calendarDay } from '../../core/calendar-rules';
import { CONTACT_PHONE_PATTERN, HOTLINE_PATTERN } from './complaint.rules';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_FORM_CATEGORIES,
  COMPLAINT_STATUSES,
  FREEZE_TARGETS,
  type ComplaintAssignInput,
  type ComplaintCategory,
  type ComplaintCloseInput,
  type ComplaintDeadlineInput,
  type ComplaintFreezeInput,
  type ComplaintHotlineInput,
  type ComplaintInput,
  type ComplaintReasonInput,
  type ComplaintReplyInput,
  type ComplaintStatus,
  type FreezeTarget,
} from '../../contract/complaint';
import { DISTRICTS, type DistrictCode } from '../../contract/reference';

const districtCodes = DISTRICTS.map(d => d.code);
const objectId = () => RuleType.string().hex().length(24);
const isoDate = calendarDay;

export class ComplaintDTO implements ComplaintInput {
  @ApiProperty({ description: '客户端为每次填写生成的唯一编号（重试或重复点击只生成一条投诉）' })
  @Rule(RuleType.string().pattern(/^[A-Za-z0-9_-]{16,64}$/, '16至64位字母、数字、下划线或短横线').required())
  idempotencyKey!: string;

  @ApiProperty({ enum: COMPLAINT_FORM_CATEGORIES })
  @Rule(RuleType.string().valid(...COMPLAINT_FORM_CATEGORIES).required())
  category!: ComplaintCategory;

  @ApiProperty({ required: false, description: '被投诉的岗位' })
  @Rule(objectId())
  jobId?: string;

  @ApiProperty({ required: false, description: '被投诉的企业' })
  @Rule(objectId())
  enterpriseId?: string;

  @ApiProperty({ required: false, description: '平台外的被投诉方名称（中介、培训机构等）' })
  @Rule(RuleType.string().trim().max(60).allow(''))
  partyName?: string;

  @ApiProperty({ required: false, enum: districtCodes, description: '发生地区（未选择岗位或企业时必填）' })
  @Rule(RuleType.string().valid(...districtCodes))
  district?: DistrictCode;

  @ApiProperty({ description: '投诉内容（10–2000 字）' })
  @Rule(RuleType.string().trim().min(10).max(2000).required())
  description!: string;

  @ApiProperty({ description: '联系电话（加密保存）' })
  @Rule(RuleType.string().trim().max(20).required().meta({ openapi: { pattern: CONTACT_PHONE_PATTERN, description: '手机号或带区号的固定电话' } }))
  phone!: string;
}

export class ComplaintQueueQueryDTO {
  @ApiProperty({ required: false, enum: COMPLAINT_STATUSES })
  @Rule(RuleType.string().valid(...COMPLAINT_STATUSES))
  status?: ComplaintStatus;

  @ApiProperty({ required: false, enum: COMPLAINT_CATEGORIES })
  @Rule(RuleType.string().valid(...COMPLAINT_CATEGORIES))
  category?: ComplaintCategory;

  @ApiProperty({ required: false, enum: districtCodes })
  @Rule(RuleType.string().valid(...districtCodes))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '只看已超期的' })
  @Rule(RuleType.boolean())
  overdue?: boolean;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(300))
  cursor?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;
}

export class HandlerQueryDTO {
  @ApiProperty({ required: false, enum: districtCodes })
  @Rule(RuleType.string().valid(...districtCodes))
  district?: DistrictCode;
}

export class ComplaintAssignDTO implements ComplaintAssignInput {
  @ApiProperty({ description: '承办人（区市县或市人社局工作人员）' })
  @Rule(objectId().required())
  handlerId!: string;

  @ApiProperty({ required: false, example: '2026-12-31', description: '办理期限；不填按投诉类别自动设定' })
  @Rule(isoDate())
  dueDate?: string;
}

export class ComplaintDeadlineDTO implements ComplaintDeadlineInput {
  @ApiProperty({ example: '2026-12-31' })
  @Rule(isoDate().required())
  dueDate!: string;

  @ApiProperty({ description: '调整原因' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}

export class ComplaintReplyDTO implements ComplaintReplyInput {
  @ApiProperty({ description: '答复内容（投诉人可见）' })
  @Rule(RuleType.string().trim().min(5).max(1000).required())
  reply!: string;
}

export class ComplaintReasonDTO implements ComplaintReasonInput {
  @ApiProperty({ description: '不予支持的理由（投诉人可见）' })
  @Rule(RuleType.string().trim().min(5).max(500).required())
  reason!: string;
}

export class ComplaintCloseDTO implements ComplaintCloseInput {
  @ApiProperty({ required: false, description: '办结说明' })
  @Rule(RuleType.string().trim().allow('').max(200))
  note?: string;
}

export class ComplaintFreezeDTO implements ComplaintFreezeInput {
  @ApiProperty({ enum: FREEZE_TARGETS })
  @Rule(RuleType.string().valid(...FREEZE_TARGETS).required())
  target!: FreezeTarget;

  @ApiProperty({ description: '原因' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}

export class EvidenceParamDTO {
  @Rule(objectId().required())
  id!: string;

  @Rule(RuleType.string().hex().length(16).required())
  evidenceId!: string;
}

export class HotlineParamDTO {
  @Rule(RuleType.string().valid('city', ...districtCodes).required())
  district!: DistrictCode | 'city';
}

export class HotlineDTO implements ComplaintHotlineInput {
  @ApiProperty({ description: '名称，如 甘井子区人社局劳动保障监察大队' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  name!: string;

  @ApiProperty({ description: '电话，如 0411-12345678 或 12333' })
  @Rule(RuleType.string().trim().max(20).required().meta({ openapi: { pattern: HOTLINE_PATTERN } }))
  phone!: string;

  @ApiProperty({ description: '受理时间' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  hours!: string;
}
