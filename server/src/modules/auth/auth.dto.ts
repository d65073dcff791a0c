import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import type { DevLoginRequest, RefreshRequest, WeChatLoginRequest } from '../../contract/auth';

export class WeChatLoginDTO implements WeChatLoginRequest {
  @ApiProperty({ description: 'Taro.login() 返回的 code（5 分钟内有效，只能使用一次）' })
  @Rule(RuleType.string().trim().min(1).max(128).pattern(/^[A-Za-z0-9_-]+$/, '字母、数字、下划线或短横线组成的登录凭证').required())
  code!: string;
}

export class DevLoginDTO implements DevLoginRequest {
  @ApiProperty({ description: '体验账号 id（GET /api/auth/dev-users）' })
  @Rule(RuleType.string().hex().length(24).required())
  userId!: string;
}

export class RefreshDTO implements RefreshRequest {
  @ApiProperty({ description: '登录时返回的 refreshToken' })
  @Rule(RuleType.string().trim().min(10).max(200).required())
  refreshToken!: string;
}
