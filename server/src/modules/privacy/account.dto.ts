import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { DATA_COPY_FORMATS, type AccountDeletionRequest, type DataCopyFormat } from '../../contract/privacy';

export class DataCopyQueryDTO {
  @ApiProperty({ description: '格式', enum: DATA_COPY_FORMATS, default: 'xlsx' })
  @Rule(RuleType.string().valid(...DATA_COPY_FORMATS).default('xlsx'))
  format!: DataCopyFormat;

  @ApiProperty({ description: '用户编号（只能是本人）', required: false })
  @Rule(RuleType.string().hex().length(24))
  userId?: string;
}

export class AccountDeletionDTO implements AccountDeletionRequest {
  @ApiProperty({ description: '输入“注销”确认', example: '注销' })
  @Rule(RuleType.string().max(10).required())
  confirm!: string;
}
