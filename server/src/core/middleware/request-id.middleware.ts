import { IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { randomUUID } from 'crypto';

const ACCEPTED_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (kept from a trusted proxy's X-Request-Id when well-formed). */
@Middleware()
export class RequestIdMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const incoming = ctx.get('x-request-id');
      ctx.requestId = ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
      // The koa context logger prints ctx.traceId on every line.
      (ctx as unknown as { traceId: string }).traceId = ctx.requestId;
      ctx.set('X-Request-Id', ctx.requestId);
      await next();
    };
  }

  static getName(): string {
    return 'requestId';
  }
}
