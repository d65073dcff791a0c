import { Config, ILogger, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { AppSettings } from '../interface';
import { RedisConnections } from './redis';
import type { AccessClaims } from './tokens';

/**
 * Where a user's session version lives. Logout, a detected refresh-token theft and every change of
 * roles or scope raise it, and access tokens signed under an older version stop working.
 * The user module provides it (core imports no module).
 */
export interface SessionVersionSource {
  /** The user's current version (0 when never raised), or null when there is no such user. */
  sessionVersion(userId: string): Promise<number | null>;
}

/** Container id under which a module provides the SessionVersionSource. */
export const SESSION_VERSION_SOURCE = 'sessionVersionSource';

const CHANNEL = 'liulian:session-version';

interface Entry {
  version: number | null;
  expiresAt: number;
}

interface Load {
  promise: Promise<number | null>;
  /** Set when the user's version changed while this read was under way: its answer is not cached. */
  stale: boolean;
}

/**
 * A TTL cache of versions that never keeps an answer read before an invalidation: a read racing a
 * change may still serve the request it was made for, but not the ones after.
 */
export class VersionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, Load>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(userId: string, read: (userId: string) => Promise<number | null>): Promise<number | null> {
    const entry = this.entries.get(userId);
    if (entry && entry.expiresAt > this.now()) return entry.version;
    const pending = this.loads.get(userId);
    if (pending && !pending.stale) return pending.promise;
    const load: Load = { promise: read(userId), stale: false };
    this.loads.set(userId, load);
    try {
      const version = await load.promise;
      if (!load.stale) this.store(userId, version);
      return version;
    } finally {
      if (this.loads.get(userId) === load) this.loads.delete(userId);
    }
  }

  invalidate(userId: string): void {
    this.entries.delete(userId);
    const load = this.loads.get(userId);
    if (load) load.stale = true;
  }

  clear(): void {
    this.entries.clear();
    for (const load of this.loads.values()) load.stale = true;
  }

  get size(): number {
    return this.entries.size;
  }

  private store(userId: string, version: number | null): void {
    this.entries.delete(userId);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(userId, { version, expiresAt: this.now() + this.ttlMs });
  }
}

/**
 * Checks on every authenticated request that the token's session version is still the user's.
 * Cached per process; a change is announced to every process over Redis pub/sub when REDIS_URL is
 * set, and without Redis the cache's TTL bounds how long another process can miss it.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SessionVersions {
  @Inject(SESSION_VERSION_SOURCE)
  private source!: SessionVersionSource;

  @Inject()
  private redis!: RedisConnections;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Logger()
  private logger!: ILogger;

  private cache!: VersionCache;

  @Init()
  async init(): Promise<void> {
    this.cache = new VersionCache(this.auth.sessionVersionCacheMs);
    await this.redis.subscribe(
      CHANNEL,
      userId => this.cache.invalidate(userId),
      () => this.cache.clear(),
    );
  }

  current(userId: string): Promise<number | null> {
    return this.cache.get(userId, id => this.source.sessionVersion(id));
  }

  /** True while the token was signed under the user's current version (tokens from before versions carry none: 0). */
  async isCurrent(claims: Pick<AccessClaims, 'sub' | 'ver'>): Promise<boolean> {
    const version = await this.current(claims.sub);
    return version !== null && version === (claims.ver ?? 0);
  }

  /** Call after raising a user's version in the source: this process at once, the others through Redis. */
  async changed(userId: string): Promise<void> {
    this.cache.invalidate(userId);
    try {
      await this.redis.publish(CHANNEL, userId);
    } catch (err) {
      this.logger.warn(`session version change of ${userId} not published (other processes see it within ${this.auth.sessionVersionCacheMs} ms): ${(err as Error).message}`);
    }
  }
}
