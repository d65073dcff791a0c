import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { CONSENT_PURPOSES, type ConsentGrant, type ConsentPurpose } from '../../contract/privacy';

export class ConsentGrantDTO implements ConsentGrant {
  @ApiProperty({ description: '同意事项', enum: CONSENT_PURPOSES })
  @Rule(RuleType.string().valid(...CONSENT_PURPOSES).required())
  purpose!: ConsentPurpose;

  @ApiProperty({ description: '说明版本（所阅读的版本）', example: 1 })
  @Rule(RuleType.number().integer().min(1).max(1000).required())
  version!: number;
}

export class ConsentPurposeParam {
  @ApiProperty({ description: '同意事项', enum: CONSENT_PURPOSES })
  @Rule(RuleType.string().valid(...CONSENT_PURPOSES).required())
  purpose!: ConsentPurpose;
}
