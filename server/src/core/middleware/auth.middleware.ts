import { Config, IMiddleware, Inject, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { BizError } from '../errors';
import { SessionVersions } from '../session-version';
import { bearerToken, verifyAccessToken } from '../tokens';
import type { AppSettings } from '../../interface';

/**
 * Reads the bearer token into ctx.user. It never rejects by itself: the
 * AuthGuard decides per route, so public routes work with a stale token.
 * A token signed before the user's last logout or change of roles is stale
 * (TOKEN_REVOKED): the client refreshes, and gets the current roles or the login page.
 */
@Middleware()
export class AuthMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Inject()
  private versions!: SessionVersions;

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const token = bearerToken(ctx.get('authorization'));
      if (token) {
        const result = verifyAccessToken(token, this.auth.tokenSecret, Math.floor(Date.now() / 1000));
        if (!result.ok) {
          ctx.authError = new BizError(result.reason === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
        } else if (!(await this.versions.isCurrent(result.claims))) {
          ctx.authError = new BizError('TOKEN_REVOKED');
        } else {
          const { sub, sid, roles, scope } = result.claims;
          ctx.user = { id: sub, sessionId: sid, roles, scope };
          (ctx as unknown as { userId: string }).userId = sub;
        }
      }
      await next();
    };
  }

  static getName(): string {
    return 'auth';
  }
}
