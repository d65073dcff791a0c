import { Body, Controller, createMiddleware, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import { UploadMiddleware } from '@midwayjs/busboy';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import {
  COMPLAINT_EVIDENCE_MAX_BYTES,
  COMPLAINT_EVIDENCE_TYPES,
  type ComplaintHandler,
  type ComplaintHotline,
  type ComplaintNoticeConfig,
  type ComplaintStaffView,
  type ComplaintView,
} from '../../contract/complaint';
import { caller } from '../../core/caller';
import { RateLimit } from '../../core/rate-limit';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { requireUpload, UploadErrorMiddleware } from '../../core/files/upload';
import {
  ComplaintAssignDTO,
  ComplaintCloseDTO,
  ComplaintDeadlineDTO,
  ComplaintDTO,
  ComplaintFreezeDTO,
  ComplaintQueueQueryDTO,
  ComplaintReasonDTO,
  ComplaintReplyDTO,
  EvidenceParamDTO,
  HandlerQueryDTO,
  HotlineDTO,
  HotlineParamDTO,
} from './complaint.dto';
import { ComplaintComplainantService } from './complaint-complainant.service';
import { ComplaintFreezeService } from './complaint-freeze.service';
import { ComplaintHandlingService } from './complaint-handling.service';
import { ComplaintHotlineService } from './complaint-hotline.service';
import { ComplaintNoticeService } from './complaint-notice.service';
import { EVIDENCE_CONTENT_TYPES } from './complaint.view';
import { UserText } from '../../core/text-security';

const evidenceUpload = createMiddleware(UploadMiddleware, {
  mode: 'file',
  limits: { fileSize: COMPLAINT_EVIDENCE_MAX_BYTES, files: 1 },
});

@ApiTags('投诉举报')
@Roles('student')
@Controller('/api/complaints')
export class ComplaintController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private complaints!: ComplaintComplainantService;

  @ApiOperation({ summary: '提交投诉（idempotencyKey 相同的重复提交只生成一条）' })
  @RateLimit('complaint')
  @UserText(2, 'partyName', 'description')
  @Post('/')
  async submit(@Body() body: ComplaintDTO): Promise<ComplaintView> {
    return this.complaints.submit(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '我的投诉' })
  @Get('/')
  async mine(): Promise<ComplaintView[]> {
    return this.complaints.mine(caller(this.ctx));
  }

  @ApiOperation({ summary: '投诉详情与办理进度' })
  @Get('/:id')
  async one(@Param() params: ObjectIdParam): Promise<ComplaintView> {
    return this.complaints.mineOne(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '上传证据（PNG/JPEG/PDF，按内容检查，单个不超过 5MB，multipart 字段 file）' })
  @Post('/:id/evidence', { middleware: [UploadErrorMiddleware, evidenceUpload] })
  async evidence(@Param() params: ObjectIdParam): Promise<ComplaintView> {
    const file = await requireUpload(this.ctx, COMPLAINT_EVIDENCE_TYPES, COMPLAINT_EVIDENCE_MAX_BYTES);
    return this.complaints.addEvidence(caller(this.ctx), params.id, { data: file.data, type: file.type });
  }
}

/** Evidence is read by the complainant and by staff in scope; the service checks which. */
@ApiTags('投诉举报')
@Controller('/api/complaint-evidence')
export class ComplaintEvidenceController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private complaints!: ComplaintComplainantService;

  @ApiOperation({ summary: '查看证据文件' })
  @Get('/:id/:evidenceId')
  async file(@Param() params: EvidenceParamDTO): Promise<Buffer> {
    const file = await this.complaints.evidenceFile(caller(this.ctx), params.id, params.evidenceId);
    this.ctx.type = EVIDENCE_CONTENT_TYPES[file.type];
    this.ctx.set('Content-Disposition', 'inline');
    this.ctx.set('Cache-Control', 'private, no-store');
    this.ctx.set('X-Content-Type-Options', 'nosniff');
    return file.data;
  }
}

/** The subscribe template the complaint form asks for on the submit tap. */
@ApiTags('投诉举报')
@Controller('/api/complaint-notice')
export class ComplaintNoticeController {
  @Inject()
  private notices!: ComplaintNoticeService;

