import { Inject, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { JobService } from './job.service';

/**
 * The feed's first pages are the most requested thing in the app and the same for everyone.
 * A query string that has already validated to a cached page is answered here from the cached
 * bytes, before routing, the request-scoped container and validation; anything else (a new
 * query string, a cursor, "match", an expired or invalidated page) takes the normal route.
 */
@Middleware()
export class FeedEdgeMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private jobs!: JobService;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (ctx.method !== 'GET' || (ctx.path !== '/api/jobs' && ctx.path !== '/api/jobs/')) return next();
      const hot = this.jobs.hotFeedResponse(ctx.querystring);
      if (!hot) return next();
      ctx.set('ETag', hot.etag);
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('X-Feed-Cache', 'hit');
      if (ctx.get('if-none-match') === hot.etag) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = hot.body;
    };
  }

  static getName(): string {
    return 'feedEdge';
  }
}
