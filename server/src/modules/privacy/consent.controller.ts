import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@midwayjs/swagger';
import type { ConsentView } from '../../contract/privacy';
import { caller } from '../../core/caller';
import { ConsentGrantDTO, ConsentPurposeParam } from './consent.dto';
import { ConsentService } from './consent.service';

@ApiTags('我的：隐私与授权')
@ApiBearerAuth()
@Controller('/api/me/consents')
export class ConsentController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private consents!: ConsentService;

  @ApiOperation({ summary: '我的敏感个人信息单独同意（每项的说明、版本和状态）' })
  @Get('/')
  async list(): Promise<ConsentView[]> {
    return this.consents.list(caller(this.ctx).id);
  }

  @ApiOperation({ summary: '同意一项说明（须为当前版本）' })
  @HttpCode(200)
  @Post('/')
  async give(@Body() body: ConsentGrantDTO): Promise<ConsentView> {
    return this.consents.give(caller(this.ctx).id, body.purpose, body.version);
  }

  @ApiOperation({ summary: '撤回同意：此后不再为该目的处理，依法须保存的记录除外' })
  @HttpCode(200)
  @Post('/:purpose/withdraw')
  async withdraw(@Param() params: ConsentPurposeParam): Promise<ConsentView> {
    return this.consents.withdraw(caller(this.ctx).id, params.purpose);
  }
}
