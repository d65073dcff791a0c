import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { RecruiterJob } from '../../contract/job';
import type { SlowEnterprise } from '../../contract/responsiveness';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam, PageQueryDTO } from '../../core/params';
import { ReasonDTO, SlowEnterprisesQueryDTO } from './job.dto';
import { JobService } from './job.service';
import { ResponsivenessService } from './responsiveness.service';

@ApiTags('岗位审核（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff/jobs')
export class JobStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private responsiveness!: ResponsivenessService;

  @ApiOperation({ summary: '反馈最慢的企业（近90天，数据足够的企业，最慢的在前）' })
  @Get('/slow-enterprises')
  async slowEnterprises(@Query() query: SlowEnterprisesQueryDTO): Promise<SlowEnterprise[]> {
    return this.responsiveness.slowest(query.limit);
  }

  @ApiOperation({ summary: '被举报的岗位（举报最多的在前，分页）' })
  @Get('/reported')
  async reported(@Query() query: PageQueryDTO): Promise<Page<RecruiterJob>> {
    return this.jobs.listReported(query.limit, query.cursor);
  }

  @ApiOperation({ summary: '下架岗位' })
  @Post('/:id/take-down')
  async takeDown(@Param() params: ObjectIdParam, @Body() body: ReasonDTO): Promise<RecruiterJob> {
    return this.jobs.takeDown(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }

  @ApiOperation({ summary: '核查后恢复被冻结的岗位' })
  @Post('/:id/restore')
  async restore(@Param() params: ObjectIdParam, @Body() body: ReasonDTO): Promise<RecruiterJob> {
    return this.jobs.restore(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }
}
