import { Body, Controller, Del, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { ComplaintView } from '../../contract/complaint';
import type { LiveNoticeConfig, LivePushInfo, LiveReplayPage, LiveSessionDetail, LiveSessionSummary, LiveStats } from '../../contract/live';
import { caller } from '../../core/caller';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { RateLimit } from '../../core/rate-limit';
import { LiveCallbackDTO, LiveChannelsControlDTO, LiveDecisionDTO, LiveListQueryDTO, LiveMediaCheckDTO, LiveReplayQueryDTO, LiveReportDTO, LiveSessionDTO } from './live.dto';
import { LiveReportService } from './live-report.service';
import { LiveService } from './live.service';
import { UserText } from '../../core/text-security';

@ApiTags('直播带岗')
@Controller('/api/live')
export class LiveController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private live!: LiveService;

  @Inject()
  private reports!: LiveReportService;

  @ApiOperation({ summary: '直播列表（即将开始 / 正在直播 / 往期）' })
  @Public()
  @Get('/sessions')
  async list(@Query() query: LiveListQueryDTO): Promise<LiveSessionSummary[]> {
    return this.live.list(query.tab, this.ctx.user);
  }

  @ApiOperation({ summary: '举报直播画面或岗位卡片（冻结当时的内容，作为投诉由人社部门受理）' })
  @Roles('student')
  @RateLimit('report')
  @UserText(2, 'description')
  @Post('/sessions/:id/reports')
  async report(@Param() params: ObjectIdParam, @Body() body: LiveReportDTO): Promise<ComplaintView> {
    return this.reports.report(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '本企业的直播' })
  @Roles('recruiter')
  @Get('/mine')
  async mine(): Promise<LiveSessionSummary[]> {
    return this.live.listMine(caller(this.ctx));
  }

  @ApiOperation({ summary: '直播详情（直播中附播放地址）' })
  @Public()
  @Get('/sessions/:id')
  async detail(@Param() params: ObjectIdParam): Promise<LiveSessionDetail> {
    return this.live.detail(params.id, this.ctx.user);
  }

  @ApiOperation({ summary: '直播回放：录像地址与按直播时间排列的互动消息（分页）' })
  @Public()
  @Get('/sessions/:id/replay')
  async replay(@Param() params: ObjectIdParam, @Query() query: LiveReplayQueryDTO): Promise<LiveReplayPage> {
    return this.live.replay(params.id, query, this.ctx.user);
  }

  @ApiOperation({ summary: '开播提醒的订阅消息模板（未配置时为空）' })
  @Public()
  @Get('/notice')
  async notice(): Promise<LiveNoticeConfig> {
    return this.live.noticeConfig();
  }

  @ApiOperation({ summary: '创建直播' })
  @Roles('recruiter')
  @UserText(3, 'title')
  @Post('/sessions')
  async create(@Body() body: LiveSessionDTO): Promise<LiveSessionDetail> {
    return this.live.create(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '视频号直播开始或结束（视频号模式；重复提交结果不变）' })
  @Roles('recruiter')
  @Post('/sessions/:id/channels')
  async channels(@Param() params: ObjectIdParam, @Body() body: LiveChannelsControlDTO): Promise<LiveSessionDetail> {
    return this.live.controlChannels(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '推流地址（OBS / live-pusher）' })
  @Roles('recruiter')
  @Get('/sessions/:id/push')
  async push(@Param() params: ObjectIdParam): Promise<LivePushInfo> {
    return this.live.pushInfo(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '直播数据（主办企业、市人社局）' })
  @Roles('recruiter', 'bureau', 'admin')
  @Get('/sessions/:id/stats')
  async stats(@Param() params: ObjectIdParam): Promise<LiveStats> {
    return this.live.stats(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '预约直播' })
  @Roles('student')
  @Post('/sessions/:id/booking')
  async book(@Param() params: ObjectIdParam): Promise<LiveSessionDetail> {
    return this.live.book(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '取消预约' })
  @Roles('student')
  @Del('/sessions/:id/booking')
  async unbook(@Param() params: ObjectIdParam): Promise<LiveSessionDetail> {
    return this.live.unbook(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '腾讯云直播回调（推流/断流/录制）' })
  @Public()
  @Post('/callbacks/tencent')
  async callback(@Body() body: LiveCallbackDTO): Promise<{ code: 0 }> {
    return this.live.handleCallback(body);
  }

  @ApiOperation({ summary: '本地媒体服务器的推流/播放鉴权（签名同回调）' })
  @Public()
  @Post('/media/check')
  async mediaCheck(@Body() body: LiveMediaCheckDTO): Promise<{ code: 0 }> {
    return this.live.checkMedia(body);
  }
}

@ApiTags('直播审核（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff/live')
export class LiveStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private live!: LiveService;

  @ApiOperation({ summary: '待审核直播' })
  @Get('/pending')
  async pending(): Promise<LiveSessionSummary[]> {
    return this.live.listPending();
  }

  @ApiOperation({ summary: '审核直播' })
  @Post('/sessions/:id/decision')
  async decide(@Param() params: ObjectIdParam, @Body() body: LiveDecisionDTO): Promise<LiveSessionDetail> {
    return this.live.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}
