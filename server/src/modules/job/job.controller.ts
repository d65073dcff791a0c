import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { JobDetail, JobSummary, MyApplication } from '../../contract/job';
import { caller } from '../../core/caller';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam, PageQueryDTO } from '../../core/params';
import { RateLimit } from '../../core/rate-limit';
import { ApplicationService } from './application.service';
import { ApplySourceQueryDTO, JobQueryDTO, JobReportDTO } from './job.dto';
import { JobService } from './job.service';
import { RecommendService } from './recommend.service';
import { ResponsivenessService } from './responsiveness.service';
import { readUpload, singleFileUpload, UploadErrorMiddleware } from '../../core/files/upload';
import { UserText } from '../../core/text-security';

const RESUME_MAX_BYTES = 5 * 1024 * 1024;
const resumeUpload = singleFileUpload(RESUME_MAX_BYTES);

@ApiTags('岗位')
@Controller('/api/jobs')
export class JobController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private applications!: ApplicationService;

  @Inject()
  private recommendations!: RecommendService;

  @Inject()
  private responsiveness!: ResponsivenessService;

  @ApiOperation({ summary: '在招岗位（筛选、搜索、最新排序）' })
  @Public()
  @Get('/')
  async list(@Query() query: JobQueryDTO): Promise<Page<JobSummary>> {
    if (query.sort === 'match') return this.recommendedWithBadges(query);
    const page = await this.jobs.listOpen(query);
    this.jobs.rememberHotQuery(this.ctx.querystring, query);
    return page;
  }

  @ApiOperation({ summary: '为我推荐（按匹配度排序，附推荐理由）' })
  @Roles('student')
  @Get('/recommended')
  async recommended(@Query() query: JobQueryDTO): Promise<Page<JobSummary>> {
    return this.recommendedWithBadges(query);
  }

  // Not the route method itself: Midway fills a route method's decorated parameters from the request.
  private async recommendedWithBadges(query: JobQueryDTO): Promise<Page<JobSummary>> {
    const page = await this.recommendations.recommended(caller(this.ctx), query);
    return { ...page, items: await this.responsiveness.withBadges(page.items) };
  }

  @ApiOperation({ summary: '岗位详情' })
  @Public()
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<JobDetail> {
    const [job] = await this.responsiveness.withBadges([await this.jobs.getOpen(params.id)]);
    return job;
  }

  @ApiOperation({ summary: '投递岗位（可附 PDF 简历，multipart 字段 file；从直播回放或直播间打开时注明场次）' })
  @Roles('student')
  @Post('/:id/applications', { middleware: [UploadErrorMiddleware, resumeUpload] })
  async apply(@Param() params: ObjectIdParam, @Query() query: ApplySourceQueryDTO): Promise<MyApplication> {
    const resume = await readUpload(this.ctx, ['pdf'], RESUME_MAX_BYTES);
    if (query.liveSessionId && query.via) {
      return this.applications.applyFrom(caller(this.ctx), { kind: query.via, sessionId: query.liveSessionId, jobId: params.id }, resume?.data);
    }
    return this.applications.apply(caller(this.ctx), params.id, { resume: resume?.data });
  }

  @ApiOperation({ summary: '举报岗位' })
  @Roles('student')
  @RateLimit('report')
  @UserText(2, 'reason')
  @Post('/:id/reports')
  async report(@Param() params: ObjectIdParam, @Body() body: JobReportDTO): Promise<{ frozen: boolean }> {
    return this.jobs.report(caller(this.ctx), params.id, body.reason);
  }
}

@ApiTags('岗位')
@Controller('/api/me/applications')
export class MyApplicationController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private applications!: ApplicationService;

  @ApiOperation({ summary: '我的投递（含每一步进展）' })
  @Roles('student')
  @Get('/')
  async list(@Query() query: PageQueryDTO): Promise<Page<MyApplication>> {
    return this.applications.listMine(caller(this.ctx), query);
  }
}
