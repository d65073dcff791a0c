import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { requiredWhen } from '../../core/openapi/joi-schema';
import { calendarInstant } from '../../core/calendar-rules';
import {
  ACTIONS,
  CONTENT_KINDS,
  CONTENT_STATUSES,
  INSTITUTION_TYPES,
  REASON_MAX_LENGTH,
  REASON_TRANSITIONS,
  type ActionNo,
  type AttachmentInput,
  type Audience,
  type ContentKind,
  type ContentStatus,
  type InstitutionInfo,
} from '../../contract/policy';
import { DEGREES, DISTRICTS, type DistrictCode } from '../../contract/reference';
import { SEARCHABLE_CHAR, type ContentTransition } from './content.rules';

export class ContentQueryDTO {
  @ApiProperty({ required: false, enum: CONTENT_KINDS, description: '政策 / 服务 / 机构' })
  @Rule(RuleType.string().valid(...CONTENT_KINDS))
  kind?: ContentKind;

  @ApiProperty({ required: false, description: '所属行动（1-10）' })
  @Rule(RuleType.number().integer().valid(...ACTIONS.map(a => a.no)))
  action?: ActionNo;

  @ApiProperty({ required: false, enum: DISTRICTS.map(d => d.code) })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '标签' })
  @Rule(RuleType.string().trim().max(20))
  tag?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}

const audienceRule = RuleType.object({
  graduationYears: RuleType.array().items(RuleType.number().integer().min(2000).max(2100)).max(10).unique().default([]),
  degrees: RuleType.array().items(RuleType.string().valid(...DEGREES)).unique().default([]),
  inDalianCollege: RuleType.boolean(),
  inProvinceOrigin: RuleType.boolean(),
  doubleFirstClassOnly: RuleType.boolean().default(false),
  hardshipOnly: RuleType.boolean().default(false),
  districts: RuleType.array().items(RuleType.string().valid(...DISTRICTS.map(d => d.code))).unique().default([]),
  majorKeywords: RuleType.array().items(RuleType.string().trim().min(1).max(20)).max(20).unique().default([]),
}).default(() => ({
  graduationYears: [], degrees: [], doubleFirstClassOnly: false, hardshipOnly: false, districts: [], majorKeywords: [],
}));

const institutionRule = RuleType.object({
  type: RuleType.string().valid(...INSTITUTION_TYPES).required(),
  address: RuleType.string().trim().min(2).max(100).required(),
  contact: RuleType.string().trim().max(30).allow('').default(''),
  phone: RuleType.string().trim().pattern(/^[0-9-]{7,20}$/, '7至20位数字的电话号码（可含短横线）').allow('').default(''),
  district: RuleType.string().valid(...DISTRICTS.map(d => d.code)),
  location: RuleType.object({
    lat: RuleType.number().min(-90).max(90).required(),
    lng: RuleType.number().min(-180).max(180).required(),
  }),
});

/** A staff member's draft of an entry (create, or full replace on update). */
export class ContentInputDTO {
  @ApiProperty({ enum: CONTENT_KINDS })
  @Rule(RuleType.string().valid(...CONTENT_KINDS).required())
  kind!: ContentKind;

  @ApiProperty({ description: '标题' })
  @Rule(RuleType.string().trim().min(2).max(60).required())
  title!: string;

  @ApiProperty({ required: false, description: '摘要' })
  @Rule(RuleType.string().trim().max(300).allow('').default(''))
  summary!: string;

  @ApiProperty({ required: false, description: '正文（HTML 子集，服务端过滤）' })
  @Rule(RuleType.string().max(50_000).allow('').default(''))
  body!: string;

  @ApiProperty({ required: false, description: '所属行动（1-10）' })
  @Rule(RuleType.number().integer().valid(...ACTIONS.map(a => a.no)))
  action?: ActionNo;

  @ApiProperty({ required: false, description: '发文单位' })
  @Rule(RuleType.string().trim().max(60).allow('').default(''))
  issuer!: string;

