import { MidwayConfig } from '@midwayjs/core';
import { join } from 'path';
import type { AppSettings } from '../interface';
import { DEV_ONLY_MARK } from '../core/startup-checks';

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
  },
  pii: {
    encryptionKey: env.PII_ENCRYPTION_KEY || devKey('pii-encryption'),
    hashKey: env.PII_HASH_KEY || devKey('pii-hash'),
  },
  wechat: {
    appid: env.WECHAT_APPID ?? '',
    secret: env.WECHAT_SECRET ?? '',
    apiBase: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
    timeoutMs: Number(env.WECHAT_TIMEOUT_MS ?? 5000),
  },
  devLogin: env.DEV_LOGIN === 'true',
  h5Dir: env.H5_DIR ?? join(__dirname, '../../../dist-h5'),
  live: {
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
    graceSeconds: Number(env.LIVE_GRACE_SECONDS ?? 60),
    autoApproveVerified: env.LIVE_AUTO_APPROVE_VERIFIED !== 'false',
  },
};

export default {
  keys: env.APP_KEYS || `${DEV_ONLY_MARK}-cookie-keys`,
  koa: {
    port: Number(env.PORT ?? 7001),
    hostname: env.HOST ?? '127.0.0.1',
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
        },
      },
    },
  },
  validate: {
    validationOptions: { stripUnknown: true, abortEarly: true },
    errorStatus: 422,
  },
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
  },
  midwayLogger: {
    default: {
      level: (env.LOG_LEVEL ?? 'info') as 'info',
      consoleLevel: (env.LOG_LEVEL ?? 'info') as 'info',
    },
  },
  app,
} as MidwayConfig;
