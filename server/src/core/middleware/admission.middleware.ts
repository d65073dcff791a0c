import { Config, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { AdmissionGate, type AdmissionSettings } from '../admission';
import { BizError } from '../errors';

/** Health checks must answer even when the API is saturated: that is when they matter. */
const EXEMPT = /^\/api\/health(\/|$)/;

@Middleware()
export class AdmissionMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app.admission')
  private settings!: AdmissionSettings;

  resolve() {
    const gate = new AdmissionGate(this.settings);
    return async (ctx: Context, next: NextFunction) => {
      if (!ctx.path.startsWith('/api/') || EXEMPT.test(ctx.path)) return next();
      if (!(await gate.enter())) {
        ctx.set('Retry-After', String(this.settings.retryAfterSeconds));
        throw new BizError('SERVER_BUSY');
      }
      // A client that goes away mid-upload can leave the handler waiting on a body that never
      // comes; the slot is released when the connection closes, whichever happens first.
      let held = true;
      const release = (): void => {
        if (!held) return;
        held = false;
        gate.leave();
      };
      ctx.res.once('close', release);
      try {
        await next();
      } finally {
        release();
      }
    };
  }

  static getName(): string {
    return 'admission';
  }
}
