import { Config, ILogger, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  MEDIA_CHECK_STATUS_LABELS,
  MEDIA_PURPOSE_LABELS,
  MEDIA_QUEUE_STATUSES,
  type MediaCheckStatus,
  type MediaCheckView,
  type MediaDecision,
  type MediaPurpose,
  type MediaQueueFilter,
} from '../../contract/moderation';
import type { NoticeEvent } from '../../contract/notice';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { FileStorage } from '../../core/files/storage';
import { aesKeyOf } from '../../core/wechat-push';
import type { AppSettings, AuthUser } from '../../interface';
import { NoticeService } from '../notice/notice.service';
import { UserService } from '../user/user.service';
import { WeChatService } from '../wechat/wechat.service';
import { MediaCheckModel, PushNonceModel, type MediaCheckDoc } from './moderation.model';
import {
  mediaVerdict,
  openSafePush,
  pushProblem,
  sourceSignature,
  sourceSignatureValid,
  visibleToOthers,
  wechatMediaType,
  type MediaCheckPush,
  type PushProblem,
  type PushQuery,
} from './moderation.rules';

/** How long the download address WeChat is given stays valid (its result comes within 30 minutes). */
const SOURCE_TTL_SECONDS = 2 * 3600;

export interface MediaSubmission {
  key: string;
  ownerId: string | Types.ObjectId;
  purpose: MediaPurpose;
  type: string;
  /** The record the medium belongs to (the complaint, the enterprise): where the uploader is sent when told. */
  subjectId: string;
}

function toView(doc: MediaCheckDoc): MediaCheckView {
  return {
    id: doc._id.toHexString(),
    purpose: doc.purpose,
    purposeLabel: MEDIA_PURPOSE_LABELS[doc.purpose],
    status: doc.status,
    statusLabel: MEDIA_CHECK_STATUS_LABELS[doc.status],
    label: doc.label,
    reason: doc.reason,
    type: doc.type,
    createdAt: doc.createdAt.toISOString(),
    decidedAt: doc.decidedAt?.toISOString(),
    decidedBy: doc.decidedBy,
    fileUrl: `/api/moderation/media/${doc._id.toHexString()}/file`,
  };
}

function hiddenEvent(doc: MediaCheckDoc, by: 'wechat' | 'staff'): NoticeEvent {
  const checkId = doc._id.toHexString();
  return doc.purpose === 'complaint-evidence'
    ? { type: 'complaint.evidence-hidden', checkId, complaintId: doc.subjectId, by }
    : { type: 'enterprise.licence-hidden', checkId, by };
}

