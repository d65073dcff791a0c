import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { OBJECTION_DECISIONS, type ObjectionDecision, type ObjectionDecisionInput, type ObjectionInput, type PublicityEntryQuery } from '../../contract/subsidy-publicity';
import { PageQueryDTO } from '../../core/params';

export class ObjectionDTO implements ObjectionInput {
  @ApiProperty({ description: '提出异议的公示对象（申请编号，见公示名单）' })
  @Rule(RuleType.string().hex().length(24).required())
  applicationId!: string;

  @ApiProperty({ description: '异议理由：了解到的情况（10–1000 字）' })
  @Rule(RuleType.string().trim().min(10).max(1000).required())
  reason!: string;

  @ApiProperty({ description: '联系电话（手机号或带区号的固定电话，加密保存）' })
  @Rule(RuleType.string().trim().max(20).required())
  phone!: string;
}

export class ObjectionDecisionDTO implements ObjectionDecisionInput {
  @ApiProperty({ enum: OBJECTION_DECISIONS, description: 'uphold：异议成立（不予发放）；dismiss：异议不成立（恢复发放）' })
  @Rule(RuleType.string().valid(...OBJECTION_DECISIONS).required())
  decision!: ObjectionDecision;

  @ApiProperty({ description: '核实情况和处理理由（告知申请人和异议人）' })
  @Rule(RuleType.string().trim().min(2).max(300).required())
  reason!: string;
}

export class PublicityEntryQueryDTO extends PageQueryDTO implements PublicityEntryQuery {
  @ApiProperty({ required: false, description: '姓名：申请时填写的全名，完全一致才列出（结果中姓名仍隐去部分）' })
  @Rule(RuleType.string().trim().max(30).allow(''))
  name?: string;

  @ApiProperty({ required: false, description: '补贴项目：公示所列项目之一' })
  @Rule(RuleType.string().trim().max(50).allow(''))
  program?: string;
}
