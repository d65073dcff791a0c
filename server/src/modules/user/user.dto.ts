import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { COLLEGES, DEGREES, DISTRICTS, PROVINCES, type CollegeId, type Degree, type DistrictCode, type Province } from '../../contract/reference';
import { ROLES, type Role, type StaffScope } from '../../contract/roles';
import { residentIdRule } from '../../core/check-digit-rules';
import { requiredWhenListed } from '../../core/openapi/joi-schema';
import { BodyRule } from '../../core/validation';
import type { PhoneBindRequest, ProfileInput, RoleAssignment } from '../../contract/user';

const collegeIds = COLLEGES.map(c => c.id);
const districtCodes = DISTRICTS.map(d => d.code);
const thisYear = new Date().getFullYear();

export class ProfileDTO implements ProfileInput {
  @ApiProperty({ description: '姓名', example: '李明' })
  @Rule(RuleType.string().trim().min(2).max(30).pattern(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '汉字或字母组成的姓名').required())
  name!: string;

  @ApiProperty({ description: '在连高校代码（外地高校不填）', enum: collegeIds, required: false })
  @Rule(RuleType.string().valid(...collegeIds))
  collegeId?: CollegeId;

  @ApiProperty({ description: '学校名称（外地高校必填）', required: false })
  @Rule(RuleType.string().trim().min(2).max(50).when('collegeId', { is: RuleType.exist(), otherwise: RuleType.required() }))
  schoolName?: string;

  @ApiProperty({ description: '是否双一流建设高校（外地高校自行勾选）', required: false })
  @Rule(RuleType.boolean())
  doubleFirstClass?: boolean;

  @ApiProperty({ description: '学历', enum: DEGREES })
  @Rule(RuleType.string().valid(...DEGREES).required())
  degree!: Degree;

  @ApiProperty({ description: '专业', example: '软件工程' })
  @Rule(RuleType.string().trim().min(2).max(50).required())
  major!: string;

  @ApiProperty({ description: '毕业年份', example: thisYear })
  @Rule(RuleType.number().integer().min(1990).max(thisYear + 6).required())
  graduationYear!: number;

  @ApiProperty({ description: '生源地省份', enum: PROVINCES })
  @Rule(RuleType.string().valid(...PROVINCES).required())
  originProvince!: Province;

  @ApiProperty({ description: '生源地城市', example: '大连市' })
  @Rule(RuleType.string().trim().min(2).max(20).required())
  originCity!: string;

  @ApiProperty({ description: '意向就业区域', type: [String], enum: districtCodes })
  @Rule(RuleType.array().items(RuleType.string().valid(...districtCodes)).max(5).unique().default([]))
  intentionDistricts!: DistrictCode[];

  @ApiProperty({ description: '求职意向', example: '软件开发、测试' })
  @Rule(RuleType.string().trim().allow('').max(200).default(''))
  intentionText!: string;

  @ApiProperty({ description: '居民身份证号（加密保存，仅显示部分号码）', required: false })
  @Rule(residentIdRule().max(24).allow(''))
  idNumber?: string;
}

export class PhoneBindDTO implements PhoneBindRequest {
  @ApiProperty({ description: 'getPhoneNumber 按钮返回的 code' })
  @Rule(RuleType.string().trim().min(1).max(128).required())
  code!: string;
}

/** A number typed by the user when WeChat's phone verification is unavailable or declined. */
export class PhoneTypedDTO {
  @ApiProperty({ description: '手机号（用户手动填写，标记为未验证）' })
  @Rule(RuleType.string().trim().min(1).max(20).required().meta({ openapi: { pattern: '^(\\+?86)?1[3-9][0-9]{9}$', description: '中国大陆手机号（11位）' } }))
  phone!: string;
}

class StaffScopeDTO implements StaffScope {
  @ApiProperty({ required: false, enum: collegeIds })
  @Rule(RuleType.string().valid(...collegeIds))
  collegeId?: string;

  @ApiProperty({ required: false, enum: districtCodes })
  @Rule(RuleType.string().valid(...districtCodes))
  districtCode?: string;
}

// The service checks the scope against the roles (user.rules scopeProblem); the document states it too.
@BodyRule(schema =>
  schema.fork(['scope'], scope =>
    scope.meta(
      requiredWhenListed([
        { field: 'roles', value: 'college', keys: ['collegeId'] },
        { field: 'roles', value: 'district', keys: ['districtCode'] },
      ]),
    ),
  ),
)
export class RoleAssignmentDTO implements RoleAssignment {
  @ApiProperty({ type: [String], enum: ROLES })
  @Rule(RuleType.array().items(RuleType.string().valid(...ROLES)).min(1).unique().required())
  roles!: Role[];

  @ApiProperty({ type: StaffScopeDTO })
  @Rule(StaffScopeDTO)
  scope!: StaffScopeDTO;

  @ApiProperty({ description: '调整原因', example: '新任就业指导中心老师' })
  @Rule(RuleType.string().trim().min(2).max(200).required())
  reason!: string;
}

export class UserQueryDTO {
  @ApiProperty({ required: false, enum: ROLES })
  @Rule(RuleType.string().valid(...ROLES))
  role?: Role;

  @ApiProperty({ required: false, description: '昵称或姓名关键字' })
  @Rule(RuleType.string().trim().max(30))
  q?: string;

  // A phone number in a URL ends up in logs and proxies: it is searched for in a POST body only.
  @Rule(RuleType.any().forbidden().messages({ 'any.unknown': '按手机号查找请用 POST /api/admin/users/search，手机号放在请求体中' }))
  phone?: never;

  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(200))
  cursor?: string;
}

/** The user list filtered by phone number (exact), sent in the body so the number is never in a URL. */
export class UserSearchDTO {
  @ApiProperty({ description: '手机号（精确匹配）' })
  @Rule(RuleType.string().trim().min(1).max(20).required().meta({ openapi: { pattern: '^(\\+?86)?1[3-9][0-9]{9}$', description: '中国大陆手机号（11位）' } }))
  phone!: string;

  @ApiProperty({ required: false, enum: ROLES })
  @Rule(RuleType.string().valid(...ROLES))
  role?: Role;

  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;

  @ApiProperty({ required: false, description: '上一页返回的 nextCursor' })
  @Rule(RuleType.string().max(200))
  cursor?: string;
}
