import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { MediaCheckStatus } from '../../contract/moderation';
import { decryptPush, safePushSignature } from '../../core/wechat-push';

/** The message-push signature (plaintext mode): sha1 of token, timestamp and nonce sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

export type PushProblem = 'bad-signature' | 'stale' | 'not-encrypted' | 'undecryptable' | 'foreign-appid';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a push is WeChat's and fresh: the signature over our token, a timestamp within
 * `windowSeconds` of now (a captured push cannot be replayed later; within the window the nonce is
 * remembered). Without a token nothing can be verified, so every push is refused.
 */
export function pushProblem(query: PushQuery, token: string, nowSeconds: number, windowSeconds: number): PushProblem | undefined {
  const { signature, timestamp, nonce } = query;
  if (!token || !signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature';
  if (!sameText(signature.toLowerCase(), pushSignature(token, timestamp, nonce))) return 'bad-signature';
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) return 'stale';
  return undefined;
}

/**
 * A push in 安全模式: `msg_signature` over our token, timestamp, nonce and the `Encrypt` field (the plain
 * `signature` is not enough: it does not cover the body), fresh, decryptable with our EncodingAESKey, and
 * carrying our appid. The decrypted message is JSON (the push is configured for JSON).
 */
export function openSafePush(
  query: PushQuery,
  body: unknown,
  settings: { token: string; aesKey: Buffer | undefined; appid: string },
  nowSeconds: number,
  windowSeconds: number,
): { problem: PushProblem } | { message: Record<string, unknown> } {
  const encrypt = typeof body === 'object' && body !== null ? (body as { Encrypt?: unknown }).Encrypt : undefined;
  if (typeof encrypt !== 'string' || query.encrypt_type !== 'aes') return { problem: 'not-encrypted' };
  const { msg_signature: signature, timestamp, nonce } = query;
  const { token, aesKey, appid } = settings;
  if (!token || !aesKey || !signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) return { problem: 'bad-signature' };
  if (!sameText(signature.toLowerCase(), safePushSignature(token, timestamp, nonce, encrypt))) return { problem: 'bad-signature' };
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) return { problem: 'stale' };
  const opened = decryptPush(encrypt, aesKey);
  if (!opened) return { problem: 'undecryptable' };
  if (!appid || opened.appid !== appid) return { problem: 'foreign-appid' };
  let message: unknown;
  try {
    message = JSON.parse(opened.message);
  } catch {
    return { problem: 'undecryptable' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { problem: 'undecryptable' };
  return { message: message as Record<string, unknown> };
}

/** The fields of a `wxa_media_check` push this service reads. */
export interface MediaCheckPush {
  Event?: unknown;
  trace_id?: unknown;
  errcode?: unknown;
  result?: { suggest?: unknown; label?: unknown } | unknown;
}

export interface MediaVerdict {
  status: Extract<MediaCheckStatus, 'pass' | 'review' | 'risky' | 'failed'>;
  label?: number;
}

/**
 * What a push says about the medium: only an errcode of 0 carries a result (-1008: WeChat could
 * not download the file); an unknown suggestion is treated as asking for review, never as a pass.
 */
export function mediaVerdict(push: MediaCheckPush): MediaVerdict {
  if (push.errcode !== 0 && push.errcode !== undefined) return { status: 'failed' };
  const result = (typeof push.result === 'object' && push.result !== null ? push.result : {}) as { suggest?: unknown; label?: unknown };
  const label = typeof result.label === 'number' ? result.label : undefined;
  if (result.suggest === 'pass') return { status: 'pass', label };
  if (result.suggest === 'risky') return { status: 'risky', label };
  return { status: 'review', label };
}

/** How media WeChat did not check are shown: `hold` for the uploader and staff only, `show` to all. */
export type UncheckedMedia = 'hold' | 'show';

/** Whether a viewer other than the uploader may see a medium in this state. */
export function visibleToOthers(status: MediaCheckStatus, unchecked: UncheckedMedia): boolean {
  return status === 'pass' || (status === 'unchecked' && unchecked === 'show');
}

/** The signature of the short-lived address WeChat downloads a medium from. */
export function sourceSignature(secret: string, id: string, expires: number): string {
  return createHmac('sha256', secret).update(`media-source:${id}:${expires}`).digest('base64url');
}

export function sourceSignatureValid(secret: string, id: string, expires: number, signature: string, nowSeconds: number): boolean {
  return Number.isInteger(expires) && expires >= nowSeconds && sameText(signature, sourceSignature(secret, id, expires));
}

/** mediaCheckAsync takes images (media_type 2) and audio; our images are PNG and JPEG. */
export function wechatMediaType(type: string): 2 | undefined {
  return type === 'png' || type === 'jpeg' || type === 'jpg' ? 2 : undefined;
}
