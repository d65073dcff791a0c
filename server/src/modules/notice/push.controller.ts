import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { PushStats } from '../../contract/notice';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { PushListQueryDTO } from './push.dto';
import { ContentService } from '../content/content.service';
import { PushService } from './push.service';

@ApiTags('政策推送（管理）')
@Controller('/api/staff/pushes')
export class StaffPushController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private pushes!: PushService;

  @Inject()
  private contents!: ContentService;

  @ApiOperation({ summary: '某条政策的各次推送及统计' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/')
  async list(@Query() query: PushListQueryDTO): Promise<PushStats[]> {
    return this.pushes.listForContent(caller(this.ctx), query.contentId, await this.contents.ownerOfEntry(query.contentId));
  }

  @ApiOperation({ summary: '一次推送的统计：人数、已发、失败原因、未订阅、已读' })
  @Roles('bureau', 'college', 'district', 'admin')
  @Get('/:id')
  async stats(@Param() params: ObjectIdParam): Promise<PushStats> {
    return this.pushes.stats(caller(this.ctx), params.id);
  }
}
