import { Config, Controller, Get, Inject } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { HealthReport, ProbeReport } from '../../contract/common';
import { Database } from '../../core/database';
import { Drain } from '../../core/drain';
import { Public } from '../../core/guards/roles';

const started = Date.now();

@ApiTags('运维')
@Controller('/api/health')
export class HealthController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private db!: Database;

  @Inject()
  private drain!: Drain;

  @Config('app.version')
  private version!: string;

  @ApiOperation({ summary: '健康检查（含数据库状态）' })
  @Public()
  @Get('/')
  async health(): Promise<HealthReport> {
    const report: HealthReport = {
      status: 'ok',
      database: this.db.state(),
      version: this.version,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    };
    try {
      report.databaseLatencyMs = Math.round((await this.db.ping()) * 10) / 10;
    } catch {
      report.status = 'degraded';
    }
    if (report.database !== 'connected') report.status = 'degraded';
    if (report.status !== 'ok') this.ctx.status = 503;
    return report;
  }

  @ApiOperation({ summary: '存活探针（进程在响应即为 200）' })
  @Public()
  @Get('/live')
  live(): ProbeReport {
    return { status: 'ok' };
  }

  @ApiOperation({ summary: '就绪探针（停机排空中或数据库未连接时为 503）' })
  @Public()
  @Get('/ready')
  ready(): ProbeReport {
    const status: ProbeReport['status'] = !this.drain.ready ? 'draining' : this.db.state() === 'connected' ? 'ok' : 'degraded';
    if (status !== 'ok') this.ctx.status = 503;
    return { status };
  }
}
