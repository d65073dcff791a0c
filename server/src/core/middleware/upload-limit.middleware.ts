import { IMiddleware, Inject, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { RateLimits } from '../rate-limit';
import { acceptedBodyType, hasBody } from './body-type.middleware';

/**
 * Every upload is a multipart body, and every route that takes one reads it in its own busboy
 * middleware, after this: the limit is counted before a byte is spooled to disk.
 */
@Middleware()
export class UploadLimitMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private limits!: RateLimits;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (ctx.path.startsWith('/api/') && hasBody(ctx) && acceptedBodyType(ctx.request.type) === 'multipart') {
        await this.limits.consumeRequest('upload', ctx);
      }
      await next();
    };
  }

  static getName(): string {
    return 'uploadLimit';
  }
}
