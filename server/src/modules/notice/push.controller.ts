import { Controller, Get, Inject, Param, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { InboxPage, MarkAllReadResult, MarkReadResult, PushStats, UnreadCount } from '../../contract/notice';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { InboxQueryDTO, PushListQueryDTO } from './push.dto';
import { PushService } from './push.service';

@ApiTags('消息中心')
@Controller('/api/inbox')
export class InboxController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private pushes!: PushService;

  @ApiOperation({ summary: '我的通知（新的在前）' })
  @Roles('student')
  @Get('/')
  async list(@Query() query: InboxQueryDTO): Promise<InboxPage> {
    return this.pushes.inbox(caller(this.ctx).id, query);
  }

  @ApiOperation({ summary: '未读通知数' })
  @Roles('student')
  @Get('/unread-count')
  async unread(): Promise<UnreadCount> {
    return this.pushes.unread(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '全部标为已读（可重复调用）' })
  @Roles('student')
  @Put('/read-all')
  async readAll(): Promise<MarkAllReadResult> {
    return this.pushes.markAllRead(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '标为已读（可重复调用）' })
  @Roles('student')
  @Put('/:id/read')
  async read(@Param() params: ObjectIdParam): Promise<MarkReadResult> {
    return this.pushes.markRead(caller(this.ctx).id, params.id);
  }
}

@ApiTags('政策推送（管理）')
@Controller('/api/staff/pushes')
export class StaffPushController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private pushes!: PushService;

  @ApiOperation({ summary: '某条政策的各次推送及统计' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/')
  async list(@Query() query: PushListQueryDTO): Promise<PushStats[]> {
    return this.pushes.listForContent(caller(this.ctx), query.contentId);
  }

  @ApiOperation({ summary: '一次推送的统计：人数、已发、失败原因、未订阅、已读' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/:id')
  async stats(@Param() params: ObjectIdParam): Promise<PushStats> {
    return this.pushes.stats(caller(this.ctx), params.id);
  }
}
