import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { bankCardRule, corporateAccountRule } from '../../core/check-digit-rules';
import type { AccountCorrectionInput } from '../../contract/subsidy';
import { LIMITED_STAGES, type BatchScheduleInput, type StageLimits, type StageLimitsInput, type WorkingCalendarYearInput } from '../../contract/subsidy-stages';

// Limits and calendar days are checked by subsidy.stages.rules (named per entry); here only their shape.
const limitsSchema = RuleType.object(Object.fromEntries(LIMITED_STAGES.map(s => [s, RuleType.number().required()])));

export class StageLimitsDTO implements StageLimitsInput {
  @ApiProperty({ description: '各环节办理时限（工作日）：college、district、bureau、payment' })
  @Rule(limitsSchema.required())
  limits!: StageLimits;
}

export class CalendarYearParam {
  @Rule(RuleType.number().integer().min(2000).max(2100).required())
  year!: number;
}

export class CalendarYearDTO implements WorkingCalendarYearInput {
  @ApiProperty({ type: [String], description: '放假日（YYYY-MM-DD）' })
  @Rule(RuleType.array().items(RuleType.string().max(20)).max(366).required())
  holidays!: string[];

  @ApiProperty({ type: [String], description: '调休上班日（YYYY-MM-DD）' })
  @Rule(RuleType.array().items(RuleType.string().max(20)).max(366).required())
  workdays!: string[];

  @ApiProperty({ description: '依据（如国务院办公厅的放假安排通知）' })
  @Rule(RuleType.string().trim().max(200).allow('').default(''))
  source!: string;
}

export class BatchScheduleDTO implements BatchScheduleInput {
  @ApiProperty({ type: [Number], description: '每月发放日（1至28日）' })
  @Rule(RuleType.array().items(RuleType.number()).max(28).required())
  daysOfMonth!: number[];

  @ApiProperty({ description: '批次后银行到账所需工作日' })
  @Rule(RuleType.number().required())
  bankWorkingDays!: number;

  @ApiProperty({ required: false, description: '发放前公示期（工作日，1至30，默认5）' })
  @Rule(RuleType.number())
  publicityWorkingDays?: number;
}

export class AccountCorrectionDTO implements AccountCorrectionInput {
  @ApiProperty({ description: '开户行' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  bankName!: string;

  @ApiProperty({ description: '银行卡号（仅用于发放，加密保存）' })
  @Rule(bankCardRule().max(40).required())
  bankAccount!: string;
}

export class EnterpriseAccountCorrectionDTO implements AccountCorrectionInput {
  @ApiProperty({ description: '开户行' })
  @Rule(RuleType.string().trim().min(2).max(40).required())
  bankName!: string;

  @ApiProperty({ description: '单位对公账号（加密保存）' })
  @Rule(corporateAccountRule().max(40).required())
  bankAccount!: string;
}
