import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';

/** Marks a sealed file; no stored upload type (PDF, PNG, JPEG, MP4, office files) starts with it. */
const MAGIC = Buffer.from('LLF1', 'latin1');
const IV = 12;
const TAG = 16;
const KEY = 32;
const HEADER = MAGIC.length + IV + TAG + KEY + IV + TAG;

/**
 * Files at rest: each file gets its own random AES-256-GCM key and IV; that key is stored beside the
 * file, wrapped (AES-256-GCM) by a key-encryption key derived from PII_ENCRYPTION_KEY with HKDF, so
 * the personal-data key is never used on file bytes directly. Both layers authenticate the storage
 * key as associated data, so a file copied under another record's key does not open.
 *
 * Layout: `LLF1` | wrap IV | wrap tag | wrapped file key | IV | tag | ciphertext.
 */
export class FileCipher {
  private readonly kek: Buffer;

  constructor(piiEncryptionKeyBase64: string) {
    const master = Buffer.from(piiEncryptionKeyBase64, 'base64');
    if (master.length !== KEY) throw new Error(`PII_ENCRYPTION_KEY must be base64 of exactly 32 bytes (got ${master.length})`);
    this.kek = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'liulian/stored-files/v1', KEY));
  }

  static isSealed(stored: Buffer): boolean {
    return stored.length >= HEADER && stored.subarray(0, MAGIC.length).equals(MAGIC);
  }

  seal(storageKey: string, plain: Buffer): Buffer {
    const aad = Buffer.from(storageKey, 'utf8');
    const fileKey = randomBytes(KEY);
    const wrapIv = randomBytes(IV);
    const wrap = createCipheriv('aes-256-gcm', this.kek, wrapIv).setAAD(aad);
    const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', fileKey, iv).setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, wrapIv, wrap.getAuthTag(), wrapped, iv, cipher.getAuthTag(), body]);
  }

  /** The plain bytes; a file stored before encryption (no `LLF1` mark) is returned as it is. */
  open(storageKey: string, stored: Buffer): Buffer {
    if (!FileCipher.isSealed(stored)) return stored;
    const aad = Buffer.from(storageKey, 'utf8');
    let at = MAGIC.length;
    const take = (n: number): Buffer => stored.subarray(at, (at += n));
    const wrapIv = take(IV);
    const wrapTag = take(TAG);
    const wrapped = take(KEY);
    const iv = take(IV);
    const tag = take(TAG);
    const unwrap = createDecipheriv('aes-256-gcm', this.kek, wrapIv).setAAD(aad);
    unwrap.setAuthTag(wrapTag);
    const fileKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
    const decipher = createDecipheriv('aes-256-gcm', fileKey, iv).setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(at)), decipher.final()]);
  }
}
