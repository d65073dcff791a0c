import type { LiveMode } from './contract/live';
import type { AdmissionSettings } from './core/admission';
import type { ProxyTrust } from './core/client-address.rules';
import type { PushMode } from './core/wechat-push';
import type { DrainSettings } from './core/drain';
import type { IndexMode } from './core/database';
import type { RateLimitSettings } from './core/rate-limit';
import type { Role, StaffScope } from './contract/roles';
import type { NoticeTemplate } from './modules/notice/notice.catalogue';

/** The authenticated caller, set on the context by the auth middleware. */
export interface AuthUser {
  id: string;
  roles: Role[];
  scope: StaffScope;
  sessionId: string;
}

/** This service's own configuration, under the `app` key. */
export interface AppSettings {
  /** Version reported by /api/health. */
  version: string;
  auth: {
    tokenSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** How long a process trusts its cached copy of a user's session version (core/session-version.ts). */
    sessionVersionCacheMs: number;
  };
  /** Redis shared by several server processes ('' = one process, in-memory state). */
  redisUrl: string;
  /** What a start does about missing database indexes (core/database.ts). */
  dbIndexes: IndexMode;
  /** How a stop lets the requests in flight finish (core/drain.ts). */
  drain: DrainSettings;
  /** Whose X-Forwarded-For gives the client's address (core/client-address.rules.ts). */
  proxyTrust: ProxyTrust;
  /** Requests per window, per IP and per user (core/rate-limit.ts). */
  rateLimits: RateLimitSettings;
  pii: {
    /** base64 of 32 random bytes: AES-256-GCM key for ID and phone numbers. */
    encryptionKey: string;
    /** base64 of 32 random bytes: HMAC key for the searchable hash. */
    hashKey: string;
    /** Encryption keys rotated out: records sealed under them still open. */
    previousEncryptionKeys: string[];
  };
  wechat: {
    appid: string;
    secret: string;
    apiBase: string;
    timeoutMs: number;
    /** The message-push Token set in the mini-program admin (消息推送配置); '' refuses every push. */
    pushToken: string;
    /** 消息推送配置's 消息加密方式: 明文模式 (`plaintext`) or 安全模式 (`safe`, AES); 兼容模式 is not supported. */
    pushMode: PushMode;
    /** The EncodingAESKey of 消息推送配置 (43 characters), used in safe mode. */
    pushAesKey: string;
  };
  /** Where uploaded files live (modules/job/storage.ts). */
  storage: StorageSettings;
  /** Demo-account login for the h5 build; never in production. */
  devLogin: boolean;
  /** Folder of the h5 build to serve at `/`, or '' for none. */
  h5Dir: string;
  /** Live-streamed hiring (Tencent Cloud Live, or the local node-media-server). */
  live: LiveSettings;
  /** Telling users: templates, outbox and digest (modules/notice, docs/notice.md). */
  notice: NoticeSettings;
  /** Jobs and applications (modules/job). */
  job: JobSettings;
  /** Policy pushes and the sending worker (modules/notice/push.*). */
  push: PushSettings;
  /** Bound on API requests in progress (core/admission.ts). */
  admission: AdmissionSettings;
  /** Policy / service / institution lists (modules/content). */
  content: ContentSettings;
  /** "Recommended for me" from a precomputed candidate window (modules/job/recommend.service.ts, docs/jobs.md). */
  recommend: RecommendSettings;
  /** Checks of uploaded media others can see (modules/moderation). */
  moderation: ModerationSettings;
  /** Risk flags on subsidy applications (modules/subsidy/subsidy.flags.rules.ts). */
  subsidyFlags: SubsidyFlagSettings;
}

export interface SubsidyFlagSettings {
  /** Insurance that started fewer than this many days before the application is flagged (挂靠 risk). */
  insuranceRecentDays: number;
}

export interface ModerationSettings {
  /** Origin WeChat downloads media from for mediaCheckAsync (`PUBLIC_BASE_URL`, e.g. `https://api.example.gov.cn`). */
  publicBaseUrl: string;
  /** Media WeChat did not check: `hold` (uploader and staff queue only) or `show` (everyone, marked unchecked). */
  unchecked: 'hold' | 'show';
  /** How far a push's timestamp may be from now, in seconds; older pushes are refused as replays. */
  pushWindowSeconds: number;
}

export interface ContentSettings {
  /** Largest attachment staff may upload, in bytes. */
  attachmentMaxBytes: number;
}

export interface JobSettings {
  /** An application still 已投递/已查看 and untouched for this many days closes as 未反馈 (`APPLICATION_STALE_DAYS`). */
  applicationStaleDays: number;
}

