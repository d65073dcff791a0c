import { MidwayConfig } from '@midwayjs/core';
import { join } from 'path';
import type { AppSettings, StorageDriver } from '../interface';
import type { IndexMode } from '../core/database';
import { docsRender } from '../core/docs';
import { contextLogLine, logLine } from '../core/log-redaction';
import { DEFAULT_TRUSTED_PROXIES } from '../core/client-address.rules';
import { rateLimitSettings } from '../core/rate-limit';
import type { PushMode } from '../core/wechat-push';
import { DEV_ONLY_MARK } from '../core/startup-checks';
import { NOTICE_TEMPLATES, NOTICE_TEMPLATE_ENV, type NoticeTemplate } from '../modules/notice/notice.catalogue';

/**
 * Development defaults. Every value marked DEV_ONLY is refused at start-up
 * when the server runs in production (see core/startup-checks.ts).
 */

const env = process.env;
const devKey = (label: string): string =>
  Buffer.from(`${DEV_ONLY_MARK}-${label}`.padEnd(32, '.').slice(0, 32)).toString('base64');

const app: AppSettings = {
  version: env.APP_VERSION ?? '0.1.0',
  auth: {
    tokenSecret: env.AUTH_TOKEN_SECRET || `${DEV_ONLY_MARK}-token-signing-key`,
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60),
    refreshTokenTtlSeconds: Number(env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600),
    sessionVersionCacheMs: Number(env.SESSION_VERSION_CACHE_MS ?? 2_000),
  },
  redisUrl: env.REDIS_URL ?? '',
  // Production: 'check' (config.prod.ts).
  dbIndexes: (env.DB_INDEXES || 'missing') as IndexMode,
  drain: {
    // Time for a balancer polling /api/health/ready to take the process out (core/drain.ts).
    graceMs: Number(env.DRAIN_GRACE_MS ?? 5_000),
    timeoutMs: Number(env.DRAIN_TIMEOUT_MS ?? 20_000),
    retryAfterSeconds: Number(env.DRAIN_RETRY_AFTER_SECONDS ?? 1),
  },
  proxyTrust: {
    enabled: env.TRUST_PROXY === 'true',
    proxies: env.TRUSTED_PROXIES ? env.TRUSTED_PROXIES.split(',').map(p => p.trim()).filter(Boolean) : DEFAULT_TRUSTED_PROXIES,
  },
  // LIVE_CHAT_RATE (messages per 10 s) is the older name of the per-viewer chat limit.
  rateLimits: rateLimitSettings({ RATE_LIMIT_CHAT_USER: env.LIVE_CHAT_RATE && `${env.LIVE_CHAT_RATE}/10`, ...env }),
  pii: {
    encryptionKey: env.PII_ENCRYPTION_KEY || devKey('pii-encryption'),
    previousEncryptionKeys: (env.PII_ENCRYPTION_KEYS_PREVIOUS ?? '').split(',').map(k => k.trim()).filter(Boolean),
    hashKey: env.PII_HASH_KEY || devKey('pii-hash'),
  },
  wechat: {
    appid: env.WECHAT_APPID ?? '',
    secret: env.WECHAT_SECRET ?? '',
    apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
    timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
    pushToken: env.WECHAT_PUSH_TOKEN ?? '',
    pushMode: (env.WECHAT_PUSH_MODE || 'plaintext') as PushMode,
    pushAesKey: env.WECHAT_PUSH_AES_KEY ?? '',
  },
  storage: {
    driver: (env.STORAGE_DRIVER || 'local') as StorageDriver,
    localDir: env.UPLOAD_DIR || join(process.cwd(), '.data', 'uploads'),
    s3: {
      endpoint: env.S3_ENDPOINT ?? '',
      region: env.S3_REGION || 'us-east-1',
      bucket: env.S3_BUCKET ?? '',
      accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
      timeoutMs: Number(env.S3_TIMEOUT_MS ?? 10_000),
    },
    pdfMaxInflatedBytes: Number(env.UPLOAD_PDF_MAX_INFLATED_MB ?? 64) * 1024 * 1024,
    imageMaxPixels: Number(env.UPLOAD_IMAGE_MAX_PIXELS ?? 40_000_000),
    orphanGraceMs: Number(env.FILE_ORPHAN_GRACE_HOURS ?? 24) * 3600_000,
    sweepIntervalMs: Number(env.FILE_SWEEP_INTERVAL_MINUTES ?? 60) * 60_000,
  },
  devLogin: env.DEV_LOGIN === 'true',
  h5Dir: env.H5_DIR ?? join(__dirname, '../../../dist-h5'),
  live: {
    mode: env.LIVE_MODE === 'channels' ? 'channels' : 'player',
    pushKey: env.LIVE_PUSH_KEY || `${DEV_ONLY_MARK}-live-push-key`,
    playKey: env.LIVE_PLAY_KEY || `${DEV_ONLY_MARK}-live-play-key`,
    callbackKey: env.LIVE_CALLBACK_KEY || `${DEV_ONLY_MARK}-live-callback-key`,
    pushDomain: env.LIVE_PUSH_DOMAIN ?? '127.0.0.1:1935',
    playDomain: env.LIVE_PLAY_DOMAIN ?? '127.0.0.1:8000',
    playHttpBase: env.LIVE_PLAY_HTTP_BASE ?? 'http://127.0.0.1:8000',
    appName: env.LIVE_APP_NAME ?? 'live',
    hls: env.LIVE_HLS === 'true',
    webrtc: env.LIVE_WEBRTC === 'true',
    urlTtlSeconds: Number(env.LIVE_URL_TTL_SECONDS ?? 24 * 3600),
    plannedMinutes: Number(env.LIVE_PLANNED_MINUTES ?? 180),
    graceSeconds: Number(env.LIVE_GRACE_SECONDS ?? 60),
    autoApproveVerified: env.LIVE_AUTO_APPROVE_VERIFIED !== 'false',
    bannedWords: (env.LIVE_BANNED_WORDS ?? '').split(',').map(w => w.trim()).filter(Boolean),
  },
  notice: {
    // The only place template ids are read from the environment.
    templates: Object.fromEntries(NOTICE_TEMPLATES.map(t => [t, env[NOTICE_TEMPLATE_ENV[t]]?.trim() ?? ''])) as Record<NoticeTemplate, string>,
    outboxGraceMs: Number(env.NOTICE_OUTBOX_GRACE_MS ?? 10_000),
    outboxPollMs: Number(env.NOTICE_OUTBOX_POLL_MS ?? 3_000),
    digestWeekday: Number(env.NOTICE_DIGEST_WEEKDAY ?? 1),
    digestHour: Number(env.NOTICE_DIGEST_HOUR ?? 9),
    reminderCheckMs: Number(env.NOTICE_REMINDER_CHECK_MS ?? 60_000),
  },
  job: {
    applicationStaleDays: Number(env.APPLICATION_STALE_DAYS ?? 14),
  },
  push: {
    fields: {
      title: env.PUSH_FIELD_TITLE ?? 'thing1',
      issuer: env.PUSH_FIELD_ISSUER ?? 'thing2',
      date: env.PUSH_FIELD_DATE ?? 'date3',
      remark: env.PUSH_FIELD_REMARK ?? 'thing4',
    },
    inProcess: env.PUSH_WORKER_IN_PROCESS !== 'false',
    workerId: env.PUSH_WORKER_ID ?? '',
    ratePerSecond: Number(env.PUSH_RATE_PER_SECOND ?? 1500),
    concurrency: Number(env.PUSH_CONCURRENCY ?? 64),
    batchSize: Number(env.PUSH_BATCH_SIZE ?? 500),
    leaseMs: Number(env.PUSH_LEASE_MS ?? 30_000),
    maxAttempts: Number(env.PUSH_MAX_ATTEMPTS ?? 6),
    backoffBaseMs: Number(env.PUSH_BACKOFF_BASE_MS ?? 2_000),
    backoffMaxMs: Number(env.PUSH_BACKOFF_MAX_MS ?? 10 * 60_000),
    pollMs: Number(env.PUSH_POLL_MS ?? 1_000),
  },
  admission: {
    maxInFlight: Number(env.ADMISSION_MAX_IN_FLIGHT ?? 64),
    maxQueue: Number(env.ADMISSION_MAX_QUEUE ?? 512),
    queueTimeoutMs: Number(env.ADMISSION_QUEUE_TIMEOUT_MS ?? 5_000),
    retryAfterSeconds: Number(env.ADMISSION_RETRY_AFTER_SECONDS ?? 2),
  },
  subsidyFlags: {
    insuranceRecentDays: Number(env.SUBSIDY_INSURANCE_RECENT_DAYS ?? 30),
  },
  moderation: {
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, ''),
    // Production holds what WeChat did not check for staff; development and demos show it, marked.
    unchecked: (env.MEDIA_UNCHECKED ?? (env.NODE_ENV === 'production' ? 'hold' : 'show')) === 'hold' ? 'hold' : 'show',
    pushWindowSeconds: Number(env.WECHAT_PUSH_WINDOW_SECONDS ?? 300),
  },
  recommend: {
    syncMs: Number(env.RECOMMEND_SYNC_MS ?? 1_000),
    rebuildMs: Number(env.RECOMMEND_REBUILD_SECONDS ?? 45) * 1000,
    leaseMs: Number(env.RECOMMEND_LEASE_MS ?? 20_000),
    margin: Number(env.RECOMMEND_MARGIN ?? 500),
    rankingCacheSize: Number(env.RECOMMEND_RANKING_CACHE ?? 5_000),
    profileCacheMs: Number(env.RECOMMEND_PROFILE_CACHE_MS ?? 30_000),
  },
  content: {
    attachmentMaxBytes: Number(env.CONTENT_ATTACHMENT_MAX_BYTES ?? 20 * 1024 * 1024),
  },
};

