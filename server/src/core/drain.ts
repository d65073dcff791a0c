import { Config, ILogger, IMiddleware, Inject, Logger, Middleware, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import type { IncomingMessage, Server } from 'http';
import type { Duplex } from 'stream';
import { BizError } from './errors';

export interface DrainSettings {
  /**
   * After SIGTERM, how long the process goes on serving while not ready before it stops listening:
   * time for a balancer with active readiness checks (a cloud load balancer, an orchestrator) to
   * take it out. nginx's passive checks do not see readiness (docs/deploy.md).
   */
  graceMs: number;
  /** The longest a stop waits for requests in flight before it closes what is left. */
  timeoutMs: number;
  /** Sent as Retry-After with the 503 a request arriving during the drain gets. */
  retryAfterSeconds: number;
}

/** What closeWebSockets needs of a `ws` socket. */
export interface ClosableSocket {
  readonly readyState: number;
  close(code: number, reason: string): void;
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

const SOCKET_CLOSED = 3;
/** 1012 "service restart": the client reconnects at once (to another process). */
const RESTART_CLOSE = 1012;

/** Answers the balancer and the orchestrator while draining; everything else under /api is refused. */
const PROBES = /^\/api\/health(\/|$)/;

/**
 * A process stopping without errors, in this order (MainConfiguration.onStop on SIGTERM):
 * 1. readiness turns 503, WebSocket upgrades are refused with 503 (nginx sends them to another
 *    process) and the registered hooks run (the live room closes its sockets with 1012 "service
 *    restart", which the client reconnects after at once);
 * 2. for `graceMs` requests are still served as before (keep-alive included: answering each with
 *    `Connection: close` made nginx open a connection per request, and more of them were caught in
 *    the listen queue when it closed);
 * 3. the listener closes (a new connection is refused, which nginx retries elsewhere even for a
 *    POST, since nothing was sent), and a request that still arrives on an open connection is
 *    answered 503 SERVER_BUSY with Retry-After and `Connection: close` (not processed, so it is
 *    sent again);
 * 4. the requests in flight finish (up to `timeoutMs`), then the remaining sockets close.
 * Left: connections nginx opened or reused in the instant the listener and idle connections close
 * are reset, and nginx does not resend a POST it has sent (502). Only taking the process out of
 * nginx's upstream before SIGTERM avoids that (docs/deploy.md).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Drain {
  @Config('app.drain')
  private settings!: DrainSettings;

  @Logger()
  private logger!: ILogger;

  private draining = false;
  /** Past the grace period: no longer listening, new requests are refused. */
  private closing = false;
  private inFlight = 0;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly hooks: Array<() => Promise<void>> = [];

  get retryAfterSeconds(): number {
    return this.settings.retryAfterSeconds;
  }

  /** Taking traffic: false from the start of a stop. */
  get ready(): boolean {
    return !this.draining;
  }

  /** Refusing requests that have not begun: from the end of the grace period. */
  get refusing(): boolean {
    return this.closing;
  }

  /** Runs at the start of a drain, after new work is refused (e.g. closing long-lived sockets). */
  onDrain(hook: () => Promise<void>): void {
    this.hooks.push(hook);
  }

  enter(): void {
    this.inFlight += 1;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) this.idleWaiters.splice(0).forEach(wake => wake());
  }

  /** For an 'upgrade' before the WebSocket handshake: false (and a 503 written) while draining. */
  async admitUpgrade(_request: IncomingMessage, socket: Duplex): Promise<boolean> {
    if (!this.draining) return true;
    const answer = `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${this.settings.retryAfterSeconds}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
    await new Promise<void>(resolve => socket.end(answer, () => resolve()));
    return false;
  }

  async drain(server: Server | undefined): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const started = Date.now();
    this.logger.info(`draining: ${this.inFlight} requests in flight, serving ${this.settings.graceMs} ms more`);
    const hooks = Promise.all(this.hooks.map(hook => hook().catch((err: Error) => this.logger.warn(`drain hook failed: ${err.message}`))));
    if (server && this.settings.graceMs > 0) await new Promise(resolve => setTimeout(resolve, this.settings.graceMs));
    await hooks;
    this.closing = true;
    // New connections are refused from here (the balancer connects to another process).
    server?.close();
    const settled = await this.idle(this.settings.timeoutMs);
    if (server) {
      server.closeIdleConnections();
      if (!settled) server.closeAllConnections();
    }
    this.logger.info(`drained in ${Date.now() - started} ms${settled ? '' : ` (timed out with ${this.inFlight} in flight)`}`);
  }

  /**
   * After the drain: any WebSocket still open (a module's hook missed it) is closed with the
   * reconnect hint and cut after `waitMs`. The WebSocket server's own close waits for every
   * connection to end, so one left open would hold the stop until the supervisor's bound.
   */
  async closeWebSockets(clients: Iterable<ClosableSocket>, waitMs = 1_000): Promise<void> {
    const open = [...clients].filter(socket => socket.readyState !== SOCKET_CLOSED);
    if (open.length === 0) return;
    this.logger.warn(`draining: ${open.length} WebSocket connections still open after the drain hooks, closing them`);
    let timer: NodeJS.Timeout | undefined;
    const closed = Promise.all(open.map(socket => new Promise<void>(resolve => socket.once('close', () => resolve()))));
    for (const socket of open) socket.close(RESTART_CLOSE, 'restarting');
    await Promise.race([closed, new Promise<void>(resolve => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    for (const socket of open) if (socket.readyState !== SOCKET_CLOSED) socket.terminate();
  }

  private idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise(resolve => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  get state(): { draining: boolean; inFlight: number } {
    return { draining: this.draining, inFlight: this.inFlight };
  }
}

/** Counts requests in flight for the drain, and refuses new work once it has begun. First in the chain. */
@Middleware()
export class DrainMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private drain!: Drain;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const drain = this.drain;
      // During the grace period the request is served as before; after it, refused and its connection closed.
      if (drain.refusing) {
        ctx.set('Connection', 'close');
        if (!PROBES.test(ctx.path)) {
          ctx.set('Retry-After', String(drain.retryAfterSeconds));
          throw new BizError('SERVER_BUSY');
        }
      }
      // In flight until the answer is written out (or the connection is gone), not just computed.
      drain.enter();
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        drain.leave();
      };
      ctx.res.once('finish', release);
      ctx.res.once('close', release);
      try {
        await next();
      } finally {
        // The answer's connection closes once it is written: the balancer opens its next one elsewhere.
        if (drain.refusing && !ctx.headerSent) ctx.set('Connection', 'close');
      }
    };
  }

  static getName(): string {
    return 'drain';
  }
}
