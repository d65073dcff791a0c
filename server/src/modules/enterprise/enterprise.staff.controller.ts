import { Body, Controller, Get, Inject, Param, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { EnterpriseView } from '../../contract/job';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { EnterpriseDecisionDTO, EnterpriseReviewQueryDTO } from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

@ApiTags('企业审核（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff/enterprises')
export class EnterpriseStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private enterprises!: EnterpriseService;

  @ApiOperation({ summary: '待审核/已审核企业' })
  @Get('/')
  async list(@Query() query: EnterpriseReviewQueryDTO): Promise<Page<EnterpriseView>> {
    return this.enterprises.listForReview(query.status, query.limit, query.cursor);
  }

  @ApiOperation({ summary: '企业审核：通过或驳回（驳回须写明原因）' })
  @Put('/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: EnterpriseDecisionDTO): Promise<EnterpriseView> {
    return this.enterprises.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '查看营业执照' })
  @Get('/:id/licence')
  async licence(@Param() params: ObjectIdParam): Promise<Buffer> {
    const file = await this.enterprises.licenceOf(caller(this.ctx), params.id, this.ctx.requestId);
    sendAttachment(this.ctx, file.fileName, file.type);
    return file.data;
  }
}
