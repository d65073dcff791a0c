import { Body, Controller, Get, HttpCode, Inject, Post } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { DevUser, LoginResult, TokenPair } from '../../contract/auth';
import { caller } from '../../core/caller';
import { Public } from '../../core/guards/roles';
import { RateLimit } from '../../core/rate-limit';
import { DevLoginDTO, RefreshDTO, WeChatLoginDTO } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('登录')
@Controller('/api/auth')
export class AuthController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private auth!: AuthService;

  @ApiOperation({ summary: '微信登录：用 Taro.login 的 code 换取登录凭证' })
  @Public()
  @RateLimit('login')
  @Post('/wechat-login')
  async wechatLogin(@Body() body: WeChatLoginDTO): Promise<LoginResult> {
    return this.auth.wechatLogin(body.code);
  }

  @ApiOperation({ summary: '刷新登录凭证（refreshToken 每次使用后轮换）' })
  @Public()
  @RateLimit('refresh')
  @Post('/refresh')
  async refresh(@Body() body: RefreshDTO): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiOperation({ summary: '退出登录（吊销当前会话）' })
  @HttpCode(204)
  @Post('/logout')
  async logout(): Promise<void> {
    await this.auth.logout(caller(this.ctx));
  }

  @ApiOperation({ summary: '体验账号列表（仅开发/演示环境）' })
  @Public()
  @Get('/dev-users')
  async devUsers(): Promise<DevUser[]> {
    return this.auth.devUsers();
  }

  @ApiOperation({ summary: '体验账号登录（仅开发/演示环境，生产环境拒绝）' })
  @Public()
  @RateLimit('demoLogin')
  @Post('/dev-login')
  async devLogin(@Body() body: DevLoginDTO): Promise<LoginResult> {
    return this.auth.devLogin(body.userId);
  }
}