  @ApiProperty({ required: false, type: [String] })
  @Rule(RuleType.array().items(RuleType.string().trim().min(1).max(12)).max(8).unique().default([]))
  tags!: string[];

  @ApiProperty({ required: false, enum: DISTRICTS.map(d => d.code) })
  @Rule(RuleType.string().valid(...DISTRICTS.map(d => d.code)))
  district?: DistrictCode;

  @ApiProperty({ required: false, description: '生效日期' })
  @Rule(calendarInstant())
  effectiveFrom?: Date;

  @ApiProperty({ required: false, description: '失效日期' })
  @Rule(calendarInstant().when('effectiveFrom', { is: RuleType.exist(), then: RuleType.date().greater(RuleType.ref('effectiveFrom')) }))
  expiresAt?: Date;

  @ApiProperty({ required: false, description: '附件：已上传的文件（fileId，可改名）或外部链接（url）；不在列表中的已上传文件被删除' })
  @Rule(RuleType.array().items(RuleType.object({
    name: RuleType.string().trim().min(1).max(60).required(),
    fileId: RuleType.string().hex().length(16),
    url: RuleType.string().uri({ scheme: ['https', 'http'] }).max(500),
  }).xor('fileId', 'url')).max(10).unique('fileId', { ignoreUndefined: true }).default([]))
  attachments!: AttachmentInput[];

  @ApiProperty({ required: false, description: '适用对象' })
  @Rule(audienceRule)
  audience!: Audience;

  @ApiProperty({ required: false, description: '机构信息（机构清单必填）' })
  @Rule(institutionRule.when('kind', { is: 'institution', then: RuleType.required(), otherwise: RuleType.forbidden() }))
  institution?: InstitutionInfo;
}

export class ContentUpdateDTO extends ContentInputDTO {
  @ApiProperty({ description: '编辑时看到的版本号' })
  @Rule(RuleType.number().integer().min(1).required())
  version!: number;
}

export class ContentTransitionDTO {
  @ApiProperty({ enum: ['submit', 'publish', 'unpublish', 'archive'] })
  @Rule(RuleType.string().valid('submit', 'publish', 'unpublish', 'archive').required())
  action!: ContentTransition;

  @ApiProperty({ description: '操作时看到的版本号' })
  @Rule(RuleType.number().integer().min(1).required())
  version!: number;

  @ApiProperty({ required: false, description: '原因（下线、归档时必填，1–200 字，记入审计并显示为“下架原因”）' })
  @Rule(RuleType.string().trim().max(REASON_MAX_LENGTH).allow('').meta(requiredWhen('action', REASON_TRANSITIONS)))
  reason?: string;
}

export class StaffContentQueryDTO {
  @ApiProperty({ required: false, enum: CONTENT_STATUSES })
  @Rule(RuleType.string().valid(...CONTENT_STATUSES))
  status?: ContentStatus;

  @ApiProperty({ required: false, enum: CONTENT_KINDS })
  @Rule(RuleType.string().valid(...CONTENT_KINDS))
  kind?: ContentKind;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}

export class ContentSearchDTO {
  @ApiProperty({ description: '关键词' })
  @Rule(RuleType.string().trim().min(1).max(40).required().meta({ openapi: { pattern: SEARCHABLE_CHAR, description: '至少含一个汉字、字母或数字' } }))
  q!: string;

  @ApiProperty({ required: false, enum: CONTENT_KINDS })
  @Rule(RuleType.string().valid(...CONTENT_KINDS))
  kind?: ContentKind;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;
}

export class ForMeQueryDTO {
  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(50).default(20))
  limit!: number;
}

export class SceneParam {
  @Rule(RuleType.string().max(32).required())
  scene!: string;
}

export class AttachmentParam {
  @Rule(RuleType.string().hex().length(24).required())
  id!: string;

  @Rule(RuleType.string().hex().length(16).required())
  fileId!: string;
}
