import { Body, Controller, createMiddleware, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import { UploadMiddleware } from '@midwayjs/busboy';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { COMPLAINT_EVIDENCE_MAX_BYTES, COMPLAINT_EVIDENCE_TYPES } from '../../contract/complaint';
import type { PaymentBatchView } from '../../contract/subsidy';
import type { Page } from '../../contract/common';
import type { ObjectionStaffView, ObjectionView, PublicityEntry, PublicityNoticeView, StaffNoticeView } from '../../contract/subsidy-publicity';
import { caller } from '../../core/caller';
import { requireUpload, UploadErrorMiddleware } from '../../core/files/upload';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { RateLimit } from '../../core/rate-limit';
import { UserText } from '../../core/text-security';
import { ObjectionDecisionDTO, ObjectionDTO, PublicityEntryQueryDTO } from './subsidy-publicity.dto';
import { SubsidyPublicityService } from './subsidy-publicity.service';

const evidenceUpload = createMiddleware(UploadMiddleware, { mode: 'file', limits: { fileSize: COMPLAINT_EVIDENCE_MAX_BYTES, files: 1 } });

/** 公示: anyone logged in reads the running notices and may object to an entry. */
@ApiTags('补贴公示')
@Controller('/api/subsidy-notices')
export class SubsidyPublicityController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private publicity!: SubsidyPublicityService;

  @ApiOperation({ summary: '正在公示的补贴发放批次（公示期、人数；名单分页读取）' })
  @Get('/')
  async current(): Promise<PublicityNoticeView[]> {
    return this.publicity.current();
  }

  @ApiOperation({ summary: '正在公示的名单，分页（姓名、证件号部分隐去；可按全名查找本人）' })
  @Get('/:id/entries')
  async entries(@Param() params: ObjectIdParam, @Query() query: PublicityEntryQueryDTO): Promise<Page<PublicityEntry>> {
    return this.publicity.entriesPage(params.id, query, 'public');
  }

  @ApiOperation({ summary: '我提出的公示异议及处理结果' })
  @Get('/objections')
  async mine(): Promise<ObjectionView[]> {
    return this.publicity.mine(caller(this.ctx));
  }

  @ApiOperation({ summary: '对公示名单中的一项提出异议（公示期内；每人对同一申请只有一条，重复提交返回同一条）' })
  @RateLimit('complaint')
  @UserText(2, 'reason')
  @Post('/:id/objections')
  async object(@Param() params: ObjectIdParam, @Body() body: ObjectionDTO): Promise<ObjectionView> {
    return this.publicity.object(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '为异议上传证据（PNG/JPEG/PDF，单个不超过 5MB，multipart 字段 file）' })
  @Post('/objections/:id/evidence', { middleware: [UploadErrorMiddleware, evidenceUpload] })
  async evidence(@Param() params: ObjectIdParam): Promise<ObjectionView> {
    const file = await requireUpload(this.ctx, COMPLAINT_EVIDENCE_TYPES, COMPLAINT_EVIDENCE_MAX_BYTES);
    return this.publicity.addEvidence(caller(this.ctx), params.id, { data: file.data, type: file.type });
  }
}

/** The bureau publishes batches, reads objections and decides them. */
@ApiTags('补贴公示')
@Roles('bureau')
@Controller('/api/staff/subsidy')
export class SubsidyPublicityStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private publicity!: SubsidyPublicityService;

  @ApiOperation({ summary: '公示与异议：各批次的公示期、人数和异议' })
  @Get('/notices')
  async notices(): Promise<StaffNoticeView[]> {
    return this.publicity.staffNotices();
  }

  @ApiOperation({ summary: '某批次的公示名单，分页（含公示期满的；可按全名查找）' })
  @Get('/notices/:id/entries')
  async entries(@Param() params: ObjectIdParam, @Query() query: PublicityEntryQueryDTO): Promise<Page<PublicityEntry>> {
    return this.publicity.entriesPage(params.id, query, 'staff');
  }

  @ApiOperation({ summary: '发布批次公示（公示期按发放日程设置的工作日；重复提交返回同一公示）' })
  @Post('/batches/:id/publicity')
  async publish(@Param() params: ObjectIdParam): Promise<PaymentBatchView> {
    return this.publicity.publish(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '处理公示异议：成立（不予发放）/ 不成立（恢复发放），须写明理由' })
  @UserText(2, 'reason')
  @Post('/objections/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: ObjectionDecisionDTO): Promise<ObjectionStaffView> {
    return this.publicity.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}
