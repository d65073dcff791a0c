import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { FairBoothView, FairCheckInResult, FairDetail, FairRegistrant, FairTicket, FairView, MyFair } from '../../contract/job';
import { caller } from '../../core/caller';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam, PageQueryDTO } from '../../core/params';
import { FairBoothDTO, FairCheckInDTO, FairDTO } from './fair.dto';
import { FairService } from './fair.service';

@ApiTags('招聘会')
@Controller('/api/fairs')
export class FairController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private fairs!: FairService;

  @ApiOperation({ summary: '近期招聘会' })
  @Public()
  @Get('/')
  async upcoming(@Query() query: PageQueryDTO): Promise<Page<FairView>> {
    return this.fairs.upcoming(query);
  }

  @ApiOperation({ summary: '招聘会详情（学生登录时附本人报名情况）' })
  @Public()
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<FairDetail> {
    return this.fairs.get(params.id, this.ctx.user);
  }

  @ApiOperation({ summary: '报名名单与签到情况（主办方、市人社局）' })
  @Roles('bureau', 'district', 'college', 'admin')
  @Get('/:id/registrations')
  async registrants(@Param() params: ObjectIdParam, @Query() query: PageQueryDTO): Promise<Page<FairRegistrant>> {
    return this.fairs.registrants(caller(this.ctx), params.id, query);
  }

  @ApiOperation({ summary: '招聘会的参会企业与岗位' })
  @Public()
  @Get('/:id/booths')
  async booths(@Param() params: ObjectIdParam): Promise<FairBoothView[]> {
    return this.fairs.boothsOf(params.id);
  }

  @ApiOperation({ summary: '发布招聘会（工作人员）' })
  @Roles('bureau', 'district', 'college', 'admin')
  @Post('/')
  async create(@Body() body: FairDTO): Promise<FairView> {
    return this.fairs.create(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '预订展位（已认证企业）' })
  @Roles('recruiter')
  @Post('/:id/booths')
  async book(@Param() params: ObjectIdParam, @Body() body: FairBoothDTO): Promise<FairBoothView> {
    return this.fairs.book(caller(this.ctx), params.id, body.jobIds);
  }

  @ApiOperation({ summary: '学生报名' })
  @Roles('student')
  @Post('/:id/registrations')
  async register(@Param() params: ObjectIdParam): Promise<MyFair> {
    return this.fairs.register(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '获取签到二维码（一次有效，10分钟过期）' })
  @Roles('student')
  @Post('/:id/ticket')
  async ticket(@Param() params: ObjectIdParam): Promise<FairTicket> {
    return this.fairs.ticket(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '扫码签到（主办方）' })
  @Roles('bureau', 'district', 'college', 'admin')
  @Post('/:id/check-ins')
  async checkIn(@Param() params: ObjectIdParam, @Body() body: FairCheckInDTO): Promise<FairCheckInResult> {
    return this.fairs.checkIn(caller(this.ctx), params.id, body.token);
  }
}

@ApiTags('招聘会')
@Controller('/api/me/fairs')
export class MyFairController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private fairs!: FairService;

  @ApiOperation({ summary: '我报名的招聘会' })
  @Roles('student')
  @Get('/')
  async mine(@Query() query: PageQueryDTO): Promise<Page<MyFair>> {
    return this.fairs.mine(caller(this.ctx), query);
  }
}
