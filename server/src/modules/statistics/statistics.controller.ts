import { Controller, Get, Inject, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Dashboard } from '../../contract/statistics';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { DashboardQueryDTO } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('工作目标看板（工作人员）')
@Roles('college', 'district', 'bureau', 'admin')
@Controller('/api/staff/statistics')
export class StatisticsController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private statistics!: StatisticsService;

  @ApiOperation({ summary: '目标进度与分项统计（高校、区市县仅本范围；缓存 60 秒）' })
  @Get('/dashboard')
  async dashboard(@Query() query: DashboardQueryDTO): Promise<Dashboard> {
    return this.statistics.dashboard(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '导出调度会报表（Excel）' })
  @Get('/dashboard.xlsx')
  async export(@Query() query: DashboardQueryDTO): Promise<Buffer> {
    const data = await this.statistics.exportWorkbook(await this.statistics.dashboard(caller(this.ctx), query));
    this.ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    this.ctx.attachment(`留连来连工作进度-${query.year ?? new Date().getUTCFullYear()}.xlsx`);
    return data;
  }
}
