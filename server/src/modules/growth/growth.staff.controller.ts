import { Body, Controller, Get, Param, Post, Put, Query } from '@midwayjs/core';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type {
  AttendeeView,
  ContestRegistrationView,
  ContestView,
  CourseView,
  PlaceApplicationView,
  SlotView,
  StoryView,
} from '../../contract/growth';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import {
  CancelDTO,
  ContestDTO,
  ContestUpdateDTO,
  CourseDTO,
  CourseUpdateDTO,
  DecisionDTO,
  EnrolmentRejectDTO,
  HostSlotQueryDTO,
  PlaceQueueQueryDTO,
  SlotBatchDTO,
  StaffCourseQueryDTO,
  StoryQueueQueryDTO,
} from './growth.dto';
import { GrowthControllerBase } from './growth.controller-base';

@ApiTags('成长服务（工作人员）')
@Roles('college', 'district', 'bureau', 'admin')
@Controller('/api/staff/growth')
export class GrowthStaffController extends GrowthControllerBase {
  // Courses and training

  @ApiOperation({ summary: '本单位发布的课程' })
  @Get('/courses')
  async courseList(@Query() query: StaffCourseQueryDTO): Promise<CourseView[]> {
    return this.courses.managed(caller(this.ctx), query.kind);
  }

  @ApiOperation({ summary: '发布职业指导课程或培训课程' })
  @Post('/courses')
  async createCourse(@Body() body: CourseDTO): Promise<CourseView> {
    return this.courses.create(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '修改课程（带上读取时的 version；已被他人修改时 409 GROWTH_STALE）' })
  @Put('/courses/:id')
  async updateCourse(@Param() params: ObjectIdParam, @Body() body: CourseUpdateDTO): Promise<CourseView> {
    return this.courses.update(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '取消课程（须写原因，通知已报名学生）' })
  @Post('/courses/:id/cancel')
  async cancelCourse(@Param() params: ObjectIdParam, @Body() body: CancelDTO): Promise<CourseView> {
    return this.courses.cancelCourse(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '课程报名名单' })
  @Get('/courses/:id/attendees')
  async attendees(@Param() params: ObjectIdParam): Promise<AttendeeView[]> {
    return this.courses.attendees(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '确认学员培训结业（机构所在区或市人社局）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/signups/:id/complete')
  async complete(@Param() params: ObjectIdParam): Promise<AttendeeView> {
    return this.courses.markCompleted(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '培训报名不予录取（机构所在区或市人社局，须写原因，释放名额）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/signups/:id/reject')
  async rejectEnrolment(@Param() params: ObjectIdParam, @Body() body: EnrolmentRejectDTO): Promise<AttendeeView> {
    return this.courses.rejectEnrolment(caller(this.ctx), params.id, body.reason, this.ctx.requestId);
  }

  // Office hours

  @ApiOperation({ summary: '我的咨询时段与预约情况' })
  @Get('/slots')
  async hosted(@Query() query: HostSlotQueryDTO): Promise<SlotView[]> {
    return this.slots.hosted(caller(this.ctx), query.kind);
  }

  @ApiOperation({ summary: '发布咨询时段（可一次多个，不得重叠）' })
  @Post('/slots')
  async createSlots(@Body() body: SlotBatchDTO): Promise<SlotView[]> {
    return this.slots.create(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '取消自己的时段' })
  @Post('/slots/:id/withdraw')
  async withdraw(@Param() params: ObjectIdParam): Promise<SlotView> {
    return this.slots.withdraw(caller(this.ctx), params.id, this.ctx.requestId);
  }

  // Contests and incubator places

  @ApiOperation({ summary: '本单位发布的大赛' })
  @Get('/contests')
  async contests(): Promise<ContestView[]> {
    return this.startups.managedContests(caller(this.ctx));
  }

  @ApiOperation({ summary: '发布创新创业大赛' })
  @Roles('district', 'bureau', 'admin')
  @Post('/contests')
  async createContest(@Body() body: ContestDTO): Promise<ContestView> {
    return this.startups.createContest(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '修改大赛（带上读取时的 version；已被他人修改时 409 GROWTH_STALE）' })
  @Roles('district', 'bureau', 'admin')
  @Put('/contests/:id')
  async updateContest(@Param() params: ObjectIdParam, @Body() body: ContestUpdateDTO): Promise<ContestView> {
    return this.startups.updateContest(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '取消大赛（须写原因，通知已报名团队）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/contests/:id/cancel')
  async cancelContest(@Param() params: ObjectIdParam, @Body() body: CancelDTO): Promise<ContestView> {
    return this.startups.cancelContest(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '大赛报名审核：通过 / 不通过（须写原因）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/contest-registrations/:id/decision')
  async decideRegistration(@Param() params: ObjectIdParam, @Body() body: DecisionDTO): Promise<ContestRegistrationView> {
    return this.startups.decideRegistration(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '大赛报名名单' })
  @Get('/contests/:id/registrations')
  async registrations(@Param() params: ObjectIdParam): Promise<ContestRegistrationView[]> {
    return this.startups.registrations(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '入驻申请（市人社局：全部；区：本区机构）' })
  @Roles('district', 'bureau', 'admin')
  @Get('/places')
  async places(@Query() query: PlaceQueueQueryDTO): Promise<PlaceApplicationView[]> {
    return this.startups.placeQueue(caller(this.ctx), query.status);
  }

  @ApiOperation({ summary: '入驻申请审核：通过 / 不通过（须写原因）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/places/:id/decision')
  async decidePlace(@Param() params: ObjectIdParam, @Body() body: DecisionDTO): Promise<PlaceApplicationView> {
    return this.startups.decidePlace(caller(this.ctx), params.id, body, this.ctx.requestId);
  }

  // Story moderation

  @ApiOperation({ summary: '待审核 / 已处理的留连故事（市人社局）' })
  @Roles('bureau', 'admin')
  @Get('/stories')
  async storyQueue(@Query() query: StoryQueueQueryDTO): Promise<StoryView[]> {
    return this.stories.queue(query.status);
  }

  @ApiOperation({ summary: '故事审核：通过发布 / 不通过或下架（须写原因）' })
  @Roles('bureau', 'admin')
  @Post('/stories/:id/decision')
  async decideStory(@Param() params: ObjectIdParam, @Body() body: DecisionDTO): Promise<StoryView> {
    return this.stories.decide(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}
