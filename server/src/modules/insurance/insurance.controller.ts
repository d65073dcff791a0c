import { Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { InsuranceImportReport, InsuranceSummary } from '../../contract/insurance';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { readWorkbookUpload, xlsxUpload } from '../../core/files/xlsx-import';
import { Roles } from '../../core/guards/roles';
import { InsuranceService } from './insurance.service';
import { InsuranceUploadMiddleware } from './insurance.upload';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('社保参保记录（工作人员）')
@Controller('/api/staff/insurance')
export class InsuranceStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private insurance!: InsuranceService;

  @ApiOperation({ summary: '下载社保参保记录导入模板' })
  @Roles('bureau', 'admin')
  @Get('/template')
  async template(): Promise<Buffer> {
    const data = await this.insurance.template();
    sendAttachment(this.ctx, '社保参保记录模板.xlsx', XLSX_TYPE);
    return data;
  }

  @ApiOperation({ summary: '已导入的社保参保记录概况' })
  @Roles('bureau', 'admin')
  @Get('/summary')
  async summary(): Promise<InsuranceSummary> {
    return this.insurance.summary();
  }

  @ApiOperation({ summary: '导入社保参保记录（整份校验，全部无误才写入；身份证号加密保存）' })
  @Roles('bureau', 'admin')
  @Post('/import', { middleware: [InsuranceUploadMiddleware, xlsxUpload] })
  async import(): Promise<InsuranceImportReport> {
    const data = await readWorkbookUpload(this.ctx);
    const report = await this.insurance.importFile(caller(this.ctx), data, this.ctx.requestId);
    if (!report.imported) this.ctx.status = 422;
    return report;
  }
}
