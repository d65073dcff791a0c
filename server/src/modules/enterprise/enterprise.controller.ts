import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { EnterpriseView, RealNameStatus } from '../../contract/job';
import { caller } from '../../core/caller';
import { requireUpload, singleFileUpload, UploadErrorMiddleware } from '../../core/files/upload';
import { Roles } from '../../core/guards/roles';
import { AddRecruiterDTO, EnterpriseDTO, RealNameDTO } from './enterprise.dto';
import { StandingService } from './standing.service';
import { EnterpriseService } from './enterprise.service';
import { UserText } from '../../core/text-security';

const LICENCE_MAX_BYTES = 5 * 1024 * 1024;
const licenceUpload = singleFileUpload(LICENCE_MAX_BYTES);

@ApiTags('企业招聘')
@Roles('recruiter')
@Controller('/api/recruiter/enterprise')
export class EnterpriseController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private enterprises!: EnterpriseService;

  @Inject()
  private standing!: StandingService;

  @ApiOperation({ summary: '我的企业' })
  @Get('/')
  async enterprise(): Promise<EnterpriseView> {
    return this.enterprises.mine(caller(this.ctx));
  }

  @ApiOperation({ summary: '登记企业（驳回后可修改重新提交）' })
  @UserText(1, 'name')
  @Post('/')
  async register(@Body() body: EnterpriseDTO): Promise<EnterpriseView> {
    return this.enterprises.register(caller(this.ctx), body);
  }

  @ApiOperation({ summary: '上传营业执照（PNG/JPEG，multipart 字段 file）' })
  @Post('/licence', { middleware: [UploadErrorMiddleware, licenceUpload] })
  async licence(): Promise<EnterpriseView> {
    const file = await requireUpload(this.ctx, ['png', 'jpeg'], LICENCE_MAX_BYTES);
    return this.enterprises.saveLicence(caller(this.ctx), file.data, file.type === 'png' ? 'png' : 'jpg');
  }

  @ApiOperation({ summary: '添加本企业的其他招聘者' })
  @Post('/recruiters')
  async addRecruiter(@Body() body: AddRecruiterDTO): Promise<EnterpriseView> {
    return this.enterprises.addRecruiter(caller(this.ctx), body.userId);
  }

  @ApiOperation({ summary: '我的实名认证（每六个月重新认证）' })
  @Get('/real-name')
  async realName(): Promise<RealNameStatus> {
    return this.standing.realNameOf(caller(this.ctx));
  }

  @ApiOperation({ summary: '实名认证或重新认证（须已用微信绑定手机号；姓名与身份证号加密保存）' })
  @Post('/real-name')
  async verifyRealName(@Body() body: RealNameDTO): Promise<RealNameStatus> {
    return this.standing.verifyRealName(caller(this.ctx), body);
  }
}
