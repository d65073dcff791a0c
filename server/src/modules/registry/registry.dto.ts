import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { COLLEGES, DEGREES, PROVINCES, type CollegeId, type Degree, type Province } from '../../contract/reference';
import { DESTINATION_KINDS, type DestinationKind, type GraduateRecordInput, type RegistrySearchQuery } from '../../contract/registry';
import { residentIdRule } from '../../core/check-digit-rules';
import type { RegistryListQuery } from './registry.service';

export class RegistryListQueryDTO implements RegistryListQuery {
  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(2000).max(2100))
  graduationYear?: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: string;

  @ApiProperty({ required: false, enum: [...DESTINATION_KINDS, 'none'] })
  @Rule(RuleType.string().valid(...DESTINATION_KINDS, 'none'))
  destination?: DestinationKind | 'none';

  @ApiProperty({ required: false, description: '按姓名开头查找' })
  @Rule(RuleType.string().trim().max(20).allow(''))
  q?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}

export class RegistryImportQueryDTO {
  @ApiProperty({ required: false, description: '市局/管理员代高校导入时必填' })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)).meta({ openapi: { 'x-required': '市局/管理员必填' } }))
  collegeId?: string;
}

const thisYear = new Date().getFullYear();

/** A search by name start or ID number: sent as a POST body, so an ID number is never in a URL or a log. */
export class RegistrySearchDTO implements RegistrySearchQuery {
  @ApiProperty({ description: '姓名开头、脱敏身份证号（如 2102**********123X）或完整身份证号' })
  @Rule(RuleType.string().trim().min(1).max(30).required())
  q!: string;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: CollegeId;

  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(2000).max(2100))
  graduationYear?: number;
}

/** A registry record written by staff; the same rules as the import and the student profile. */
export class GraduateRecordDTO implements GraduateRecordInput {
  @ApiProperty({ example: '王芳' })
  @Rule(RuleType.string().trim().min(2).max(30).pattern(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '汉字或字母组成的姓名').required())
  name!: string;

  @ApiProperty({ description: '居民身份证号（校验位核验，加密保存，仅返回部分号码）' })
  @Rule(residentIdRule().max(24).required())
  idNumber!: string;

  @ApiProperty({ required: false, enum: COLLEGES.map(c => c.id) })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: CollegeId;

  @ApiProperty({ required: false, description: '外地高校必填' })
  @Rule(RuleType.string().trim().min(2).max(50).when('collegeId', { is: RuleType.exist(), then: RuleType.optional(), otherwise: RuleType.required() }))
  schoolName?: string;

  @ApiProperty({ enum: DEGREES })
  @Rule(RuleType.string().valid(...DEGREES).required())
  degree!: Degree;

  @ApiProperty()
  @Rule(RuleType.string().trim().min(1).max(50).required())
  major!: string;

  @ApiProperty()
  @Rule(RuleType.number().integer().min(2000).max(thisYear + 1).required())
  graduationYear!: number;

  @ApiProperty({ enum: PROVINCES })
  @Rule(RuleType.string().valid(...PROVINCES).required())
  originProvince!: Province;

  @ApiProperty()
  @Rule(RuleType.string().trim().min(2).max(20).required())
  originCity!: string;
}
