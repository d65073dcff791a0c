import { ILogger, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomUUID } from 'crypto';
import { RedisConnections } from './redis';

const CHANNEL = 'liulian:cache-invalidation';

interface Announcement {
  topic: string;
  /** The announcing process: it dropped its own cache already and skips its echo. */
  origin: string;
}

/**
 * Tells every process that a cached thing changed. A module keeps its cache in its own process and
 * `listen`s for its topic; after a change it drops its own copy and `announce`s the topic, which
 * reaches the other processes over Redis pub/sub within milliseconds when REDIS_URL is set.
 * Without Redis, or while it is unreachable, a cache's own TTL bounds how long another process
 * can serve the old state; when the subscriber reconnects every listener runs, because the
 * announcements sent while it was down are lost.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class CacheInvalidation {
  @Inject()
  private redis!: RedisConnections;

  @Logger()
  private logger!: ILogger;

  private readonly origin = randomUUID();
  private readonly handlers = new Map<string, Array<() => void>>();
  private subscribed?: Promise<void>;

  /** Runs `drop` whenever another process announces `topic` (and after a lost Redis connection). */
  async listen(topic: string, drop: () => void): Promise<void> {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), drop]);
    this.subscribed ??= this.redis.subscribe(
      CHANNEL,
      raw => this.received(raw),
      () => this.dropAll(),
    );
    await this.subscribed;
  }

  /** Tells the other processes; never throws (a lost announcement costs at most the cache's TTL). */
  announce(topic: string): void {
    if (!this.redis.enabled) return;
    const message: Announcement = { topic, origin: this.origin };
    this.redis.publish(CHANNEL, JSON.stringify(message)).catch((err: Error) => {
      this.logger.warn(`cache invalidation "${topic}" not announced (other processes keep theirs until its TTL): ${err.message}`);
    });
  }

  private received(raw: string): void {
    let message: Announcement;
    try {
      message = JSON.parse(raw) as Announcement;
    } catch {
      return;
    }
    if (message.origin === this.origin) return;
    for (const drop of this.handlers.get(message.topic) ?? []) drop();
  }

  private dropAll(): void {
    for (const drops of this.handlers.values()) drops.forEach(drop => drop());
  }
}
