import { Body, Controller, Get, Inject, Param, Post, Put, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { JobSummary } from '../../contract/job';
import type { Caseworker, StaffRegisterResult, SupportCaseView, SupportNoticeConfig, SupportRates } from '../../contract/support';
import { caller } from '../../core/caller';
import { Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { CaseListQueryDTO, CaseworkerQueryDTO, MatchQueryDTO, PlanDTO, RecommendDTO, ServiceDTO, StaffRegisterDTO, SupportRegisterDTO } from './support.dto';
import { SupportService } from './support.service';

@ApiTags('离校未就业帮扶')
@Roles('student')
@Controller('/api/support')
export class SupportController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private support!: SupportService;

  @ApiOperation({ summary: '登记离校未就业' })
  @Post('/register')
  async register(@Body() body: SupportRegisterDTO): Promise<SupportCaseView> {
    return this.support.registerSelf(caller(this.ctx), body.districtCode, body.intention);
  }

  @ApiOperation({ summary: '我的帮扶档案与推荐岗位' })
  @Get('/mine')
  async mine(): Promise<{ case?: SupportCaseView }> {
    return { case: await this.support.mine(caller(this.ctx)) };
  }

  @ApiOperation({ summary: '帮扶消息提醒的订阅消息模板（未配置时为空）' })
  @Get('/notice')
  async notice(): Promise<SupportNoticeConfig> {
    return this.support.noticeConfig();
  }
}

@ApiTags('离校未就业帮扶（工作人员）')
@Controller('/api/staff/support')
export class SupportStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private support!: SupportService;

  @ApiOperation({ summary: '帮扶档案（区市县仅本区；可只看逾期）' })
  @Roles('district', 'bureau', 'admin')
  @Get('/cases')
  async list(@Query() query: CaseListQueryDTO): Promise<SupportCaseView[]> {
    return this.support.list(caller(this.ctx), query);
  }

  @ApiOperation({ summary: '跟踪率与服务率（目标 100%）' })
  @Roles('district', 'bureau', 'admin')
  @Get('/rates')
  async rates(@Query() query: CaseListQueryDTO): Promise<SupportRates> {
    return this.support.rates(caller(this.ctx), query.districtCode);
  }

  @ApiOperation({ summary: '一人一档（区市县仅本区）' })
  @Roles('district', 'bureau', 'admin')
  @Get('/cases/:id')
  async detail(@Param() params: ObjectIdParam): Promise<SupportCaseView> {
    return this.support.detail(caller(this.ctx), params.id);
  }

  @ApiOperation({ summary: '为该毕业生匹配的在招岗位（供选择推荐）' })
  @Roles('district')
  @Get('/cases/:id/matches')
  async matches(@Param() params: ObjectIdParam, @Query() query: MatchQueryDTO): Promise<JobSummary[]> {
    return this.support.matches(caller(this.ctx), params.id, query.limit);
  }

  @ApiOperation({ summary: '登记离校未就业毕业生：查找或新建实名库记录，标记暂未就业并指定责任人（同一人重复登记返回原档案）' })
  @Roles('district', 'bureau', 'admin')
  @Post('/cases')
  async register(@Body() body: StaffRegisterDTO): Promise<StaffRegisterResult> {
    return this.support.registerByStaff(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '可担任责任人的区市县工作人员' })
  @Roles('district', 'bureau', 'admin')
  @Get('/caseworkers')
  async caseworkers(@Query() query: CaseworkerQueryDTO): Promise<Caseworker[]> {
    return this.support.caseworkers(caller(this.ctx), query.districtCode);
  }

  @ApiOperation({ summary: '认领档案（成为责任人）' })
  @Roles('district')
  @Post('/cases/:id/claim')
  async claim(@Param() params: ObjectIdParam): Promise<SupportCaseView> {
    return this.support.claim(caller(this.ctx), params.id, this.ctx.requestId);
  }

  @ApiOperation({ summary: '制定一人一策' })
  @Roles('district')
  @Put('/cases/:id/plan')
  async plan(@Param() params: ObjectIdParam, @Body() body: PlanDTO): Promise<SupportCaseView> {
    return this.support.setPlan(caller(this.ctx), params.id, body.plan, this.ctx.requestId);
  }

  @ApiOperation({ summary: '记录培训、见习、职业指导或回访' })
  @Roles('district')
  @Post('/cases/:id/services')
  async service(@Param() params: ObjectIdParam, @Body() body: ServiceDTO): Promise<SupportCaseView> {
    return this.support.addService(caller(this.ctx), params.id, body.kind, body.note, this.ctx.requestId);
  }

  @ApiOperation({ summary: '推荐一轮岗位（发送给学生，学生可直接投递）' })
  @Roles('district')
  @Post('/cases/:id/recommendations')
  async recommend(@Param() params: ObjectIdParam, @Body() body: RecommendDTO): Promise<SupportCaseView> {
    return this.support.recommend(caller(this.ctx), params.id, body.jobIds, this.ctx.requestId);
  }
}
