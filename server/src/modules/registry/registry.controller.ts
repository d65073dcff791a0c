import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { GraduateRecordView, ImportReport, RegistryMine } from '../../contract/registry';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { Roles } from '../../core/guards/roles';
import { RegistryImportQueryDTO, RegistryListQueryDTO, RegistrySearchDTO } from './registry.dto';
import { RegistryService } from './registry.service';
import { readWorkbookUpload, registryUpload, RegistryUploadMiddleware } from './registry.upload';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('毕业生实名库（工作人员）')
@Controller('/api/staff/registry')
export class RegistryStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private registry!: RegistryService;

  @ApiOperation({ summary: '下载毕业生名单导入模板' })
  @Roles('college', 'bureau', 'admin')
  @Get('/template')
  async template(): Promise<Buffer> {
    const data = await this.registry.template();
    sendAttachment(this.ctx, '毕业生名单模板.xlsx', XLSX_TYPE);
    return data;
  }

  @ApiOperation({ summary: '导入毕业生名单（整份校验，全部无误才写入）' })
  @Roles('college', 'bureau', 'admin')
  @Post('/import', { middleware: [RegistryUploadMiddleware, registryUpload] })
  async import(@Query() query: RegistryImportQueryDTO): Promise<ImportReport> {
    const actor = caller(this.ctx);
    const collegeId = this.registry.collegeFor(actor, query.collegeId);
    const data = await readWorkbookUpload(this.ctx);
    const report = await this.registry.importFile(actor, collegeId, data, this.ctx.requestId);
    if (!report.imported) this.ctx.status = 422;
    return report;
  }

  @ApiOperation({ summary: '毕业生名单（高校仅本校；区市县：去向在本区，及尚无区市县跟进的暂未就业毕业生）' })
  @Roles('college', 'district', 'bureau', 'admin')
  @Get('/graduates')
  async list(@Query() query: RegistryListQueryDTO): Promise<Page<GraduateRecordView>> {
    return this.registry.list(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '在全市实名库中查找毕业生（姓名开头、脱敏或完整身份证号，放在请求体中，不进入网址和日志；用于登记离校未就业）' })
  @Roles('district', 'bureau', 'admin')
  @HttpCode(200)
  @Post('/search')
  async search(@Body() body: RegistrySearchDTO): Promise<GraduateRecordView[]> {
    return this.registry.search(caller(this.ctx), body, this.ctx.requestId);
  }
}

@ApiTags('毕业生实名库')
@Controller('/api/registry')
export class RegistryController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private registry!: RegistryService;

  @ApiOperation({ summary: '我的毕业生登记信息（按身份证号自动关联）' })
  @Roles('student')
  @Get('/mine')
  async mine(): Promise<RegistryMine> {
    return { record: await this.registry.mine(caller(this.ctx).id) };
  }
}
