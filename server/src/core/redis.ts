import { Config, Destroy, ILogger, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import Redis from 'ioredis';

type Listener = (message: string) => void;

/**
 * The process's Redis connections when `REDIS_URL` is set: one for commands (counters, publish)
 * and one subscriber, shared by every core feature that must agree across processes.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RedisConnections {
  @Config('app.redisUrl')
  private url!: string;

  @Logger()
  private logger!: ILogger;

  private client?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly reconnectListeners: Array<() => void> = [];

  get enabled(): boolean {
    return Boolean(this.url);
  }

  /** Commands fail at once while disconnected (no offline queue): callers fall back rather than wait. */
  commands(): Redis | undefined {
    if (!this.url) return undefined;
    if (!this.client) {
      this.client = new Redis(this.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.client.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
    }
    return this.client;
  }

  async publish(channel: string, message: string): Promise<void> {
    const client = this.commands();
    if (!client) return;
    await client.publish(channel, message);
  }

  /**
   * Calls `onMessage` for every message on `channel`, and `onReconnect` after the subscriber
   * connection came back (messages sent while it was down are lost, so caches must drop state).
   */
  async subscribe(channel: string, onMessage: Listener, onReconnect: () => void): Promise<void> {
    if (!this.url) return;
    const subscriber = this.subscriberConnection();
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), onMessage]);
    this.reconnectListeners.push(onReconnect);
    await subscriber.subscribe(channel);
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = new Redis(this.url);
    let connectedBefore = false;
    subscriber.on('error', (err: Error) => this.logger.warn(`redis subscriber: ${err.message}`));
    subscriber.on('ready', () => {
      if (connectedBefore) this.reconnectListeners.forEach(listener => listener());
      connectedBefore = true;
    });
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  @Destroy()
  async close(): Promise<void> {
    // QUIT needs a live connection (the command client has no offline queue); otherwise just drop it.
    const end = async (connection?: Redis): Promise<void> => {
      if (!connection) return;
      if (connection.status === 'ready') await connection.quit();
      else connection.disconnect();
    };
    await Promise.all([end(this.client), end(this.subscriber)]);
  }
}
