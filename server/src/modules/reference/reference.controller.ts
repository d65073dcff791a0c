import { Controller, Get } from '@midwayjs/core';
import { ApiOperation, ApiTags } from '@midwayjs/swagger';
import { COLLEGES, DEGREE_LABELS, DEGREES, DISTRICTS, PROVINCES } from '../../contract/reference';
import { ROLE_LABELS } from '../../contract/roles';
import { Public } from '../../core/guards/roles';

@ApiTags('基础数据')
@Controller('/api/reference')
export class ReferenceController {
  @ApiOperation({ summary: '区市县、高校、学历、省份等基础数据' })
  @Public()
  @Get('/')
  async reference() {
    return {
      districts: DISTRICTS,
      colleges: COLLEGES,
      degrees: DEGREES.map(code => ({ code, name: DEGREE_LABELS[code] })),
      provinces: PROVINCES,
      roles: ROLE_LABELS,
    };
  }
}
