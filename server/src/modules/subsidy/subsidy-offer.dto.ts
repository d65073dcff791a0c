import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { bankCardRule } from '../../core/check-digit-rules';
import { OFFER_MODES, type OfferConfirmInput, type OfferMode, type OfferModeInput } from '../../contract/subsidy-offer';

export class OfferConfirmDTO implements OfferConfirmInput {
  @ApiProperty({ description: '开户行' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  bankName!: string;

  @ApiProperty({ description: '银行卡号（仅用于发放，加密保存）' })
  @Rule(bankCardRule().max(40).required())
  bankAccount!: string;

  @ApiProperty({ description: '同意信息使用授权（须为 true）' })
  @Rule(RuleType.boolean().required())
  consent!: boolean;
}

export class OfferModeDTO implements OfferModeInput {
  @ApiProperty({ description: '申报方式：apply 毕业生申报；auto 免申即享（系统按数据主动匹配，毕业生一键确认）', enum: OFFER_MODES })
  @Rule(RuleType.string().valid(...OFFER_MODES).required())
  offerMode!: OfferMode;
}
