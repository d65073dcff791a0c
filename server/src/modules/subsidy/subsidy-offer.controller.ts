import { Body, Controller, Get, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { OfferMatchReport, OfferProgramCounts, SubsidyOfferView } from '../../contract/subsidy-offer';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { OfferConfirmDTO } from './subsidy-offer.dto';
import { SubsidyOfferService } from './subsidy-offer.service';

@ApiTags('免申即享')
@Controller('/api/subsidy/offers')
export class SubsidyOfferController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private offers!: SubsidyOfferService;

  @ApiOperation({ summary: '我的免申即享提醒（平台数据比对出的符合条件的补贴）' })
  @Roles('student')
  @Get('/')
  async mine(): Promise<SubsidyOfferView[]> {
    return this.offers.mine(caller(this.ctx));
  }

  @ApiOperation({ summary: '一键确认：同意授权并填写收款账户，按平台数据生成并提交申请' })
  @Roles('student')
  @Post('/:id/confirm')
  async confirm(@Param() params: ObjectIdParam, @Body() body: OfferConfirmDTO): Promise<SubsidyOfferView> {
    return this.offers.confirm(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '不需要：关闭这条提醒' })
  @Roles('student')
  @Post('/:id/decline')
  async decline(@Param() params: ObjectIdParam): Promise<SubsidyOfferView> {
    return this.offers.decline(caller(this.ctx), params.id);
  }
}

@ApiTags('免申即享')
@Controller('/api/staff/subsidy')
export class SubsidyOfferStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private offers!: SubsidyOfferService;

  @ApiOperation({ summary: '免申即享项目及其提醒数（待确认、已确认、不需要、已过期）' })
  @Roles('bureau')
  @Get('/offers')
  async counts(): Promise<OfferProgramCounts[]> {
    return this.offers.counts();
  }

  @ApiOperation({ summary: '运行数据比对：按实名库、录用记录和社保记录找出符合条件的毕业生并发送提醒（重复运行不会重复提醒）' })
  @Roles('bureau')
  @Post('/programs/:id/match')
  async match(@Param() params: ObjectIdParam): Promise<OfferMatchReport> {
    return this.offers.runMatch(caller(this.ctx), params.id, this.ctx.requestId);
  }
}
