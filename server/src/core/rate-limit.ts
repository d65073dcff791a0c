import {
  Config,
  getClassMetadata,
  getPropertyMetadata,
  Guard,
  IGuard,
  ILogger,
  Init,
  Inject,
  Logger,
  Provide,
  saveClassMetadata,
  savePropertyMetadata,
  Scope,
  ScopeEnum,
} from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import type { IncomingMessage } from 'http';
import type { BlockList } from 'net';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { clientAddressOf, trustedProxyList, type ProxyTrust } from './client-address.rules';
import { BizError } from './errors';
import { RedisConnections } from './redis';

/** What is limited. Each has a per-IP and a per-user limit (for sign-in: per account; for refresh: per session). */
export const RATE_LIMITED_ACTIONS = ['login', 'demoLogin', 'refresh', 'upload', 'report', 'complaint', 'chat', 'like'] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];
export type RateLimitKeyKind = 'ip' | 'user';

export interface RateLimit {
  points: number;
  seconds: number;
}

export type RateLimitSettings = Record<RateLimitedAction, Record<RateLimitKeyKind, RateLimit>>;

/** `"30/60"` → 30 per 60 s; throws on anything else so a typo stops the start-up instead of disabling a limit. */
export function parseRateLimit(text: string, name: string): RateLimit {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/.exec(text);
  const points = match ? Number(match[1]) : NaN;
  const seconds = match ? Number(match[2]) : NaN;
  if (!(points >= 1 && seconds >= 1)) throw new Error(`${name} must look like "30/60" (requests/seconds), got "${text}"`);
  return { points, seconds };
}

/**
 * Defaults, each overridable by RATE_LIMIT_<ACTION>_<IP|USER> (e.g. RATE_LIMIT_DEMO_LOGIN_IP=60/60).
 * Per-IP limits are loose because a campus or a mobile carrier puts thousands of students behind
 * one address; the per-user (per-account, per-session) limits are the tight ones.
 */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitedAction, Record<RateLimitKeyKind, string>> = {
  login: { ip: '60/60', user: '10/60' },
  demoLogin: { ip: '60/60', user: '10/60' },
  refresh: { ip: '120/60', user: '10/60' },
  upload: { ip: '120/60', user: '30/60' },
  report: { ip: '300/3600', user: '10/3600' },
  complaint: { ip: '300/3600', user: '20/3600' },
  chat: { ip: '300/10', user: '5/10' },
  like: { ip: '600/10', user: '10/10' },
};

export function rateLimitEnvName(action: RateLimitedAction, kind: RateLimitKeyKind): string {
  return `RATE_LIMIT_${action.replace(/[A-Z]/g, c => `_${c}`).toUpperCase()}_${kind.toUpperCase()}`;
}

export function rateLimitSettings(env: Record<string, string | undefined>): RateLimitSettings {
  const entry = (action: RateLimitedAction, kind: RateLimitKeyKind): RateLimit => {
    const name = rateLimitEnvName(action, kind);
    return parseRateLimit(env[name] || RATE_LIMIT_DEFAULTS[action][kind], name);
  };
  return Object.fromEntries(
    RATE_LIMITED_ACTIONS.map(action => [action, { ip: entry(action, 'ip'), user: entry(action, 'user') }]),
  ) as RateLimitSettings;
}

/** A 429 with the seconds after which a retry can succeed (the filter sends them as Retry-After). */
export class RateLimitedError extends BizError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, code: 'RATE_LIMITED' | 'LIVE_CHAT_RATE_LIMITED' = 'RATE_LIMITED') {
    super(code);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }
}

/**
 * Fixed-window counters from rate-limiter-flexible: in Redis (one Lua script: SET NX EX, INCRBY,
 * PTTL) when REDIS_URL is set, so every process counts together; in this process otherwise. While
 * Redis is unreachable each process falls back to its own in-memory counters.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RateLimits {
  @Config('app.rateLimits')
  private settings!: RateLimitSettings;

  @Inject()
  private redis!: RedisConnections;

  @Logger()
  private logger!: ILogger;

  private readonly limiters = new Map<string, RateLimiterAbstract>();

  @Init()
  init(): void {
    const client = this.redis.commands();
    for (const action of RATE_LIMITED_ACTIONS) {
      for (const kind of ['ip', 'user'] as const) {
        const { points, seconds } = this.settings[action][kind];
        const options = { keyPrefix: `liulian:rl:${action}:${kind}`, points, duration: seconds };
        const memory = new RateLimiterMemory(options);
        this.limiters.set(
          `${action}:${kind}`,
          client ? new RateLimiterRedis({ ...options, storeClient: client, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory,
        );
      }
    }
  }

  /** Counts one request against `action`'s limit for `key`; throws RateLimitedError when it is over. */
  async consume(action: RateLimitedAction, kind: RateLimitKeyKind, key: string, code?: 'LIVE_CHAT_RATE_LIMITED'): Promise<void> {
    const limiter = this.limiters.get(`${action}:${kind}`);
    if (!limiter) throw new Error(`no rate limit ${action}:${kind}`);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.ceil(rejection.msBeforeNext / 1000), code);
      }
      // The store failed without the insurance limiter taking over: let the request through.
      this.logger.warn(`rate limit ${action}:${kind} not counted: ${(rejection as Error).message}`);
    }
  }

  /** The per-IP limit, then, for a signed-in caller, the per-user one. */
  async consumeRequest(action: RateLimitedAction, ctx: Context): Promise<void> {
    await this.consume(action, 'ip', ctx.ip);
    if (ctx.user) await this.consume(action, 'user', ctx.user.id);
  }
}

const RATE_LIMIT_KEY = 'liulian:rate-limit';

type Target = object | (new (...args: never[]) => unknown);

/** Counts calls of the route against `action`'s per-IP and per-user limits (429 RATE_LIMITED when over). */
export function RateLimit(action: RateLimitedAction) {
  return (target: Target, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) saveClassMetadata(RATE_LIMIT_KEY, action, target);
    else savePropertyMetadata(RATE_LIMIT_KEY, action, target, propertyKey);
  };
}

/** The action a route counts against, if any (the guard's reading; the API document says 429 for these). */
export function routeRateLimit(clz: new (...args: never[]) => unknown, method: string): RateLimitedAction | undefined {
  return (
    (getPropertyMetadata(RATE_LIMIT_KEY, clz, method) as RateLimitedAction | undefined) ??
    (getClassMetadata(RATE_LIMIT_KEY, clz) as RateLimitedAction | undefined)
  );
}

/** Runs after AuthGuard: the caller is known, and a request refused there costs nothing. */
@Guard()
export class RateLimitGuard implements IGuard<Context> {
  @Inject()
  private limits!: RateLimits;

  async canActivate(ctx: Context, clz: new (...args: never[]) => unknown, method: string): Promise<boolean> {
    const action = routeRateLimit(clz, method);
    if (action) await this.limits.consumeRequest(action, ctx);
    return true;
  }
}

const proxyLists = new WeakMap<ProxyTrust, BlockList>();

/** The client's address for a raw request (the live room's WebSocket), as ctx.ip gives it for HTTP. */
export function clientAddress(req: IncomingMessage, trust: ProxyTrust): string {
  let list = proxyLists.get(trust);
  if (!list) {
    list = trustedProxyList(trust.proxies);
    proxyLists.set(trust, list);
  }
  const header = req.headers['x-forwarded-for'];
  return clientAddressOf(req.socket.remoteAddress ?? '', Array.isArray(header) ? header.join(',') : header, trust.enabled, list);
}
