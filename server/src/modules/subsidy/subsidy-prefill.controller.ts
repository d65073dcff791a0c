import { Controller, Get, Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { SubsidyPrefill } from '../../contract/subsidy';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { SubsidyFlagService } from './subsidy-flags.service';

@ApiTags('补贴申请')
@Roles('student')
@Controller('/api/subsidy/prefill')
export class SubsidyPrefillController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private flags!: SubsidyFlagService;

  @ApiOperation({ summary: '平台已有的就业信息（录用记录、毕业生实名库去向），用于预填申请表' })
  @Get('/')
  async prefill(): Promise<SubsidyPrefill> {
    return this.flags.prefill(caller(this.ctx));
  }
}