export default {
  keys: env.APP_KEYS || `${DEV_ONLY_MARK}-cookie-keys`,
  koa: {
    port: Number(env.PORT ?? 7001),
    hostname: env.HOST ?? '127.0.0.1',
    // Behind a proxy or load balancer: X-Forwarded-Proto/Host count. The client's address is set by
    // ClientAddressMiddleware, from X-Forwarded-For only when the connection is a trusted proxy's.
    proxy: env.TRUST_PROXY === 'true',
    contextLoggerFormat: contextLogLine,
    // Idle keep-alive connections outlive a load balancer's usual 60 s, so the proxy, not this
    // server, closes them (otherwise a request can race the close and see ECONNRESET); a long
    // accept queue rides out a surge of new connections while the event loop is busy.
    serverOptions: { keepAliveTimeout: 65_000, headersTimeout: 66_000 },
    listenOptions: { backlog: 2048 },
  },
  bodyParser: {
    enableTypes: ['json'],
    jsonLimit: env.JSON_BODY_LIMIT ?? '256kb',
    strict: true,
  },
  mongoose: {
    dataSource: {
      default: {
        uri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/liulian',
        options: {
          serverSelectionTimeoutMS: 5000,
          maxPoolSize: Number(env.MONGODB_POOL_SIZE ?? 20),
          // Not at every model's compile: Database.ready() checks the indexes (DB_INDEXES), and
          // `npm run db:indexes` builds them; collections come with their first write or index.
          autoIndex: false,
          autoCreate: false,
        },
      },
    },
  },
  validate: {
    validationOptions: { stripUnknown: true, abortEarly: true },
    errorStatus: 422,
  },
  // busboy reads a multipart file name as Latin-1 unless told: 简历.pdf from wx.uploadFile arrived as mojibake.
  busboy: { defParamCharset: 'utf8' },
  i18n: {
    defaultLocale: 'zh_CN',
    writeCookie: false,
  },
  swagger: {
    title: '留连来连 API',
    description: '大连高校毕业生留连来连就业创业服务平台接口文档',
    version: app.version,
    swaggerPath: '/api/docs',
    auth: { authType: 'bearer' },
    swaggerUIRender: docsRender,
  },
  midwayLogger: {
    default: {
      level: (env.LOG_LEVEL ?? 'info') as 'info',
      consoleLevel: (env.LOG_LEVEL ?? 'info') as 'info',
      format: logLine,
    },
  },
  app,
} as MidwayConfig;
