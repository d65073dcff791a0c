import { Body, Controller, Get, Inject, Param, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { dashboardFileName, type Dashboard, type YearTargets } from '../../contract/statistics';
import { caller } from '../../core/caller';
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/files/download';
import { Roles } from '../../core/guards/roles';
import { DashboardQueryDTO, TargetYearParam, YearTargetsDTO } from './statistics.dto';
import { StatisticsService } from './statistics.service';
import { StatisticsTargetService } from './statistics-targets.service';

@ApiTags('工作目标看板（工作人员）')
@Roles('college', 'district', 'bureau', 'admin')
@Controller('/api/staff/statistics')
export class StatisticsController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private statistics!: StatisticsService;

  @Inject()
  private targets!: StatisticsTargetService;

  @ApiOperation({ summary: '目标进度与分项统计（高校、区市县仅本范围；缓存 60 秒；该年度未设目标时 plan 为 null、targets 为空）' })
  @Get('/dashboard')
  async dashboard(@Query() query: DashboardQueryDTO): Promise<Dashboard> {
    return this.statistics.dashboard(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '导出调度会报表（Excel）' })
  @Get('/dashboard.xlsx')
  async export(@Query() query: DashboardQueryDTO): Promise<Buffer> {
    const data = await this.statistics.exportWorkbook(await this.statistics.dashboard(caller(this.ctx), query));
    sendAttachment(this.ctx, dashboardFileName(query.year, new Date()), XLSX_CONTENT_TYPE);
    return data;
  }

  @ApiOperation({ summary: '已设定工作目标的年度（新到旧）' })
  @Get('/targets')
  async targetYears(): Promise<YearTargets[]> {
    return this.targets.list();
  }

  @ApiOperation({ summary: '某一年度的工作目标（未设定时 404）' })
  @Get('/targets/:year')
  async targetsOf(@Param() params: TargetYearParam): Promise<YearTargets> {
    return this.targets.get(params.year);
  }

  @ApiOperation({ summary: '设定或修改某一年度的工作目标（市人社局；整体保存，写明编辑时的版本号，记入操作日志）' })
  @Roles('bureau', 'admin')
  @Put('/targets/:year')
  async setTargets(@Param() params: TargetYearParam, @Body() body: YearTargetsDTO): Promise<YearTargets> {
    return this.targets.save(caller(this.ctx), params.year, body, this.ctx.requestId);
  }
}
