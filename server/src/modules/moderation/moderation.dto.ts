import { ApiProperty } from '@midwayjs/swagger';
import { Rule, RuleType } from '@midwayjs/validate';
import { MEDIA_DECISIONS, MEDIA_QUEUE_FILTERS, type MediaDecision, type MediaQueueFilter } from '../../contract/moderation';

/** The query of a WeChat message push (plaintext mode signs token, timestamp and nonce). */
export class PushQueryDTO {
  @ApiProperty({ description: 'sha1(sort([Token, timestamp, nonce]).join(""))' })
  @Rule(RuleType.string().max(64).required())
  signature!: string;

  @ApiProperty({ description: 'Unix 秒' })
  @Rule(RuleType.string().pattern(/^\d{1,12}$/, '以秒计的 Unix 时间戳').required())
  timestamp!: string;

  @Rule(RuleType.string().max(64).required())
  nonce!: string;

  @ApiProperty({ description: '服务器地址验证时微信给出的随机串，原样返回' })
  @Rule(RuleType.string().max(128))
  echostr?: string;

  @Rule(RuleType.string().max(128))
  openid?: string;

  @ApiProperty({ required: false, description: '安全模式为 aes' })
  @Rule(RuleType.string().max(16))
  encrypt_type?: string;

  @ApiProperty({ required: false, description: '安全模式：sha1(sort([Token, timestamp, nonce, Encrypt]).join(""))' })
  @Rule(RuleType.string().max(64))
  msg_signature?: string;
}

/** The address WeChat downloads a medium from: valid until `expires`, signed. */
export class MediaSourceQueryDTO {
  @Rule(RuleType.number().integer().min(0).required())
  expires!: number;

  @Rule(RuleType.string().max(64).required())
  sig!: string;
}

export class MediaQueueQueryDTO {
  @ApiProperty({ enum: MEDIA_QUEUE_FILTERS, description: 'waiting 待处理（仅上传者可见）、risky 微信判定有风险、decided 工作人员已处理' })
  @Rule(RuleType.string().valid(...MEDIA_QUEUE_FILTERS).default('waiting'))
  filter?: MediaQueueFilter;
}

export class MediaDecisionDTO {
  @ApiProperty({ enum: MEDIA_DECISIONS, description: 'pass 通过（他人可见）、hide 隐藏（通知上传者）' })
  @Rule(RuleType.string().valid(...MEDIA_DECISIONS).required())
  decision!: MediaDecision;
}