  @ApiOperation({ summary: '投诉进度提醒的订阅消息模板（未配置时为空）' })
  @Public()
  @Get('/')
  async config(): Promise<ComplaintNoticeConfig> {
    return this.notices.noticeConfig();
  }
}

@ApiTags('维权电话')
@Controller('/api/complaint-hotlines')
export class HotlineController {
  @Inject()
  private hotlines!: ComplaintHotlineService;

  @ApiOperation({ summary: '各区市县维权电话（公开）' })
  @Public()
  @Get('/')
  async list(): Promise<ComplaintHotline[]> {
    return this.hotlines.hotlines();
  }
}

@ApiTags('投诉办理（工作人员）')
@Roles('district', 'bureau')
@Controller('/api/staff/complaints')
export class ComplaintStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private handling!: ComplaintHandlingService;

  @Inject()
  private freezes!: ComplaintFreezeService;

  @ApiOperation({ summary: '投诉列表（区市县看本辖区，市人社局看全部；可筛选状态、类别、超期）' })
  @Get('/')
  async queue(@Query() query: ComplaintQueueQueryDTO): Promise<Page<ComplaintStaffView>> {
    return this.handling.queue(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '可分派的承办人' })
  @Get('/handlers')
  async handlers(@Query() query: HandlerQueryDTO): Promise<ComplaintHandler[]> {
    return this.handling.handlers(caller(this.ctx), query.district);
  }

  @ApiOperation({ summary: '投诉详情' })
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<ComplaintStaffView> {
    return this.handling.detail(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '查看投诉人完整电话（记入审计）' })
  @Post('/:id/phone')
  async phone(@Param() params: ObjectIdParam): Promise<{ phone: string }> {
    return this.handling.revealPhone(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '受理并分派（或改派）承办人，按类别设定办理期限' })
  @Post('/:id/assign')
  async assign(@Param() params: ObjectIdParam, @Body() body: ComplaintAssignDTO): Promise<ComplaintStaffView> {
    return this.handling.assign(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '开始调查' })
  @Post('/:id/investigate')
  async investigate(@Param() params: ObjectIdParam): Promise<ComplaintStaffView> {
    return this.handling.investigate(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '调整办理期限' })
  @Post('/:id/deadline')
  async deadline(@Param() params: ObjectIdParam, @Body() body: ComplaintDeadlineDTO): Promise<ComplaintStaffView> {
    return this.handling.setDeadline(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '答复投诉人' })
  @Post('/:id/reply')
  async reply(@Param() params: ObjectIdParam, @Body() body: ComplaintReplyDTO): Promise<ComplaintStaffView> {
    return this.handling.reply(caller(this.ctx), params.id, body.reply, this.ctx.requestId);
  }

  @ApiOperation({ summary: '办结' })
  @Post('/:id/close')
  async close(@Param() params: ObjectIdParam, @Body() body: ComplaintCloseDTO): Promise<ComplaintStaffView> {
    return this.handling.close(caller(this.ctx), params.id, body.note, this.ctx.requestId);
  }

  @ApiOperation({ summary: '经核查不予支持（须写明理由）' })
  @Post('/:id/reject')
  async reject(@Param() params: ObjectIdParam, @Body() body: ComplaintReasonDTO): Promise<ComplaintStaffView> {
    return this.handling.reject(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }

  @ApiOperation({ summary: '冻结涉事岗位或企业' })
  @Post('/:id/freeze')
  async freeze(@Param() params: ObjectIdParam, @Body() body: ComplaintFreezeDTO): Promise<ComplaintStaffView> {
    return this.freezes.freeze(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '解除冻结' })
  @Post('/:id/unfreeze')
  async unfreeze(@Param() params: ObjectIdParam, @Body() body: ComplaintFreezeDTO): Promise<ComplaintStaffView> {
    return this.freezes.unfreeze(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}

@ApiTags('维权电话')
@Roles('bureau')
@Controller('/api/staff/complaint-hotlines')
export class HotlineStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private hotlines!: ComplaintHotlineService;

  @ApiOperation({ summary: '修改维权电话（市人社局）' })
  @Put('/:district')
  async update(@Param() params: HotlineParamDTO, @Body() body: HotlineDTO): Promise<ComplaintHotline> {
    return this.hotlines.updateHotline(caller(this.ctx), params.district, body, this.ctx.requestId);
  }
}
