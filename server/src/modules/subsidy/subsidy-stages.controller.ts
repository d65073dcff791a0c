import { Body, Controller, Get, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { SubsidyApplicationView } from '../../contract/subsidy';
import type { BatchSchedule, OverdueCount, StageLimits, StageSettingsView, WorkingCalendarYear } from '../../contract/subsidy-stages';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { SubsidyApplyService } from './subsidy-apply.service';
import { SubsidyEnterpriseService } from './subsidy-enterprise.service';
import { SubsidyStagesService } from './subsidy-stages.service';
import {
  AccountCorrectionDTO,
  BatchScheduleDTO,
  CalendarYearDTO,
  CalendarYearParam,
  EnterpriseAccountCorrectionDTO,
  StageLimitsDTO,
} from './subsidy-stages.dto';

@ApiTags('补贴办理时限')
@Controller('/api/staff/subsidy')
export class SubsidyStagesController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private stages!: SubsidyStagesService;

  @ApiOperation({ summary: '办理时限、工作日历与发放日程' })
  @Roles('bureau')
  @Get('/stage-settings')
  async settings(): Promise<StageSettingsView> {
    return this.stages.settings();
  }

  @ApiOperation({ summary: '设置补贴项目各环节办理时限（工作日）' })
  @Roles('bureau')
  @Put('/programs/:id/limits')
  async limits(@Param() params: ObjectIdParam, @Body() body: StageLimitsDTO): Promise<StageLimits> {
    return this.stages.setLimits(caller(this.ctx), params.id, body.limits, this.ctx.requestId);
  }

  @ApiOperation({ summary: '设置某年的工作日历（放假日与调休上班日）' })
  @Roles('bureau')
  @Put('/calendar/:year')
  async calendar(@Param() params: CalendarYearParam, @Body() body: CalendarYearDTO): Promise<WorkingCalendarYear> {
    return this.stages.putCalendarYear(caller(this.ctx), params.year, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '设置发放日程（每月发放日、银行到账工作日）' })
  @Roles('bureau')
  @Put('/schedule')
  async schedule(@Body() body: BatchScheduleDTO): Promise<BatchSchedule> {
    return this.stages.setSchedule(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '超时未办结的申请（按单位和环节计数）' })
  @Roles('college', 'district', 'bureau')
  @Get('/overdue')
  async overdue(): Promise<OverdueCount[]> {
    return this.stages.overdueCountsFor(caller(this.ctx));
  }
}

@ApiTags('补贴申请')
@Roles('student')
@Controller('/api/subsidy/applications')
export class SubsidyAccountController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private apply!: SubsidyApplyService;

  @ApiOperation({ summary: '银行退回后更正收款账户（更正后列入下一发放批次）' })
  @Post('/:id/account')
  async correct(@Param() params: ObjectIdParam, @Body() body: AccountCorrectionDTO): Promise<SubsidyApplicationView> {
    return this.apply.correctAccount(caller(this.ctx), params.id, body);
  }
}

@ApiTags('企业补贴申请')
@Roles('recruiter')
@Controller('/api/subsidy/enterprise/applications')
export class SubsidyEnterpriseAccountController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private enterpriseSubsidies!: SubsidyEnterpriseService;

  @ApiOperation({ summary: '银行退回后更正单位收款账户（更正后列入下一发放批次）' })
  @Post('/:id/account')
  async correct(@Param() params: ObjectIdParam, @Body() body: EnterpriseAccountCorrectionDTO): Promise<SubsidyApplicationView> {
    return this.enterpriseSubsidies.correctAccount(caller(this.ctx), params.id, body);
  }
}
