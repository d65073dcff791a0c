import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type {
  EnterpriseSubsidyOverview,
  PaymentBatchPreview,
  PaymentBatchView,
  PaymentImportResult,
  ProgramWithEligibility,
  SubsidyApplicationView,
  SubsidyGuideView,
  SubsidyProgram,
  SubsidyReviewDetail,
} from '../../contract/subsidy';
import { caller } from '../../core/caller';
import { sendAttachment, XLSX_CONTENT_TYPE } from '../../core/files/download';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { UploadErrorMiddleware } from '../../core/files/upload';
import {
  BatchDTO,
  BatchPreviewDTO,
  DocumentKindQueryDTO,
  DocumentParamDTO,
  EnterpriseSubsidyDTO,
  GuideQueryDTO,
  QueueQueryDTO,
  ReviewDecisionDTO,
  SubsidyApplicationDTO,
  SubsidyProgramDTO,
} from './subsidy.dto';
import { SubsidyEnterpriseService } from './subsidy-enterprise.service';
import { SubsidyPaymentService } from './subsidy-payment.service';
import { SubsidyApplicationService } from './subsidy-application.service';
import { SubsidyApplyService } from './subsidy-apply.service';
import { SubsidyProgramService } from './subsidy-program.service';
import { SubsidyReviewService } from './subsidy-review.service';
import { DOCUMENT_CONTENT_TYPES } from './subsidy.view';
import { bankResultUpload, requireDocument, requireXlsx, subsidyDocumentUpload } from './subsidy.upload';

@ApiTags('补贴申请')
@Roles('student')
@Controller('/api/subsidy')
export class SubsidyController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private apply!: SubsidyApplyService;

  @ApiOperation({ summary: '补贴项目及我的申请资格' })
  @Get('/programs')
  async programs(): Promise<ProgramWithEligibility[]> {
    return this.apply.programsFor(caller(this.ctx));
  }

  @ApiOperation({ summary: '我的申请' })
  @Get('/applications')
  async mine(): Promise<SubsidyApplicationView[]> {
    return this.apply.mine(caller(this.ctx));
  }

  @ApiOperation({ summary: '保存草稿或提交申请（同一项目同一批次只有一份申请）' })
  @Post('/applications')
  async save(@Body() body: SubsidyApplicationDTO): Promise<SubsidyApplicationView> {
    return this.apply.save(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '申请详情与进度' })
  @Get('/applications/:id')
  async one(@Param() params: ObjectIdParam): Promise<SubsidyApplicationView> {
    return this.apply.mineOne(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '上传申请材料（PDF/PNG/JPEG，multipart 字段 file）' })
  @Post('/applications/:id/documents', { middleware: [UploadErrorMiddleware, subsidyDocumentUpload] })
  async upload(@Param() params: ObjectIdParam, @Query() query: DocumentKindQueryDTO): Promise<SubsidyApplicationView> {
    return this.apply.addDocument(caller(this.ctx), params.id, query.kind, await requireDocument(this.ctx));
  }
}

/** 办事指南: public, so a guest reads what a subsidy gives and asks before logging in. */
@ApiTags('补贴申请')
@Controller('/api/subsidy-guides')
export class SubsidyGuideController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private programService!: SubsidyProgramService;

  @ApiOperation({ summary: '补贴项目办事指南（可按政策筛选；学生只见面向毕业生的项目，招聘者只见面向企业的项目）' })
  @Public()
  @Get('/')
  async list(@Query() query: GuideQueryDTO): Promise<SubsidyGuideView[]> {
    return this.programService.guides(this.ctx.user?.roles, query.policyId);
  }

  @ApiOperation({ summary: '一个补贴项目的办事指南：申请对象、条件、标准、材料及示例、办理时限、咨询方式' })
  @Public()
  @Get('/:id')
  async one(@Param() params: ObjectIdParam): Promise<SubsidyGuideView> {
    return this.programService.guide(this.ctx.user?.roles, params.id);
  }
}

/** A recruiter applies for the enterprise's programs on the enterprise's behalf; any of its recruiters continues. */
@ApiTags('企业补贴申请')
@Roles('recruiter')
@Controller('/api/subsidy/enterprise')
export class SubsidyEnterpriseController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private enterpriseSubsidies!: SubsidyEnterpriseService;

  @ApiOperation({ summary: '本企业信息与面向企业的补贴项目（含申请资格说明）' })
  @Get('/programs')
  async programs(): Promise<EnterpriseSubsidyOverview> {
    return this.enterpriseSubsidies.overview(caller(this.ctx));
  }

  @ApiOperation({ summary: '本企业的补贴申请' })
  @Get('/applications')
  async list(): Promise<SubsidyApplicationView[]> {
    return this.enterpriseSubsidies.list(caller(this.ctx));
  }

  @ApiOperation({ summary: '保存草稿或提交（同一企业同一项目同一批次只有一份申请）' })
  @Post('/applications')
  async save(@Body() body: EnterpriseSubsidyDTO): Promise<SubsidyApplicationView> {
    return this.enterpriseSubsidies.save(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '申请详情与进度' })
  @Get('/applications/:id')
  async one(@Param() params: ObjectIdParam): Promise<SubsidyApplicationView> {
    return this.enterpriseSubsidies.one(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '上传申请材料（PDF/PNG/JPEG，multipart 字段 file）' })
  @Post('/applications/:id/documents', { middleware: [UploadErrorMiddleware, subsidyDocumentUpload] })
  async upload(@Param() params: ObjectIdParam, @Query() query: DocumentKindQueryDTO): Promise<SubsidyApplicationView> {
    return this.enterpriseSubsidies.addDocument(caller(this.ctx), params.id, query.kind, await requireDocument(this.ctx));
  }
}

