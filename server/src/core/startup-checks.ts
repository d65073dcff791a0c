import type { AppSettings, StorageSettings } from '../interface';
import { pushModeProblems } from './wechat-push';

export const DEV_ONLY_MARK = 'DEV_ONLY';

function looksDevelopment(value: string): boolean {
  if (!value) return true;
  if (value.includes(DEV_ONLY_MARK)) return true;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.includes(DEV_ONLY_MARK);
}

/**
 * Problems that make a production start unsafe. Empty means fine.
 * Kept pure so the rule is tested without booting the app.
 */
export function productionConfigProblems(settings: AppSettings, cookieKeys: string): string[] {
  const problems: string[] = [];
  if (looksDevelopment(settings.auth.tokenSecret) || settings.auth.tokenSecret.length < 32) {
    problems.push('AUTH_TOKEN_SECRET must be set to a random value of at least 32 characters');
  }
  if (looksDevelopment(settings.pii.encryptionKey)) problems.push('PII_ENCRYPTION_KEY must be set');
  if (looksDevelopment(settings.pii.hashKey)) problems.push('PII_HASH_KEY must be set');
  if (settings.pii.encryptionKey === settings.pii.hashKey) {
    problems.push('PII_ENCRYPTION_KEY and PII_HASH_KEY must differ');
  }
  if (looksDevelopment(cookieKeys)) problems.push('APP_KEYS must be set');
  if (settings.devLogin) problems.push('demo-account login must be off in production');
  if (!settings.wechat.appid || !settings.wechat.secret) {
    problems.push('WECHAT_APPID and WECHAT_SECRET must be set');
  }
  // WeChat signs its message pushes with the token; media-check results arrive only that way.
  if (!settings.wechat.pushToken) problems.push('WECHAT_PUSH_TOKEN must be set (the token of the message push configured in the WeChat console)');
  problems.push(...pushModeProblems(settings.wechat.pushMode, settings.wechat.pushAesKey));
  // WeChat downloads the media it checks from here.
  if (!/^https:\/\/[^/\s]+$/.test(settings.moderation.publicBaseUrl)) {
    problems.push('PUBLIC_BASE_URL must be the https origin WeChat downloads media from, e.g. https://api.example.gov.cn');
  }
  const live = settings.live;
  if (looksDevelopment(live.pushKey)) problems.push('LIVE_PUSH_KEY must be set');
  if (looksDevelopment(live.playKey)) problems.push('LIVE_PLAY_KEY must be set');
  if (looksDevelopment(live.callbackKey)) problems.push('LIVE_CALLBACK_KEY must be set');
  problems.push(...storageConfigProblems(settings.storage));
  return problems;
}

/** Checked in every environment when the storage backend starts, and before a production start. */
export function storageConfigProblems(storage: Pick<StorageSettings, 'driver' | 's3'> & Partial<StorageSettings>): string[] {
  const problems: string[] = [];
  const positive: Array<[number | undefined, string]> = [
    [storage.pdfMaxInflatedBytes, 'UPLOAD_PDF_MAX_INFLATED_MB'],
    [storage.imageMaxPixels, 'UPLOAD_IMAGE_MAX_PIXELS'],
    [storage.orphanGraceMs, 'FILE_ORPHAN_GRACE_HOURS'],
  ];
  for (const [value, name] of positive) if (value !== undefined && !(value > 0)) problems.push(`${name} must be a positive number`);
  if (storage.sweepIntervalMs !== undefined && !(storage.sweepIntervalMs >= 0)) problems.push('FILE_SWEEP_INTERVAL_MINUTES must be 0 (off) or a positive number');
  if (storage.driver === 'local') return problems;
  if (storage.driver !== 's3') return [...problems, `STORAGE_DRIVER must be local or s3, not "${String(storage.driver)}"`];
  const s3 = storage.s3;
  if (!/^https?:\/\/[^/]+\/?$/.test(s3.endpoint)) problems.push('S3_ENDPOINT must be set to the service origin, e.g. https://s3.example.com');
  if (!s3.region) problems.push('S3_REGION must be set');
  if (!s3.bucket) problems.push('S3_BUCKET must be set');
  if (!s3.accessKeyId) problems.push('S3_ACCESS_KEY_ID must be set');
  if (!s3.secretAccessKey) problems.push('S3_SECRET_ACCESS_KEY must be set');
  if (!(s3.timeoutMs > 0)) problems.push('S3_TIMEOUT_MS must be a positive number');
  return problems;
}
