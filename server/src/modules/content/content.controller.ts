import { Controller, Get, Inject, Param, Query } from '@midwayjs/core';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { Page } from '../../contract/common';
import type { ContentDetail, ContentSummary } from '../../contract/policy';
import { Public } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { ContentQueryDTO } from './content.dto';
import { ContentService } from './content.service';

@ApiTags('政策、服务与机构清单')
@Controller('/api/contents')
export class ContentController {
  @Inject()
  private contents!: ContentService;

  @ApiOperation({ summary: '已发布的政策 / 服务 / 机构清单' })
  @Public()
  @Get('/')
  async list(@Query() query: ContentQueryDTO): Promise<Page<ContentSummary>> {
    return this.contents.listPublished(query);
  }

  @ApiOperation({ summary: '清单详情' })
  @Public()
  @Get('/:id')
  async detail(@Param() params: ObjectIdParam): Promise<ContentDetail> {
    return this.contents.getPublished(params.id);
  }
}
