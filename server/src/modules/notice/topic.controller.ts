import { Body, Controller, Get, Inject, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { SubscriptionSettings } from '../../contract/subscription';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { SubscriptionTopicsDTO } from './topic.dto';
import { TopicService } from './topic.service';

@ApiTags('订阅消息')
@Controller('/api/subscriptions')
export class TopicController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private topics!: TopicService;

  @ApiOperation({ summary: '消息设置：已选主题、可订阅的模板与剩余次数' })
  @Roles('student', 'recruiter')
  @Get('/settings')
  async settings(): Promise<SubscriptionSettings> {
    return this.topics.settings(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '选择想接收的消息主题' })
  @Roles('student')
  @Put('/topics')
  async choose(@Body() body: SubscriptionTopicsDTO): Promise<SubscriptionSettings> {
    return this.topics.choose(caller(this.ctx).id, body.topics, body.digest);
  }
}
