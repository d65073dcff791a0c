import { IMiddleware, Inject, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { Readable } from 'stream';
import { BizError } from '../errors';
import { Idempotency } from '../idempotency';
import { CHANGING_METHODS, IDEMPOTENCY_HEADER, REPLAYED_HEADER, isIdempotencyKey, keepsOutcome, recordId, requestFingerprint } from '../idempotency.rules';

/** A JSON answer can be stored and given back; a file or a stream is made afresh. */
function storable(body: unknown): boolean {
  return !(Buffer.isBuffer(body) || body instanceof Readable || typeof body === 'string');
}

/**
 * A change sent with an Idempotency-Key is done once: a resend with the same key (the answer was lost)
 * gets the first outcome, marked Idempotent-Replayed; a resend while the first is still being processed is
 * told so (409, the client waits and resends). After the token is read (a user's keys are theirs) and the
 * JSON body is parsed (part of what makes a resend the same request).
 */
@Middleware()
export class IdempotencyMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private idempotency!: Idempotency;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const key = ctx.get(IDEMPOTENCY_HEADER);
      if (!key || !CHANGING_METHODS.has(ctx.method) || !ctx.path.startsWith('/api/')) return next();
      if (!isIdempotencyKey(key)) throw new BizError('IDEMPOTENCY_KEY_INVALID', undefined, IDEMPOTENCY_HEADER);
      const id = recordId({ userId: ctx.user?.id, address: ctx.ip }, key);
      const fingerprint = requestFingerprint({
        method: ctx.method,
        url: ctx.url,
        body: (ctx.request as { body?: unknown }).body,
        contentType: ctx.get('content-type'),
        contentLength: ctx.get('content-length'),
      });
      const start = await this.idempotency.start(id, fingerprint, ctx.user?.id);
      if (start.kind === 'in-progress') {
        ctx.set('Retry-After', '1');
        throw new BizError('IDEMPOTENCY_IN_PROGRESS');
      }
      if (start.kind === 'replay') {
        ctx.status = start.status;
        ctx.set(REPLAYED_HEADER, 'true');
        if (start.body !== undefined) ctx.body = start.body;
        return;
      }
      let kept = false;
      try {
        await next();
        if (keepsOutcome(ctx.status) && storable(ctx.body)) kept = await this.idempotency.finish(id, start.attempt, ctx.status, ctx.body);
      } finally {
        if (!kept) await this.idempotency.abandon(id, start.attempt);
      }
    };
  }

  static getName(): string {
    return 'idempotency';
  }
}
