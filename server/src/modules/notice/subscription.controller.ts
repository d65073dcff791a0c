import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { SubscribeResultDTO } from './subscription.dto';
import { SubscriptionService, type SubscriptionView } from './subscription.service';

@ApiTags('订阅消息')
@Controller('/api/subscriptions')
export class SubscriptionController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private subscriptions!: SubscriptionService;

  // Recruiters too: enterprise subsidy decisions reach them as notices.
  @ApiOperation({ summary: '上报订阅结果（每个“允许”记一次可发送次数）' })
  @Roles('student', 'recruiter')
  @Post('/')
  async record(@Body() body: SubscribeResultDTO): Promise<SubscriptionView[]> {
    return this.subscriptions.record(caller(this.ctx).id, body.results);
  }

  @ApiOperation({ summary: '我的订阅与剩余次数' })
  @Roles('student', 'recruiter')
  @Get('/')
  async mine(): Promise<SubscriptionView[]> {
    return this.subscriptions.mine(caller(this.ctx).id);
  }
}
