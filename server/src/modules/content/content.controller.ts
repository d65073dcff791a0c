import { Body, Config, Controller, Del, Get, Inject, Middleware, Param, Post, Put, Query, type IMiddleware, type IMidwayApplication } from '@midwayjs/core';
import { UploadMiddleware } from '@midwayjs/busboy';
import type { Context, NextFunction } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_EXTENSIONS, ATTACHMENT_TYPES, type ContentDetail, type ContentSummary } from '../../contract/policy';
import type { ContentSettings } from '../../interface';
import { requireUpload, UploadErrorMiddleware } from '../../core/files/upload';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import {
  AttachmentParam,
  ContentInputDTO,
  ContentQueryDTO,
  ContentSearchDTO,
  ContentTransitionDTO,
  ContentUpdateDTO,
  ForMeQueryDTO,
  SceneParam,
  StaffContentQueryDTO,
} from './content.dto';
import { sniffAttachment } from './content.rules';
import { ContentService, type StaffContent } from './content.service';

/** busboy for one attachment, its size limit from `app.content.attachmentMaxBytes`. */
@Middleware()
export class AttachmentUploadMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private upload!: UploadMiddleware;

  @Config('app.content')
  private settings!: ContentSettings;

  resolve(app: IMidwayApplication) {
    // busboy's default extension list lacks the Office ones (a function whitelist is merged per
    // request); browsers and WeChat send the file name as UTF-8, which busboy reads as latin1 by default.
    const options = {
      mode: 'file',
      whitelist: () => ATTACHMENT_EXTENSIONS.map(e => `.${e}`),
      defParamCharset: 'utf8',
      limits: { fileSize: this.settings.attachmentMaxBytes, files: 1 },
    };
    return this.upload.resolve(app, options as Parameters<UploadMiddleware['resolve']>[1]);
  }

  static getName(): string {
    return 'contentAttachmentUpload';
  }
}

@ApiTags('政策、服务与机构清单')
@Controller('/api/contents')
export class ContentController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private contents!: ContentService;

  @ApiOperation({ summary: '已发布的政策 / 服务 / 机构清单' })
  @Public()
  @Get('/')
  async list(@Query() query: ContentQueryDTO): Promise<Page<ContentSummary>> {
    return this.contents.listPublished(query);
  }

  @ApiOperation({ summary: '搜索标题、摘要和正文（按相关度排序，命中处用【】标出）' })
  @Public()
  @Get('/search')
  async search(@Query() query: ContentSearchDTO): Promise<ContentSummary[]> {
    return this.contents.search(query);
  }

  @ApiOperation({ summary: '适合我的政策（按符合程度和新旧排序）' })
  @Roles('student')
  @Get('/for-me')
  async forMe(@Query() query: ForMeQueryDTO): Promise<ContentSummary[]> {
    return this.contents.forMe(caller(this.ctx).id, query.limit);
  }

  @ApiOperation({ summary: '我的收藏' })
  @Roles('student')
  @Get('/favourites')
  async favourites(): Promise<ContentSummary[]> {
    return this.contents.favourites(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '扫码进入：由小程序码的 scene 找到条目' })
  @Public()
  @Get('/scene/:scene')
  async scene(@Param() params: SceneParam): Promise<{ id: string }> {
    return this.contents.resolveScene(params.scene);
  }

  @ApiOperation({ summary: '清单详情' })
  @Public()
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<ContentDetail> {
    return this.contents.getPublished(params.id);
  }

  @ApiOperation({ summary: '附件文件（已发布的条目任何人可看；草稿等仅限本单位工作人员）' })
  @Public()
  @Get('/:id/attachments/:fileId')
  async attachment(@Param() params: AttachmentParam): Promise<Buffer> {
    const file = await this.contents.attachmentFile(this.ctx.user, params.id, params.fileId);
    // A download, never cached (also enforced for every file in core/middleware/security-headers).
    sendAttachment(this.ctx, file.fileName, ATTACHMENT_CONTENT_TYPES[file.type]);
    return file.data;
  }

  @ApiOperation({ summary: '分享用的小程序码（PNG）' })
  @Public()
  @Get('/:id/share-code')
  async shareCode(@Param() params: ObjectIdParam): Promise<Buffer> {
    const png = await this.contents.shareCode(params.id);
    this.ctx.type = 'image/png';
    return png;
  }

  @ApiOperation({ summary: '收藏' })
  @Roles('student')
  @Put('/:id/favourite')
  async favourite(@Param() params: ObjectIdParam): Promise<{ favourite: boolean }> {
    return this.contents.favourite(caller(this.ctx).id, params.id);
  }

  @ApiOperation({ summary: '取消收藏' })
  @Roles('student')
  @Del('/:id/favourite')
  async unfavourite(@Param() params: ObjectIdParam): Promise<{ favourite: boolean }> {
    return this.contents.unfavourite(caller(this.ctx).id, params.id);
  }
}

@ApiTags('政策、服务与机构清单（管理）')
@Controller('/api/staff/contents')
export class StaffContentController {
  @Inject()
  private ctx!: Context;

  @Config('app.content')
  private settings!: ContentSettings;

  @Inject()
  private contents!: ContentService;

  @ApiOperation({ summary: '本单位范围内的清单条目（含草稿）' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/')
  async list(@Query() query: StaffContentQueryDTO): Promise<Page<StaffContent>> {
    return this.contents.staffList(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '新建草稿（正文在服务端过滤）' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Post('/')
  async create(@Body() body: ContentInputDTO): Promise<StaffContent> {
    return this.contents.create(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '条目详情（管理）' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<StaffContent> {
    return this.contents.staffGet(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '修改（须带上看到的版本号；已发布的须先下线）' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Put('/:id')
  async update(@Param() params: ObjectIdParam, @Body() body: ContentUpdateDTO): Promise<StaffContent> {
    return this.contents.update(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '提交审核 / 发布 / 下线 / 归档' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Post('/:id/transition')
  async transition(@Param() params: ObjectIdParam, @Body() body: ContentTransitionDTO): Promise<StaffContent> {
    return this.contents.transition(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '上传附件（PDF、图片、Word、Excel，按内容检查，multipart 字段 file；可编辑的条目）' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Post('/:id/attachments', { middleware: [UploadErrorMiddleware, AttachmentUploadMiddleware] })
  async upload(@Param() params: ObjectIdParam): Promise<StaffContent> {
    const file = await requireUpload(this.ctx, ATTACHMENT_TYPES, this.settings.attachmentMaxBytes, sniffAttachment);
    return this.contents.addAttachment(caller(this.ctx), params.id, file, this.ctx.requestId);
  }

  @ApiOperation({ summary: '历次发布的版本' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/:id/versions')
  async versions(@Param() params: ObjectIdParam): Promise<Array<{ version: number; title: string; publishedAt: string; publishedBy: string }>> {
    return this.contents.versions(caller(this.ctx), params.id);
  }
}
