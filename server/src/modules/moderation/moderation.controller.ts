import { Body, Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { MediaCheckView } from '../../contract/moderation';
import { caller } from '../../core/caller';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { MediaDecisionDTO, MediaQueueQueryDTO, MediaSourceQueryDTO, PushQueryDTO } from './moderation.dto';
import { ModerationService } from './moderation.service';

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', pdf: 'application/pdf' };

function sendFile(ctx: Context, file: { data: Buffer; type: string }): Buffer {
  ctx.type = CONTENT_TYPES[file.type] ?? 'application/octet-stream';
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  return file.data;
}

/** WeChat's message push (消息推送): the URL check and the events, `wxa_media_check` among them. */
@ApiTags('微信消息推送')
@Controller('/api/wechat/push')
export class WeChatPushController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private moderation!: ModerationService;

  @ApiOperation({ summary: '消息推送服务器地址验证（签名正确时原样返回 echostr）' })
  @Public()
  @Get('/')
  async verify(@Query() query: PushQueryDTO): Promise<string> {
    await this.moderation.verifyPushUrl(query);
    this.ctx.type = 'text/plain';
    return query.echostr ?? '';
  }

  @ApiOperation({ summary: '接收微信消息推送（JSON；明文模式或安全模式，按 WECHAT_PUSH_MODE）：wxa_media_check 决定待检测文件的可见性' })
  @Public()
  @Post('/')
  async receive(@Query() query: PushQueryDTO, @Body() body: Record<string, unknown>): Promise<string> {
    await this.moderation.onPush(query, body);
    this.ctx.type = 'text/plain';
    return 'success';
  }
}

/** The address WeChat downloads a pending medium from (signed, short-lived). */
@ApiTags('微信消息推送')
@Controller('/api/moderation/source')
export class MediaSourceController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private moderation!: ModerationService;

  @ApiOperation({ summary: '供微信内容安全检测下载的文件（签名地址，检测中有效）' })
  @Public()
  @Get('/:id')
  async source(@Param() params: ObjectIdParam, @Query() query: MediaSourceQueryDTO): Promise<Buffer> {
    return sendFile(this.ctx, await this.moderation.source(params.id, query.expires, query.sig));
  }
}

/** The staff queue of media nobody but their uploader can see yet. */
@ApiTags('内容安全')
@Roles('bureau', 'admin')
@Controller('/api/moderation/media')
export class MediaQueueController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private moderation!: ModerationService;

  @ApiOperation({ summary: '待处理的图片与文件（最早的在前，至多 100 条）' })
  @Get('/')
  async queue(@Query() query: MediaQueueQueryDTO): Promise<MediaCheckView[]> {
    return this.moderation.queue(query.filter ?? 'waiting');
  }

  @ApiOperation({ summary: '查看文件' })
  @Get('/:id/file')
  async file(@Param() params: ObjectIdParam): Promise<Buffer> {
    return sendFile(this.ctx, await this.moderation.file(params.id));
  }

  @ApiOperation({ summary: '通过或隐藏（隐藏时通知上传者；重复提交同一决定结果不变）' })
  @Post('/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: MediaDecisionDTO): Promise<MediaCheckView> {
    return this.moderation.decide(caller(this.ctx), params.id, body.decision);
  }
}
