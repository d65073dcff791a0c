import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { AccountDeletionInfo, AccountDeletionResult } from '../../contract/privacy';
import { caller } from '../../core/caller';
import { sendAttachment } from '../../core/files/download';
import { AccountDeletionDTO, DataCopyQueryDTO } from './account.dto';
import { AccountService } from './account.service';

@ApiTags('我的：隐私与授权')
@ApiBearerAuth()
@Controller('/api/me')
export class AccountController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private accounts!: AccountService;

  @ApiOperation({ summary: '下载我的数据（xlsx 或 JSON；只能下载本人的，记入审计）' })
  @Get('/data-copy')
  async copy(@Query() query: DataCopyQueryDTO): Promise<Buffer> {
    const file = await this.accounts.copy(caller(this.ctx), query.format, query.userId, this.ctx.requestId);
    sendAttachment(this.ctx, file.filename, file.type);
    return file.data;
  }

  @ApiOperation({ summary: '注销账号前：哪些记录依法保留、保留多久，哪些会删除' })
  @Get('/deletion')
  async deletionInfo(): Promise<AccountDeletionInfo> {
    return this.accounts.deletionInfo();
  }

  @ApiOperation({ summary: '注销账号（输入“注销”确认）：个人信息删除或去标识化，登录失效' })
  @HttpCode(200)
  @Post('/deletion')
  async delete(@Body() body: AccountDeletionDTO): Promise<AccountDeletionResult> {
    return { deletedAt: (await this.accounts.delete(caller(this.ctx), body.confirm, this.ctx.requestId)).toISOString() };
  }
}
