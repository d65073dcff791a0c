import { Body, Controller, createMiddleware, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import { UploadMiddleware, type UploadFileInfo } from '@midwayjs/busboy';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { promises as fs } from 'fs';
import type { Page } from '../../contract/common';
import type { ContentSummary } from '../../contract/policy';
import {
  STORY_VIDEO_MAX_BYTES,
  type ContestRegistrationView,
  type ContestView,
  type CourseView,
  type GrowthNoticeConfig,
  type LikeResult,
  type PlaceApplicationView,
  type SignupView,
  type SlotView,
  type StoryView,
} from '../../contract/growth';
import { caller } from '../../core/caller';
import { BizError } from '../../core/errors';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { UploadErrorMiddleware } from '../../core/files/upload';
import { sniffFileType } from '../../core/files/sniff';
import {
  BookSlotDTO,
  ContestRegistrationDTO,
  CourseListQueryDTO,
  LikeDTO,
  PlaceApplicationDTO,
  SlotListQueryDTO,
  StoryDTO,
  StoryPageQueryDTO,
} from './growth.dto';
import { GrowthControllerBase } from './growth.controller-base';
import { GrowthNotifier } from './growth.notify';
import { isMp4 } from './growth.rules';
import { StoryService } from './story.service';
import { UserText } from '../../core/text-security';

const videoUpload = createMiddleware(UploadMiddleware, {
  mode: 'file',
  limits: { fileSize: STORY_VIDEO_MAX_BYTES, files: 1 },
});

/** The one uploaded video, checked by its first bytes: the name and MIME type are the client's word. */
async function requireMp4(ctx: Context): Promise<Buffer> {
  const file = ((ctx as Context & { files?: UploadFileInfo[] }).files ?? [])[0];
  if (!file) throw new BizError('FILE_REQUIRED', undefined, 'file');
  const data = await fs.readFile(file.data);
  if (data.length === 0) throw new BizError('FILE_REQUIRED', undefined, 'file');
  if (data.length > STORY_VIDEO_MAX_BYTES) throw new BizError('FILE_TOO_LARGE', '视频不能超过 30MB');
  if (!isMp4(data.subarray(0, 16))) {
    const message = sniffFileType(data.subarray(0, 16)) === 'executable' ? '文件内容是可执行程序，已拒绝' : '请上传 MP4 格式的视频';
    throw new BizError('FILE_TYPE_INVALID', message, 'file');
  }
  return data;
}

@ApiTags('成长服务')
@Roles('student')
@Controller('/api/growth')
export class GrowthController extends GrowthControllerBase {
  // Courses and training

  @ApiOperation({ summary: '职业指导课程 / 定点机构培训课程（游客可看，登录后带本人报名情况）' })
  @Public()
  @Get('/courses')
  async courseList(@Query() query: CourseListQueryDTO): Promise<CourseView[]> {
    return this.courses.list(this.ctx.user, query.kind, query.institutionId);
  }

  @ApiOperation({ summary: '课程详情（游客可看）' })
  @Public()
  @Get('/courses/:id')
  async course(@Param() params: ObjectIdParam): Promise<CourseView> {
    return this.courses.one(this.ctx.user, params.id);
  }

  @ApiOperation({ summary: '报名（每人一次，名额有限；重复提交不重复占位）' })
  @Post('/courses/:id/signup')
  async signUp(@Param() params: ObjectIdParam): Promise<CourseView> {
    return this.courses.signUp(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '取消报名（开课前）' })
  @Post('/courses/:id/cancel')
  async cancel(@Param() params: ObjectIdParam): Promise<CourseView> {
    return this.courses.cancel(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '确认已学完职业指导课程' })
  @Post('/courses/:id/complete')
  async complete(@Param() params: ObjectIdParam): Promise<CourseView> {
    return this.courses.complete(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '我的课程与培训' })
  @Get('/signups')
  async signups(): Promise<SignupView[]> {
    return this.courses.mySignups(caller(this.ctx));
  }

  // Advisors and 创业诊所 mentors

  @ApiOperation({ summary: '可预约的职业指导 / 创业诊所时段' })
  @Get('/slots')
  async slotList(@Query() query: SlotListQueryDTO): Promise<SlotView[]> {
    return this.slots.list(caller(this.ctx), query.kind);
  }

  @ApiOperation({ summary: '预约时段（一个时段只属于一人）' })
  @Post('/slots/:id/book')
  async book(@Param() params: ObjectIdParam, @Body() body: BookSlotDTO): Promise<SlotView> {
    return this.slots.book(caller(this.ctx), params.id, body.note);
  }

  @ApiOperation({ summary: '取消预约' })
  @Post('/slots/:id/cancel')
  async cancelBooking(@Param() params: ObjectIdParam): Promise<SlotView> {
    return this.slots.cancelBooking(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '我的预约' })
  @Get('/bookings')
  async bookings(): Promise<SlotView[]> {
    return this.slots.myBookings(caller(this.ctx));
  }

  // Startups

  @ApiOperation({ summary: '创新创业大赛' })
  @Get('/contests')
  async contests(): Promise<ContestView[]> {
    return this.startups.contests(caller(this.ctx));
  }

  @ApiOperation({ summary: '大赛报名（每人每项大赛一次）' })
  @Post('/contests/:id/register')
  async register(@Param() params: ObjectIdParam, @Body() body: ContestRegistrationDTO): Promise<ContestRegistrationView> {
    return this.startups.register(caller(this.ctx), params.id, body);
  }

  @ApiOperation({ summary: '我的大赛报名' })
  @Get('/contest-registrations')
  async registrations(): Promise<ContestRegistrationView[]> {
    return this.startups.myRegistrations(caller(this.ctx));
  }

  @ApiOperation({ summary: '孵化器与众创空间（机构清单）' })
  @Get('/incubators')
  async incubators(): Promise<ContentSummary[]> {
    return this.startups.incubators();
  }

  @ApiOperation({ summary: '申请入驻孵化器 / 众创空间' })
  @Post('/places')
  async applyPlace(@Body() body: PlaceApplicationDTO): Promise<PlaceApplicationView> {
    return this.startups.applyPlace(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '我的入驻申请' })
  @Get('/places')
  async places(): Promise<PlaceApplicationView[]> {
    return this.startups.myPlaces(caller(this.ctx));
  }

  // Stories

  @ApiOperation({ summary: '发布留连故事（文字，随后上传视频）' })
  @UserText(3, 'title', 'text')
  @Post('/stories')
  async createStory(@Body() body: StoryDTO): Promise<StoryView> {
    return this.stories.create(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '上传故事视频（MP4，30MB 以内，multipart 字段 file）后提交审核' })
  @Post('/stories/:id/video', { middleware: [UploadErrorMiddleware, videoUpload] })
  async uploadVideo(@Param() params: ObjectIdParam): Promise<StoryView> {
    const data = await requireMp4(this.ctx);
    return this.stories.attachVideo(caller(this.ctx), params.id, data);
  }

  @ApiOperation({ summary: '我的故事' })
  @Get('/my-stories')
  async myStories(): Promise<StoryView[]> {
    return this.stories.mine(caller(this.ctx));
  }
}

/** The subscribe template the student pages ask for on the taps that lead to growth notices. */
@ApiTags('成长服务')
@Controller('/api/growth/notice')
export class GrowthNoticeController {
  @Inject()
  private notifier!: GrowthNotifier;

  @ApiOperation({ summary: '成长服务提醒的订阅消息模板（未配置时为空）' })
  @Public()
  @Get('/')
  async config(): Promise<GrowthNoticeConfig> {
    return this.notifier.config();
  }
}

/** Published stories are for everyone, signed in or not; likes need a user of any role. */
@ApiTags('成长服务')
@Controller('/api/growth/stories')
export class StoryPublicController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private stories!: StoryService;

  @ApiOperation({ summary: '已发布的留连故事' })
  @Public()
  @Get('/')
  async list(@Query() query: StoryPageQueryDTO): Promise<Page<StoryView>> {
    return this.stories.published(this.ctx.user, query.cursor);
  }

  @ApiOperation({ summary: '故事视频（已发布的公开；未发布的仅作者与审核人员）' })
  @Public()
  @Get('/:id/video')
  async video(@Param() params: ObjectIdParam): Promise<Buffer> {
    const data = await this.stories.video(this.ctx.user, params.id);
    this.ctx.type = 'video/mp4';
    this.ctx.set('Cache-Control', 'private, max-age=300');
    return data;
  }

  @ApiOperation({ summary: '点赞 / 取消点赞（每人一次）' })
  @Post('/:id/like')
  async like(@Param() params: ObjectIdParam, @Body() body: LikeDTO): Promise<LikeResult> {
    return this.stories.like(caller(this.ctx), params.id, body.liked);
  }
}
