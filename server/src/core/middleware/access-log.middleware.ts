import { IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';

@Middleware()
export class AccessLogMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const started = process.hrtime.bigint();
      try {
        await next();
      } finally {
        if (ctx.path.startsWith('/api/')) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          // The server's own time (incl. waiting for an admission slot), so a client can tell it from the network's.
          if (!ctx.headerSent) ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
          ctx.logger.info(
            `access ${ctx.method} ${ctx.path} ${ctx.status} ${ms.toFixed(1)}ms user=${ctx.user?.id ?? '-'}`,
          );
        }
      }
    };
  }

  static getName(): string {
    return 'accessLog';
  }
}
