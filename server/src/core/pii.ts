import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto';
import type { AppSettings } from '../interface';

const VERSION = 'v1';

function decodeKey(name: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) {
    throw new Error(`${name} must be base64 of exactly 32 bytes (got ${key.length})`);
  }
  return key;
}

/**
 * Field-level encryption for personal data (ID, phone, bank account):
 * AES-256-GCM for the value, and a keyed HMAC so equality search and
 * duplicate detection work without decrypting.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  /** Keys rotated out: still opened, never used to seal (docs/deploy.md, key rotation). */
  private readonly previousKeys: Buffer[];

  constructor(encryptionKey: string, hashKey: string, previousEncryptionKeys: string[] = []) {
    this.encKey = decodeKey('PII_ENCRYPTION_KEY', encryptionKey);
    this.hashKey = decodeKey('PII_HASH_KEY', hashKey);
    this.previousKeys = previousEncryptionKeys.map(k => decodeKey('PII_ENCRYPTION_KEYS_PREVIOUS', k));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${VERSION}.${Buffer.concat([iv, tag, body]).toString('base64url')}`;
  }

  /** Opens with the current key, then each previous one: GCM's tag fails for any other key. */
  decrypt(sealed: string): string {
    const [version, payload] = sealed.split('.', 2);
    if (version !== VERSION || !payload) throw new Error('unknown PII ciphertext version');
    const raw = Buffer.from(payload, 'base64url');
    let failure: unknown;
    for (const key of [this.encKey, ...this.previousKeys]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (err) {
        failure = err;
      }
    }
    throw failure;
  }

  /** Keyed hash of a normalised value (callers normalise: upper-case X, no spaces). */
  hash(normalised: string): string {
    return createHmac('sha256', this.hashKey).update(normalised, 'utf8').digest('hex');
  }
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class PiiService {
  @Config('app.pii')
  private settings!: AppSettings['pii'];

  private cipher!: PiiCipher;

  @Init()
  init(): void {
    this.cipher = new PiiCipher(this.settings.encryptionKey, this.settings.hashKey, this.settings.previousEncryptionKeys);
  }

  seal(plain: string): { enc: string; hash: string } {
    return { enc: this.cipher.encrypt(plain), hash: this.cipher.hash(plain) };
  }

  open(sealed: string): string {
    return this.cipher.decrypt(sealed);
  }

  hash(plain: string): string {
    return this.cipher.hash(plain);
  }
}

/** Masks for showing personal data back: enough to recognise it, not to use it. */
export function maskResidentId(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Bank card: only the last four digits stay visible. */
export function maskBankAccount(account: string): string {
  const digits = account.replace(/\s+/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
