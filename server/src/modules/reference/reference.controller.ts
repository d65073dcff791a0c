import { Body, Controller, Get, Inject, Param, Post, Put } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { COLLEGES, DEGREE_LABELS, DEGREES, DISTRICTS, PROVINCES, type MinimumWage, type ReferenceItem } from '../../contract/reference';
import { ROLE_LABELS } from '../../contract/roles';
import { caller } from '../../core/caller';
import { Public, Roles } from '../../core/guards/roles';
import { ObjectIdParam } from '../../core/params';
import { MinimumWageDTO, ReferenceItemDTO, ReferenceItemPatchDTO } from './reference.dto';
import { ReferenceService } from './reference.service';

@ApiTags('基础数据')
@Controller('/api/reference')
export class ReferenceController {
  @Inject()
  private lists!: ReferenceService;

  @ApiOperation({ summary: '区市县、高校、学历、省份，以及“15+N”产业链、“老原新”类别、行业等基础数据' })
  @Public()
  @Get('/')
  async reference() {
    return {
      districts: DISTRICTS,
      colleges: COLLEGES,
      degrees: DEGREES.map(code => ({ code, name: DEGREE_LABELS[code] })),
      provinces: PROVINCES,
      roles: ROLE_LABELS,
      ...(await this.lists.activeLists()),
      minimumWage: (await this.lists.minimumWageAt()) ?? null,
    };
  }
}

@ApiTags('基础数据（工作人员）')
@Roles('bureau', 'admin')
@Controller('/api/staff/reference')
export class ReferenceStaffController {
  @Inject()
  private ctx!: Context;

  @Inject()
  private reference!: ReferenceService;

  @ApiOperation({ summary: '可维护的基础数据（含已停用项）' })
  @Get('/')
  async list(): Promise<ReferenceItem[]> {
    return this.reference.listAll();
  }

  @ApiOperation({ summary: '最低工资标准（全部，按执行日期）' })
  @Get('/minimum-wages')
  async minimumWages(): Promise<MinimumWage[]> {
    return this.reference.minimumWages();
  }

  @ApiOperation({ summary: '新增或更正一条最低工资标准（按执行日期）' })
  @Post('/minimum-wages')
  async saveMinimumWage(@Body() body: MinimumWageDTO): Promise<MinimumWage> {
    return this.reference.saveMinimumWage(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '新增一项' })
  @Post('/')
  async add(@Body() body: ReferenceItemDTO): Promise<ReferenceItem> {
    return this.reference.add(caller(this.ctx), body, this.ctx.requestId);
  }

  @ApiOperation({ summary: '修改说明、排序，或停用/启用一项' })
  @Put('/:id')
  async update(@Param() params: ObjectIdParam, @Body() body: ReferenceItemPatchDTO): Promise<ReferenceItem> {
    return this.reference.update(caller(this.ctx), params.id, body, this.ctx.requestId);
  }
}