/**
 * Media others can see (complaint evidence, enterprise licences) are checked before they can:
 * WeChat's mediaCheckAsync when it is configured, its `wxa_media_check` push deciding; otherwise
 * (or for types WeChat does not take) they wait in the staff queue, or show marked unchecked when
 * the deployment says `MEDIA_UNCHECKED=show`. The uploader always sees their own.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ModerationService {
  @Inject()
  private db!: Database;

  @Inject()
  private wechat!: WeChatService;

  @Inject()
  private users!: UserService;

  @Inject()
  private notices!: NoticeService;

  @Inject()
  private storage!: FileStorage;

  @Config('app')
  private settings!: AppSettings;

  @Logger()
  private logger!: ILogger;

  private get checks() {
    return this.db.model(MediaCheckModel);
  }

  /** Why WeChat will not be asked about this medium, or undefined when it will be. */
  private async whyUnchecked(input: MediaSubmission): Promise<{ reason: string } | { openid: string }> {
    if (!this.wechat.configured) return { reason: '未配置微信' };
    if (!this.settings.moderation.publicBaseUrl) return { reason: '未配置 PUBLIC_BASE_URL，微信无法下载文件' };
    if (!wechatMediaType(input.type)) return { reason: `微信不检测 ${input.type.toUpperCase()} 文件` };
    const openid = await this.users.openidOf(input.ownerId);
    if (!openid) return { reason: '上传者未绑定微信' };
    return { openid };
  }

  /**
   * Records a new medium and asks WeChat about it. The same key again (a retried upload) is
   * answered from the record and not sent twice.
   */
  async submit(input: MediaSubmission, now = new Date()): Promise<MediaCheckStatus> {
    const existing = await this.checks.findOne({ key: input.key }).lean();
    if (existing) return existing.status;
    const plan = await this.whyUnchecked(input);
    const base = { key: input.key, ownerId: new Types.ObjectId(String(input.ownerId)), purpose: input.purpose, type: input.type, subjectId: input.subjectId, createdAt: now };
    if ('reason' in plan) {
      await this.checks.updateOne({ key: input.key }, { $setOnInsert: { ...base, status: 'unchecked', reason: plan.reason } }, { upsert: true });
      return 'unchecked';
    }
    const created = await this.checks.findOneAndUpdate({ key: input.key }, { $setOnInsert: { ...base, status: 'pending' } }, { upsert: true, new: true }).lean();
    if (!created || created.status !== 'pending' || created.traceId) return created?.status ?? 'pending';
    const id = created._id.toHexString();
    const expires = Math.floor(now.getTime() / 1000) + SOURCE_TTL_SECONDS;
    const url = `${this.settings.moderation.publicBaseUrl}/api/moderation/source/${id}?expires=${expires}&sig=${sourceSignature(this.settings.auth.tokenSecret, id, expires)}`;
    try {
      const answer = await this.wechat.call<{ trace_id?: string; traceId?: string }>('/wxa/media_check_async', {
        media_url: url,
        media_type: wechatMediaType(input.type),
        version: 2,
        scene: 1,
        openid: plan.openid,
      });
      const traceId = answer.trace_id ?? answer.traceId;
      if (!traceId) throw new Error('no trace_id in the answer');
      await this.checks.updateOne({ _id: created._id, status: 'pending' }, { $set: { traceId } });
      return 'pending';
    } catch (err) {
      this.logger.warn(`media_check_async failed for ${id}: ${(err as Error).message}`);
      await this.checks.updateOne({ _id: created._id, status: 'pending' }, { $set: { status: 'unchecked', reason: '微信检测调用失败' } });
      return 'unchecked';
    }
  }

  /** Drops the record of a medium whose file was not kept (the upload lost a race and was removed). */
  async forget(key: string): Promise<void> {
    await this.checks.deleteOne({ key });
  }

  /** Whether someone other than the uploader may see the medium. Files stored before checks began have no record and stay as they were. */
  async visibleToOthers(key: string): Promise<boolean> {
    const doc = await this.checks.findOne({ key }, { status: 1 }).lean();
    return !doc || visibleToOthers(doc.status, this.settings.moderation.unchecked);
  }

  /** Throws MEDIA_NOT_CLEARED unless the viewer uploaded the medium or it is cleared for others. */
  async requireVisible(key: string, viewerId: string): Promise<void> {
    const doc = await this.checks.findOne({ key }, { status: 1, ownerId: 1 }).lean();
    if (!doc || doc.ownerId.toHexString() === viewerId || visibleToOthers(doc.status, this.settings.moderation.unchecked)) return;
    throw new BizError('MEDIA_NOT_CLEARED');
  }

  /** Each key's status (keys without a record are left out). */
  async statusesOf(keys: readonly string[]): Promise<Map<string, MediaCheckStatus>> {
    if (keys.length === 0) return new Map();
    const docs = await this.checks.find({ key: { $in: [...keys] } }, { key: 1, status: 1 }).lean();
    return new Map(docs.map(d => [d.key, d.status]));
  }

  /** The bytes WeChat downloads, at the signed address given to it, while the check is pending. */
  async source(id: string, expires: number, signature: string): Promise<{ data: Buffer; type: string }> {
    if (!sourceSignatureValid(this.settings.auth.tokenSecret, id, expires, signature, Math.floor(Date.now() / 1000))) throw new BizError('MEDIA_SOURCE_INVALID');
    const doc = await this.checks.findOne({ _id: new Types.ObjectId(id), status: 'pending' }).lean();
    if (!doc) throw new BizError('MEDIA_SOURCE_INVALID');
    return { data: await this.storage.get(doc.key), type: doc.type };
  }

  /** The URL check WeChat makes when the push address is saved: the same signature, nothing stored. */
  async verifyPushUrl(query: PushQuery, now = new Date()): Promise<void> {
    const problem = pushProblem(query, this.settings.wechat.pushToken, Math.floor(now.getTime() / 1000), this.settings.moderation.pushWindowSeconds);
    if (problem === 'stale') throw new BizError('WECHAT_PUSH_STALE');
    if (problem) throw new BizError('WECHAT_PUSH_SIGNATURE_INVALID');
  }

  /**
   * A message push from WeChat: signed with our token, fresh, not seen before. A `wxa_media_check`
   * decides its pending medium once (a later push about it changes nothing); other events are
   * acknowledged. Refusals change nothing, not even the nonce record.
   */
  async onPush(query: PushQuery, body: unknown, now = new Date()): Promise<void> {
    const push = this.openPush(query, body, now);
    if (push.appid !== undefined && push.appid !== this.settings.wechat.appid) throw new BizError('WECHAT_PUSH_SIGNATURE_INVALID', '消息推送不属于本小程序');

    const nonceId = `${query.timestamp}:${query.nonce}`;
    const nonces = this.db.model(PushNonceModel);
    try {
      await nonces.create({ _id: nonceId, expiresAt: new Date(now.getTime() + 2 * this.settings.moderation.pushWindowSeconds * 1000) });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new BizError('WECHAT_PUSH_REPLAYED');
      throw err;
    }
    try {
      if (push.Event === 'wxa_media_check') await this.decideByWeChat(push, now);
    } catch (err) {
      await nonces.deleteOne({ _id: nonceId });
      throw err;
    }
  }

  /**
   * The push's message once it is known to be WeChat's: in 明文模式 the body itself under the plain
   * signature; in 安全模式 only an encrypted body under msg_signature, decrypted and bound to our appid
   * (a plaintext push is refused there: the configured mode is the one WeChat uses).
   */
  private openPush(query: PushQuery, body: unknown, now: Date): MediaCheckPush & { appid?: unknown } {
    const { wechat, moderation } = this.settings;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    let problem: PushProblem | undefined;
    let message: unknown = body;
    if (wechat.pushMode === 'safe') {
      const opened = openSafePush(query, body, { token: wechat.pushToken, aesKey: aesKeyOf(wechat.pushAesKey), appid: wechat.appid }, nowSeconds, moderation.pushWindowSeconds);
      if ('problem' in opened) problem = opened.problem;
      else message = opened.message;
    } else {
      problem = pushProblem(query, wechat.pushToken, nowSeconds, moderation.pushWindowSeconds);
    }
    if (problem === 'stale') throw new BizError('WECHAT_PUSH_STALE');
    if (problem === 'not-encrypted') throw new BizError('WECHAT_PUSH_NOT_ENCRYPTED');
    if (problem === 'undecryptable') throw new BizError('WECHAT_PUSH_UNDECRYPTABLE');
    if (problem === 'foreign-appid') throw new BizError('WECHAT_PUSH_SIGNATURE_INVALID', '消息推送不属于本小程序');
    if (problem) throw new BizError('WECHAT_PUSH_SIGNATURE_INVALID');
    return (typeof message === 'object' && message !== null ? message : {}) as MediaCheckPush & { appid?: unknown };
  }

  private async decideByWeChat(push: MediaCheckPush, now: Date): Promise<void> {
    const traceId = typeof push.trace_id === 'string' ? push.trace_id : '';
    const verdict = mediaVerdict(push);
    const decided = traceId
      ? await this.checks
          .findOneAndUpdate(
            { traceId, status: 'pending' },
            { $set: { status: verdict.status, ...(verdict.label !== undefined ? { label: verdict.label } : {}), decidedBy: 'wechat', decidedAt: now } },
            { new: true },
          )
          .lean()
      : null;
    if (!decided) {
      if (!traceId || !(await this.checks.exists({ traceId }))) throw new BizError('MEDIA_CHECK_UNKNOWN');
      return;
    }
    if (decided.status === 'risky') await this.tellHidden(decided, 'wechat');
  }

  private async tellHidden(doc: MediaCheckDoc, by: 'wechat' | 'staff'): Promise<void> {
    await this.notices.tell([doc.ownerId], hiddenEvent(doc, by));
  }

  /** The staff queue: waiting (nobody but the uploader can see them), risky (WeChat hid them) or decided by staff. */
  async queue(filter: MediaQueueFilter): Promise<MediaCheckView[]> {
    const where =
      filter === 'waiting' ? { status: { $in: [...MEDIA_QUEUE_STATUSES] } } : filter === 'risky' ? { status: 'risky' } : { decidedBy: 'staff' };
    const docs = await this.checks.find(where).sort({ createdAt: filter === 'waiting' ? 1 : -1, _id: 1 }).limit(100).lean();
    return docs.map(toView);
  }

  /** Staff clear or hide a medium; the same decision again answers the same. Hiding tells the uploader. */
  async decide(actor: AuthUser, id: string, decision: MediaDecision, now = new Date()): Promise<MediaCheckView> {
    const status: MediaCheckStatus = decision === 'pass' ? 'pass' : 'hidden';
    const doc = await this.checks
      .findOneAndUpdate({ _id: new Types.ObjectId(id), status: { $ne: status } }, { $set: { status, decidedBy: 'staff', decidedById: actor.id, decidedAt: now } }, { new: true })
      .lean();
    if (!doc) {
      const current = await this.checks.findById(id).lean();
      if (!current) throw notFound('文件');
      if (status === 'hidden') await this.tellHidden(current, 'staff');
      return toView(current);
    }
    if (status === 'hidden') await this.tellHidden(doc, 'staff');
    return toView(doc);
  }

  /** The bytes for staff looking at the queue. */
  async file(id: string): Promise<{ data: Buffer; type: string }> {
    const doc = await this.checks.findById(id, { key: 1, type: 1 }).lean();
    if (!doc) throw notFound('文件');
    return { data: await this.storage.get(doc.key), type: doc.type };
  }
}
