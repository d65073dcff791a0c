import { IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { errorStatus } from '../filters/error.filter';
import { redactUrl } from '../log-redaction';

/**
 * One line per API answer with the status the client gets. It runs ahead of the body parser (so a
 * BAD_JSON refusal is logged too) and inside Midway's error filter, which has not yet set the
 * status when a failure passes here: for those the status is worked out as the filter will.
 * Paths and the line's URL prefix pass through core/log-redaction.ts.
 */
@Middleware()
export class AccessLogMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (!ctx.path.startsWith('/api/')) return next();
      const started = process.hrtime.bigint();
      let failure: unknown;
      try {
        await next();
      } catch (err) {
        failure = err;
        throw err;
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The server's own time (incl. waiting for an admission slot), so a client can tell it from the network's.
        if (!ctx.headerSent) ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
        const status = failure === undefined ? ctx.status : errorStatus(failure);
        ctx.logger.info(`access ${ctx.method} ${redactUrl(ctx.path)} ${status} ${ms.toFixed(1)}ms user=${ctx.user?.id ?? '-'}`);
      }
    };
  }

  static getName(): string {
    return 'accessLog';
  }
}