/** Documents are read by the applicant and by reviewers in scope; the service checks which. */
@ApiTags('补贴申请')
@Controller('/api/subsidy-documents')
export class SubsidyDocumentController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private applications!: SubsidyApplicationService;

  @ApiOperation({ summary: '查看申请材料' })
  @Get('/:id/:documentId')
  async document(@Param() params: DocumentParamDTO): Promise<Buffer> {
    const file = await this.applications.documentFile(caller(this.ctx), params.id, params.documentId);
    this.ctx.type = DOCUMENT_CONTENT_TYPES[file.type];
    this.ctx.set('Content-Disposition', 'inline');
    this.ctx.set('Cache-Control', 'private, no-store');
    return file.data;
  }
}

@ApiTags('补贴审核')
@Controller('/api/staff/subsidy')
export class SubsidyStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private programService!: SubsidyProgramService;

  @Inject()
  private review!: SubsidyReviewService;

  @ApiOperation({ summary: '全部补贴项目（市人社局）' })
  @Roles('bureau')
  @Get('/programs')
  async programs(): Promise<SubsidyProgram[]> {
    return this.programService.allPrograms();
  }

  @ApiOperation({ summary: '新建补贴项目（规则保存时校验）' })
  @Roles('bureau')
  @Post('/programs')
  async create(@Body() body: SubsidyProgramDTO): Promise<SubsidyProgram> {
    return this.programService.createProgram(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '修改补贴项目' })
  @Roles('bureau')
  @Put('/programs/:id')
  async update(@Param() params: ObjectIdParam, @Body() body: SubsidyProgramDTO): Promise<SubsidyProgram> {
    return this.programService.updateProgram(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '待我审核的申请（按管辖范围）' })
  @Roles('college', 'district', 'bureau')
  @Get('/applications')
  async queue(@Query() query: QueueQueryDTO): Promise<Page<SubsidyApplicationView>> {
    return this.review.queue(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '申请详情（材料、规则说明与风险提示）' })
  @Roles('college', 'district', 'bureau')
  @Get('/applications/:id')
  async detail(@Param() params: ObjectIdParam): Promise<SubsidyReviewDetail> {
    return this.review.reviewDetail(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '审核：通过 / 退回补正 / 不予通过' })
  @Roles('college', 'district', 'bureau')
  @Post('/applications/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: ReviewDecisionDTO): Promise<SubsidyApplicationView> {
    return this.review.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}

@ApiTags('补贴发放')
@Roles('bureau')
@Controller('/api/staff/subsidy/batches')
export class SubsidyPaymentController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private payments!: SubsidyPaymentService;

  @ApiOperation({ summary: '发放批次' })
  @Get('/')
  async list(): Promise<PaymentBatchView[]> {
    return this.payments.list();
  }

  @ApiOperation({ summary: '预览批次：将发放的笔数、金额（按项目、区市县）与未纳入的申请及原因；不做任何改动' })
  @Post('/preview')
  async preview(@Body() body: BatchPreviewDTO): Promise<PaymentBatchPreview> {
    return this.payments.preview(body);
  }

  @ApiOperation({ summary: '按预览确认生成批次（清单有变化时 409，须重新预览；重复提交返回同一批次）' })
  @Post('/')
  async create(@Body() body: BatchDTO): Promise<PaymentBatchView> {
    return this.payments.create(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '批次详情与对账' })
  @Get('/:id')
  async one(@Param() params: ObjectIdParam): Promise<PaymentBatchView> {
    return this.payments.get(params.id);
  }

  @ApiOperation({ summary: '导出银行发放文件（xlsx，含完整账号，仅市人社局）' })
  @Get('/:id/export')
  async export(@Param() params: ObjectIdParam): Promise<Buffer> {
    const file = await this.payments.exportFile(caller(this.ctx), params.id, this.ctx.requestId);
    sendAttachment(this.ctx, file.filename, XLSX_CONTENT_TYPE);
    this.ctx.set('Cache-Control', 'private, no-store');
    return file.data;
  }

  @ApiOperation({ summary: '导入银行回盘文件（xlsx，multipart 字段 file）' })
  @Post('/:id/result', { middleware: [UploadErrorMiddleware, bankResultUpload] })
  async result(@Param() params: ObjectIdParam): Promise<PaymentImportResult> {
    const data = await requireXlsx(this.ctx);
    return this.payments.importResult(caller(this.ctx), params.id, data, this.ctx.requestId);
  }
}
