import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { AbnormalEntry } from '../../contract/job';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam, PageQueryDTO } from '../../core/params';
import { UserText } from '../../core/text-security';
import { AbnormalEntryDTO, AbnormalRemovalDTO } from './enterprise.dto';
import { StandingService } from './standing.service';

@ApiTags('异常名录（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff/abnormal-list')
export class AbnormalListStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private standing!: StandingService;

  @ApiOperation({ summary: '异常名录（在列的，最近列入的在前）' })
  @Get('/')
  async list(@Query() query: PageQueryDTO): Promise<Page<AbnormalEntry>> {
    return this.standing.listEntries(query.limit, query.cursor);
  }

  @ApiOperation({ summary: '列入异常名录：企业（信用代码）或个人（身份证号，只存摘要）；其岗位下线、不能再登记或认证' })
  @UserText(2, 'name', 'reason', 'evidence')
  @Post('/')
  async add(@Body() body: AbnormalEntryDTO): Promise<AbnormalEntry> {
    return this.standing.list(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '移出异常名录（写明原因），其岗位恢复展示' })
  @UserText(2, 'reason')
  @Post('/:id/remove')
  async remove(@Param() params: ObjectIdParam, @Body() body: AbnormalRemovalDTO): Promise<AbnormalEntry> {
    return this.standing.remove(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }
}
