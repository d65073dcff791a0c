import { Controller, Get, Inject, Param, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { InboxItem, InboxPage, MarkAllReadResult, MarkReadResult, UnreadCount } from '../../contract/notice';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { InboxQueryDTO } from './notice.dto';
import { NoticeService } from './notice.service';

// Recruiters too: enterprise subsidy decisions are told to the enterprise's recruiters; reviewers: overdue subsidy
// applications, and applications withdrawn at their stage.
@ApiTags('消息中心')
@Controller('/api/inbox')
export class InboxController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private notices!: NoticeService;

  @ApiOperation({ summary: '我的消息（新的在前）' })
  @Roles('student', 'recruiter', 'college', 'district', 'bureau')
  @Get('/')
  async list(@Query() query: InboxQueryDTO): Promise<InboxPage> {
    return this.notices.inbox(caller(this.ctx).id, query);
  }

  @ApiOperation({ summary: '未读消息数' })
  @Roles('student', 'recruiter', 'college', 'district', 'bureau')
  @Get('/unread-count')
  async unread(): Promise<UnreadCount> {
    return this.notices.unread(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '全部标为已读（可重复调用）' })
  @Roles('student', 'recruiter', 'college', 'district', 'bureau')
  @Put('/read-all')
  async readAll(): Promise<MarkAllReadResult> {
    return this.notices.markAllRead(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '一条消息（每周摘要含其列出的消息）' })
  @Roles('student', 'recruiter', 'college', 'district', 'bureau')
  @Get('/:id')
  async item(@Param() params: ObjectIdParam): Promise<InboxItem> {
    return this.notices.item(caller(this.ctx).id, params.id);
  }

  @ApiOperation({ summary: '标为已读（可重复调用）' })
  @Roles('student', 'recruiter', 'college', 'district', 'bureau')
  @Put('/:id/read')
  async read(@Param() params: ObjectIdParam): Promise<MarkReadResult> {
    return this.notices.markRead(caller(this.ctx).id, params.id);
  }
}
