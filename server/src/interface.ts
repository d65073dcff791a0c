import type { Role, StaffScope } from './contract/roles';

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
  };
  pii: {
    /** base64 of 32 random bytes: AES-256-GCM key for ID and phone numbers. */
    encryptionKey: string;
    /** base64 of 32 random bytes: HMAC key for the searchable hash. */
    hashKey: string;
  };
  wechat: {
    appid: string;
    secret: string;
    apiBase: string;
    timeoutMs: number;
  };
  /** Demo-account login for the h5 build; never in production. */
  devLogin: boolean;
  /** Folder of the h5 build to serve at `/`, or '' for none. */
  h5Dir: string;
  /** Live-streamed hiring (Tencent Cloud Live, or the local node-media-server). */
  live: LiveSettings;
}

export interface LiveSettings {
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
  /** A stream that drops and resumes within this many seconds stays the same session. */
  graceSeconds: number;
  /** Verified enterprises' sessions skip bureau approval. */
  autoApproveVerified: boolean;
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