export interface NoticeSettings {
  /**
   * Subscribe template id per catalogue template, read once from `WECHAT_TEMPLATE_*`; '' makes that
   * template's notices inbox only.
   */
  templates: Record<NoticeTemplate, string>;
  /** An outbox entry older than this is flushed by any live worker (its writer is taken for dead). */
  outboxGraceMs: number;
  /** How often a worker looks for such entries. */
  outboxPollMs: number;
  /** When the weekly digest goes out: Beijing weekday (1 = Monday … 7 = Sunday) and hour. */
  digestWeekday: number;
  digestHour: number;
  /** How often a worker runs the reminder sources (fair reminders, stale applications, responsiveness). */
  reminderCheckMs: number;
}

export interface RecommendSettings {
  /** How often a process reads the shared state and rebuilds when due (0: on every request, as in tests). */
  syncMs: number;
  /** Rebuild at least this often even without an announced job change (catches writes that announce none). */
  rebuildMs: number;
  /** A rebuilding process holds the lease this long; a crashed builder is replaced after it. */
  leaseMs: number;
  /** Candidates kept beyond the 1,000 ranked, for jobs whose deadline passes before the next rebuild. */
  margin: number;
  /** Profile buckets whose ranking a process keeps per window (least recently used dropped). */
  rankingCacheSize: number;
  /** How long a process keeps a student's profile for ranking (a change here or, with Redis, anywhere drops it at once). */
  profileCacheMs: number;
}

export interface PushSettings {
  /** Template keys (`<type><n>` as in the template content) for title, issuer, date and remark. */
  fields: { title: string; issuer: string; date: string; remark: string };
  /** Run a worker inside the API process (`npm start`); separate processes use scripts/push-worker. */
  inProcess: boolean;
  /** Stable worker name: a restarted worker reclaims its own leases at once ('' = host:pid). */
  workerId: string;
  /** WeChat sends per second per worker: the only limit meant to bind. */
  ratePerSecond: number;
  /** Sends in flight at once per worker. */
  concurrency: number;
  /** Deliveries per chunk, the unit a worker claims with one lease. */
  batchSize: number;
  /** Lease on claimed deliveries; an expired lease can be claimed by any worker. */
  leaseMs: number;
  /** Attempts before a retryable failure is given up. */
  maxAttempts: number;
  /** Exponential backoff: base, cap (ms). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Idle poll interval when nothing is due. */
  pollMs: number;
}

export interface LiveSettings {
  /** `player` (our media server, live-pusher/live-player) or `channels` (each session links a 视频号 live): LIVE_MODE. */
  mode: LiveMode;
  /** Tencent push auth key (txSecret signing of push URLs). */
  pushKey: string;
  /** Tencent playback auth key. */
  playKey: string;
  /** Callback template key: sign = md5(callbackKey + t). */
  callbackKey: string;
  /** RTMP push host[:port]. */
  pushDomain: string;
  /** Play host for webrtc:// URLs. */
  playDomain: string;
  /** http(s)://playDomain[:port] for FLV/HLS. */
  playHttpBase: string;
  appName: string;
  hls: boolean;
  webrtc: boolean;
  /** Validity of signed URLs; Tencent suggests about a day so reconnects keep working. */
  urlTtlSeconds: number;
  /** Planned length of a session: its signed URLs stay valid until an hour after start + this (LIVE_PLANNED_MINUTES). */
  plannedMinutes: number;
  /** A stream that drops and resumes within this many seconds stays the same session. */
  graceSeconds: number;
  /** Verified enterprises' sessions skip bureau approval. */
  autoApproveVerified: boolean;
  /** Room chat words refused in addition to the built-in list (LIVE_BANNED_WORDS, comma-separated). */
  bannedWords?: string[];
}

export type StorageDriver = 'local' | 's3';

export interface StorageSettings {
  /** `local` (default) keeps files on this machine's disk; `s3` uses an S3-compatible object store. */
  driver: StorageDriver;
  /** Folder for the local driver. */
  localDir: string;
  s3: S3Settings;
  /** What all compressed streams of one uploaded PDF may inflate to, together (`UPLOAD_PDF_MAX_INFLATED_MB`). */
  pdfMaxInflatedBytes: number;
  /** Largest uploaded image, in pixels, decoded at all (`UPLOAD_IMAGE_MAX_PIXELS`). */
  imageMaxPixels: number;
  /** A stored file no record references is deleted once it is this old (`FILE_ORPHAN_GRACE_HOURS`). */
  orphanGraceMs: number;
  /** How often the worker looks for such files (`FILE_SWEEP_INTERVAL_MINUTES`); 0 turns the sweep off. */
  sweepIntervalMs: number;
}

export interface S3Settings {
  /** Origin of the service, e.g. `http://127.0.0.1:9000` (MinIO) or `https://cos.ap-guangzhou.myqcloud.com`. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO and most compatibles) rather than `bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** Per attempt; a timed-out attempt is retried once. */
  timeoutMs: number;
}

declare module '@midwayjs/core/dist/interface' {
  interface MidwayConfig {
    app?: Partial<AppSettings>;
  }
}

declare module '@midwayjs/core/dist/interface' {
  interface Context {
    requestId: string;
    user?: AuthUser;
    authError?: Error;
  }
}
