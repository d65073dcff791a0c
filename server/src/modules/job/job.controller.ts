import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { JobDetail, JobSummary } from '../../contract/job';
import { Public } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { JobQueryDTO } from './job.dto';
import { JobService } from './job.service';

@ApiTags('岗位')
@Controller('/api/jobs')
export class JobController {
  @Inject()
  private jobs!: JobService;

  @ApiOperation({ summary: '在招岗位' })
  @Public()
  @Get('/')
  async list(@Query() query: JobQueryDTO): Promise<Page<JobSummary>> {
    return this.jobs.listOpen(query);
  }

  @ApiOperation({ summary: '岗位详情' })
  @Public()
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<JobDetail> {
    return this.jobs.getOpen(params.id);
  }
}
