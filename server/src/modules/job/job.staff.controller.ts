import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import type { Page } from '../../contract/common';
import { ENTERPRISE_STATUSES, type EnterpriseStatus, type EnterpriseView, type RecruiterJob } from '../../contract/job';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { EnterpriseService } from './enterprise.service';
import { EnterpriseDecisionDTO, PageQueryDTO, ReasonDTO } from './job.dto';
import { JobService } from './job.service';

export class EnterpriseReviewQueryDTO extends PageQueryDTO {
  @Rule(RuleType.string().valid(...ENTERPRISE_STATUSES).default('pending'))
  status!: EnterpriseStatus;
}

@ApiTags('岗位审核（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff')
export class JobStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private jobs!: JobService;

  @ApiOperation({ summary: '待审核/已审核企业' })
  @Get('/enterprises')
  async enterpriseList(@Query() query: EnterpriseReviewQueryDTO): Promise<Page<EnterpriseView>> {
    return this.enterprises.listForReview(query.status, query.limit, query.cursor);
  }

  @ApiOperation({ summary: '企业审核：通过或驳回（驳回须写明原因）' })
  @Put('/enterprises/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: EnterpriseDecisionDTO): Promise<EnterpriseView> {
    return this.enterprises.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '查看营业执照' })
  @Get('/enterprises/:id/licence')
  async licence(@Param() params: ObjectIdParam): Promise<Buffer> {
    const file = await this.enterprises.licenceOf(params.id);
    this.ctx.type = file.type;
    return file.data;
  }

  @ApiOperation({ summary: '被举报的岗位' })
  @Get('/jobs/reported')
  async reported(@Query() query: PageQueryDTO): Promise<RecruiterJob[]> {
    return this.jobs.listReported(query.limit);
  }

  @ApiOperation({ summary: '下架岗位' })
  @Post('/jobs/:id/take-down')
  async takeDown(@Param() params: ObjectIdParam, @Body() body: ReasonDTO): Promise<RecruiterJob> {
    return this.jobs.takeDown(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }

  @ApiOperation({ summary: '核查后恢复被冻结的岗位' })
  @Post('/jobs/:id/restore')
  async restore(@Param() params: ObjectIdParam, @Body() body: ReasonDTO): Promise<RecruiterJob> {
    return this.jobs.restore(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }
}
