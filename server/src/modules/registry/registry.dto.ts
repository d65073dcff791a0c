import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { COLLEGES } from '../../contract/reference';
import { DESTINATION_KINDS, type DestinationKind } from '../../contract/registry';
import type { RegistryListQuery } from './registry.service';

export class RegistryListQueryDTO implements RegistryListQuery {
  @ApiProperty({ required: false })
  @Rule(RuleType.number().integer().min(2000).max(2100))
  graduationYear?: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: string;

  @ApiProperty({ required: false, enum: [...DESTINATION_KINDS, 'none'] })
  @Rule(RuleType.string().valid(...DESTINATION_KINDS, 'none'))
  destination?: DestinationKind | 'none';

  @ApiProperty({ required: false, description: '按姓名开头查找' })
  @Rule(RuleType.string().trim().max(20).allow(''))
  q?: string;

  @ApiProperty({ required: false, default: 20 })
  @Rule(RuleType.number().integer().min(1).max(100).default(20))
  limit!: number;

  @ApiProperty({ required: false })
  @Rule(RuleType.string().max(300))
  cursor?: string;
}

export class RegistryImportQueryDTO {
  @ApiProperty({ required: false, description: '市局/管理员代高校导入时必填' })
  @Rule(RuleType.string().valid(...COLLEGES.map(c => c.id)))
  collegeId?: string;
}
