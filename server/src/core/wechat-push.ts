import { createDecipheriv, createHash } from 'crypto';

/**
 * WeChat message push (消息推送) in 安全模式: the pure protocol (shared/docs/wechat-platform.md §2.4). In core
 * because the production start-up check validates the key as well as the module that receives pushes.
 */
export const PUSH_MODES = ['plaintext', 'safe'] as const;
export type PushMode = (typeof PUSH_MODES)[number];

/** PKCS#7 block size WeChat pads to (K = 32, not AES's 16). */
const PAD_BLOCK = 32;

/** `Base64_Decode(EncodingAESKey + "=")`: 32 bytes from the 43-character key, or undefined when it is not one. */
export function aesKeyOf(encodingAesKey: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) return undefined;
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  return key.length === 32 ? key : undefined;
}

/** msg_signature: sha1 of token, timestamp, nonce and the Encrypt field, sorted and joined. */
export function safePushSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export interface DecryptedPush {
  /** The message itself (JSON text when the push is configured for JSON). */
  message: string;
  /** The appid appended by WeChat: the push is ours only when it is our appid. */
  appid: string;
}

/**
 * AES-256-CBC with the key and its first 16 bytes as IV, PKCS#7 padding to 32; the plaintext is
 * random(16) + length(4, big-endian) + message + appid. Anything malformed gives undefined, never a throw.
 */
export function decryptPush(encrypt: string, key: Buffer): DecryptedPush | undefined {
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0 || data.toString('base64') !== encrypt) return undefined;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every(b => b === pad)) return undefined;
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) return undefined;
  const length = body.readUInt32BE(16);
  if (20 + length > body.length) return undefined;
  return { message: body.subarray(20, 20 + length).toString('utf8'), appid: body.subarray(20 + length).toString('utf8') };
}

/** What is wrong with the push mode settings; empty when fine (part of the production start-up check). */
export function pushModeProblems(mode: string, encodingAesKey: string): string[] {
  if (!(PUSH_MODES as readonly string[]).includes(mode)) return [`WECHAT_PUSH_MODE must be plaintext or safe, not "${mode}"`];
  if (mode === 'safe' && !aesKeyOf(encodingAesKey)) return ['WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey of 消息推送配置 when WECHAT_PUSH_MODE is safe'];
  return [];
}
