import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { Me, UserSummary } from '../../contract/user';
import { caller } from '../../core/caller';
import { ObjectIdParam } from '../../core/params';
import { Roles } from '../../core/guards/roles';
import { PhoneBindDTO, PhoneTypedDTO, ProfileDTO, RoleAssignmentDTO, UserQueryDTO, UserSearchDTO } from './user.dto';
import { UserService } from './user.service';
import { UserText } from '../../core/text-security';

@ApiTags('我的')
@ApiBearerAuth()
@Controller('/api/me')
export class MeController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private users!: UserService;

  @ApiOperation({ summary: '当前用户信息（敏感信息已脱敏）' })
  @Get('/')
  async me(): Promise<Me> {
    return this.users.me(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '完善个人资料' })
  @UserText(1, 'schoolName', 'major', 'originCity', 'intentionText')
  @Put('/profile')
  async updateProfile(@Body() body: ProfileDTO): Promise<Me> {
    return this.users.updateProfile(caller(this.ctx).id, body);
  }

  @ApiOperation({ summary: '绑定微信手机号（getPhoneNumber 的 code）' })
  @Post('/phone')
  async bindPhone(@Body() body: PhoneBindDTO): Promise<Me> {
    return this.users.bindPhone(caller(this.ctx).id, body.code);
  }

  @ApiOperation({ summary: '手动填写手机号（微信验证次数用尽或用户拒绝时；标记为未验证）' })
  @Post('/phone/typed')
  async typePhone(@Body() body: PhoneTypedDTO): Promise<Me> {
    return this.users.typePhone(caller(this.ctx).id, body.phone);
  }
}

@ApiTags('管理：用户与角色')
@ApiBearerAuth()
@Roles('admin')
@Controller('/api/admin/users')
export class UserAdminController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private users!: UserService;

  @ApiOperation({ summary: '用户列表' })
  @Get('/')
  async list(@Query() query: UserQueryDTO): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @ApiOperation({ summary: '按手机号查找用户（手机号在请求体中，不进入网址和日志）' })
  @HttpCode(200)
  @Post('/search')
  async search(@Body() body: UserSearchDTO): Promise<Page<UserSummary>> {
    return this.users.list(body);
  }

  @ApiOperation({ summary: '设置用户角色与管辖范围' })
  @Put('/:id/roles')
  async assignRoles(@Param() params: ObjectIdParam, @Body() body: RoleAssignmentDTO): Promise<UserSummary> {
    return this.users.assignRoles(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}
