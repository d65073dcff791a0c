import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { SubsidyProgram } from '../../contract/subsidy';
import type { OfferMatchRun, OfferProgramCounts, SubsidyOfferView } from '../../contract/subsidy-offer';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { SubsidyMatchService } from './subsidy-match.service';
import { OfferConfirmDTO, OfferModeDTO } from './subsidy-offer.dto';
import { SubsidyProgramService } from './subsidy-program.service';
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

  @Inject()
  private matches!: SubsidyMatchService;

  @Inject()
  private programs!: SubsidyProgramService;

  @ApiOperation({ summary: '免申即享项目及其提醒数（待确认、已确认、不需要、已过期）' })
  @Roles('bureau')
  @Get('/offers')
  async counts(): Promise<OfferProgramCounts[]> {
    return this.offers.counts();
  }

  @ApiOperation({
    summary: '开始数据比对：按实名库、录用记录和社保记录找出符合条件的毕业生并发送提醒（后台运行，立即返回比对任务；正在运行时返回该任务；重复运行不会重复提醒）',
  })
  @Roles('bureau')
  @HttpCode(202)
  @Post('/programs/:id/match')
  async match(@Param() params: ObjectIdParam): Promise<OfferMatchRun> {
    return this.matches.start(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '比对任务进度：已读取、符合条件、新发提醒、完成时间' })
  @Roles('bureau')
  @Get('/match-runs/:id')
  async run(@Param() params: ObjectIdParam): Promise<OfferMatchRun> {
    return this.matches.get(params.id);
  }

  @ApiOperation({ summary: '设置补贴项目是否“免申即享”（仅面向毕业生、不要求上传材料、条件均可由平台数据核验的项目可以开启）' })
  @Roles('bureau')
  @Put('/programs/:id/offer-mode')
  async offerMode(@Param() params: ObjectIdParam, @Body() body: OfferModeDTO): Promise<SubsidyProgram> {
    return this.programs.setOfferMode(caller(this.ctx), params.id, body.offerMode, this.ctx.requestId);
  }
}
