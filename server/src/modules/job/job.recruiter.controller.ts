import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { Applicant, RecruiterJob } from '../../contract/job';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam, PageQueryDTO } from '../../core/params';
import { ApplicationService } from './application.service';
import { ApplicationMoveDTO, JobDTO } from './job.dto';
import { JobService } from './job.service';
import { UserText } from '../../core/text-security';

@ApiTags('企业招聘')
@Roles('recruiter')
@Controller('/api/recruiter')
export class RecruiterController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private applications!: ApplicationService;

  @ApiOperation({ summary: '本企业的岗位' })
  @Get('/jobs')
  async jobList(@Query() query: PageQueryDTO): Promise<Page<RecruiterJob>> {
    return this.jobs.listMine(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '发布岗位（经违规词与歧视性条件检查）' })
  // Title, description and tags go to WeChat in JobService.checkContent with the job's own wording rules.
  @UserText(3, 'majors[]', 'address', 'contactPolicy')
  @Post('/jobs')
  async publish(@Body() body: JobDTO): Promise<RecruiterJob> {
    return this.jobs.publish(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '本企业的一个岗位' })
  @Get('/jobs/:id')
  async job(@Param() params: ObjectIdParam): Promise<RecruiterJob> {
    return this.jobs.getMine(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '修改岗位（同样经违规词与歧视性条件检查）' })
  @UserText(3, 'majors[]', 'address', 'contactPolicy')
  @Put('/jobs/:id')
  async edit(@Param() params: ObjectIdParam, @Body() body: JobDTO): Promise<RecruiterJob> {
    return this.jobs.update(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '停止招聘' })
  @Post('/jobs/:id/close')
  async close(@Param() params: ObjectIdParam): Promise<RecruiterJob> {
    return this.jobs.close(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '岗位的投递者' })
  @Get('/jobs/:id/applications')
  async applicants(@Param() params: ObjectIdParam, @Query() query: PageQueryDTO): Promise<Page<Applicant>> {
    return this.applications.listForJob(caller(this.ctx), params.id, query);
  }

  @ApiOperation({ summary: '更新投递状态：已查看、面试、录用、不合适' })
  @UserText(2, 'note', 'interview.location', 'interview.contactName', 'interview.message')
  @Put('/applications/:id/status')
  async move(@Param() params: ObjectIdParam, @Body() body: ApplicationMoveDTO): Promise<Applicant> {
    return this.applications.move(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '下载投递者的简历（PDF）' })
  @Get('/applications/:id/resume')
  async resume(@Param() params: ObjectIdParam): Promise<Buffer> {
    const file = await this.applications.resumeOf(caller(this.ctx), params.id);
    sendAttachment(this.ctx, file.fileName, 'application/pdf');
    return file.data;
  }
}
