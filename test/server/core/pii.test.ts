import { randomBytes } from 'crypto';
import { PiiCipher } from '../../../server/src/core/pii';
import { productionConfigProblems } from '../../../server/src/core/startup-checks';
import type { AppSettings } from '../../../server/src/interface';
import { rateLimitSettings } from '../../../server/src/core/rate-limit';

const key = () => randomBytes(32).toString('base64');

describe('PiiCipher', () => {
  const cipher = new PiiCipher(key(), key());

  it('should decrypt what it encrypted', () => {
    const sealed = cipher.encrypt('210202199901011238');
    expect(sealed).not.toContain('210202199901011238');
    expect(cipher.decrypt(sealed)).toBe('210202199901011238');
  });

  it('should produce a different ciphertext each time but the same hash', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
    expect(cipher.hash('13812345678')).toBe(cipher.hash('13812345678'));
  });

  it('should refuse a ciphertext that was tampered with', () => {
    const sealed = cipher.encrypt('13812345678');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('should open records sealed under a rotated-out key and seal new ones under the current key only', () => {
    const [oldKey, newKey, hashKey] = [key(), key(), key()];
    const sealedBefore = new PiiCipher(oldKey, hashKey).encrypt('210202199001011234');
    const rotated = new PiiCipher(newKey, hashKey, [oldKey]);
    expect(rotated.decrypt(sealedBefore)).toBe('210202199001011234');
    const sealedAfter = rotated.encrypt('13800000000');
    expect(new PiiCipher(newKey, hashKey).decrypt(sealedAfter)).toBe('13800000000');
    expect(() => new PiiCipher(oldKey, hashKey).decrypt(sealedAfter)).toThrow();
    expect(() => new PiiCipher(newKey, hashKey).decrypt(sealedBefore)).toThrow();
  });

  it('should refuse keys that are not 32 bytes', () => {
    expect(() => new PiiCipher(Buffer.alloc(16).toString('base64'), key())).toThrow(/32 bytes/);
  });
});

describe('productionConfigProblems', () => {
  const good: AppSettings = {
    version: '1',
    auth: { tokenSecret: 'x'.repeat(48), accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86400, sessionVersionCacheMs: 2000 },
    redisUrl: '',
    dbIndexes: 'check',
    drain: { graceMs: 5_000, timeoutMs: 20_000, retryAfterSeconds: 1 },
    proxyTrust: { enabled: true, proxies: ['127.0.0.1'] },
    rateLimits: rateLimitSettings({}),
    pii: { encryptionKey: key(), hashKey: key(), previousEncryptionKeys: [] },
    wechat: { appid: 'wx1', secret: 's', apiBase: 'https://api.weixin.qq.com', timeoutMs: 5000, pushToken: 'push-token', pushMode: 'plaintext', pushAesKey: '' },
    storage: {
      driver: 'local',
      localDir: '/var/lib/liulian/uploads',
      s3: { endpoint: '', region: 'us-east-1', bucket: '', accessKeyId: '', secretAccessKey: '', forcePathStyle: true, timeoutMs: 10000 },
      pdfMaxInflatedBytes: 64 * 1024 * 1024,
      imageMaxPixels: 40_000_000,
      orphanGraceMs: 24 * 3600_000,
      sweepIntervalMs: 3600_000,
    },
    devLogin: false,
    h5Dir: '',
    live: {
      mode: 'player',
      pushKey: 'p'.repeat(32), playKey: 'q'.repeat(32), callbackKey: 'c'.repeat(32),
      pushDomain: 'push.example.com', playDomain: 'play.example.com', playHttpBase: 'https://play.example.com',
      appName: 'live', hls: false, webrtc: false, urlTtlSeconds: 86400, plannedMinutes: 180, graceSeconds: 60, autoApproveVerified: true,
    },
    notice: {
      templates: { policyNotice: '', applicationStatus: '', subsidyStatus: '', liveStart: '', growthStatus: '', complaintStatus: '', supportNotice: '' },
      outboxGraceMs: 10_000, outboxPollMs: 3_000, digestWeekday: 1, digestHour: 9, reminderCheckMs: 60_000,
    },
    push: {
      fields: { title: 'thing1', issuer: 'thing2', date: 'date3', remark: 'thing4' }, inProcess: false, workerId: '',
      ratePerSecond: 1500, concurrency: 64, batchSize: 500, leaseMs: 30000, maxAttempts: 6, backoffBaseMs: 2000, backoffMaxMs: 600000, pollMs: 1000,
    },
    job: { applicationStaleDays: 14 },
    content: { attachmentMaxBytes: 20 * 1024 * 1024 },
    recommend: { syncMs: 1_000, rebuildMs: 45_000, leaseMs: 20_000, margin: 500, rankingCacheSize: 5_000, profileCacheMs: 30_000 },
    moderation: { publicBaseUrl: 'https://api.example.gov.cn', unchecked: 'hold', pushWindowSeconds: 300 },
    subsidyFlags: { insuranceRecentDays: 30 },
    admission: { maxInFlight: 64, maxQueue: 512, queueTimeoutMs: 5_000, retryAfterSeconds: 2 },
  };

  it('should accept real secrets', () => {
    expect(productionConfigProblems(good, 'cookie-keys-from-env')).toEqual([]);
  });

  it('should refuse development secrets and demo login', () => {
    const devKey = Buffer.from('DEV_ONLY-pii-encryption'.padEnd(32, '.')).toString('base64');
    const problems = productionConfigProblems(
      {
        ...good,
        auth: { ...good.auth, tokenSecret: 'DEV_ONLY-token-signing-key' },
        pii: { encryptionKey: devKey, hashKey: devKey, previousEncryptionKeys: [] },
        devLogin: true,
      },
      'DEV_ONLY-cookie-keys',
    );
    expect(problems).toEqual([
      expect.stringContaining('AUTH_TOKEN_SECRET'),
      expect.stringContaining('PII_ENCRYPTION_KEY'),
      expect.stringContaining('PII_HASH_KEY'),
      expect.stringContaining('must differ'),
      expect.stringContaining('APP_KEYS'),
      expect.stringContaining('demo-account'),
    ]);
  });

  it('should refuse a start where WeChat could neither sign its pushes nor fetch media to check', () => {
    const problems = productionConfigProblems(
      { ...good, wechat: { ...good.wechat, pushToken: '' }, moderation: { ...good.moderation, publicBaseUrl: 'http://api.example.gov.cn' } },
      'cookie-keys-from-env',
    );
    expect(problems).toEqual([expect.stringContaining('WECHAT_PUSH_TOKEN'), expect.stringContaining('PUBLIC_BASE_URL')]);
    expect(productionConfigProblems({ ...good, moderation: { ...good.moderation, publicBaseUrl: '' } }, 'k')).toEqual([expect.stringContaining('PUBLIC_BASE_URL')]);
  });

  it('should refuse safe-mode pushes without a usable EncodingAESKey, and an unknown push mode', () => {
    const safe = (pushAesKey: string) => productionConfigProblems({ ...good, wechat: { ...good.wechat, pushMode: 'safe', pushAesKey } }, 'k');
    expect(safe('')).toEqual([expect.stringContaining('WECHAT_PUSH_AES_KEY')]);
    expect(safe('tooShort')).toEqual([expect.stringContaining('WECHAT_PUSH_AES_KEY')]);
    expect(safe(randomBytes(32).toString('base64').slice(0, 43))).toEqual([]);
    const unknown = { ...good, wechat: { ...good.wechat, pushMode: 'compatible' as 'safe' } };
    expect(productionConfigProblems(unknown, 'k')).toEqual([expect.stringContaining('WECHAT_PUSH_MODE')]);
  });

  it('should refuse development live-streaming keys', () => {
    const live = { ...good.live, pushKey: 'DEV_ONLY-live-push-key', playKey: '', callbackKey: 'DEV_ONLY-live-callback-key' };
    expect(productionConfigProblems({ ...good, live }, 'k')).toEqual([
      expect.stringContaining('LIVE_PUSH_KEY'),
      expect.stringContaining('LIVE_PLAY_KEY'),
      expect.stringContaining('LIVE_CALLBACK_KEY'),
    ]);
  });

  it('should refuse the s3 storage driver without its settings, and an unknown driver', () => {
    const storage = { ...good.storage, driver: 's3' as const };
    expect(productionConfigProblems({ ...good, storage }, 'k')).toEqual([
      expect.stringContaining('S3_ENDPOINT'),
      expect.stringContaining('S3_BUCKET'),
      expect.stringContaining('S3_ACCESS_KEY_ID'),
      expect.stringContaining('S3_SECRET_ACCESS_KEY'),
    ]);
    const s3 = { ...storage.s3, endpoint: 'https://cos.ap-guangzhou.myqcloud.com', bucket: 'b-125', accessKeyId: 'AKID', secretAccessKey: 'secret-from-env' };
    expect(productionConfigProblems({ ...good, storage: { ...storage, s3 } }, 'k')).toEqual([]);
    expect(productionConfigProblems({ ...good, storage: { ...good.storage, driver: 'minio' as 'local' } }, 'k')).toEqual([
      expect.stringContaining('STORAGE_DRIVER must be local or s3'),
    ]);
  });

  it('should require WeChat credentials', () => {
    expect(productionConfigProblems({ ...good, wechat: { ...good.wechat, secret: '' } }, 'k')).toEqual([
      expect.stringContaining('WECHAT_SECRET'),
    ]);
  });
});
