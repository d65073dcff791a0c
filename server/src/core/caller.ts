import type { Context } from '@midwayjs/koa';
import type { AuthUser } from '../interface';
import { BizError } from './errors';

/** The signed-in caller; routes reach here only through AuthGuard, so absence is a 401, not a crash. */
export function caller(ctx: Context): AuthUser {
  if (!ctx.user) throw new BizError('UNAUTHENTICATED');
  return ctx.user;
}
