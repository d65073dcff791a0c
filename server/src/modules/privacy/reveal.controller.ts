import { Controller, Get, Inject, Query } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { DataViewRecord } from '../../contract/privacy';
import { caller } from '../../core/caller';
import { PageQueryDTO } from '../../core/params';
import { RevealLogService } from './reveal.service';

@ApiTags('我的：隐私与授权')
@ApiBearerAuth()
@Controller('/api/me/data-views')
export class DataViewController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private reveals!: RevealLogService;

  @ApiOperation({ summary: '个人信息查看记录：哪个单位、什么角色、何时、为何查看了我的完整身份证号、手机号或银行账号' })
  @Get('/')
  async mine(@Query() query: PageQueryDTO): Promise<Page<DataViewRecord>> {
    return this.reveals.mine(caller(this.ctx).id, query.limit ?? 20, query.cursor);
  }
}
