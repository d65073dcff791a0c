import {
  getClassMetadata,
  getPropertyMetadata,
  Guard,
  IGuard,
  saveClassMetadata,
  savePropertyMetadata,
} from '@midwayjs/core';
import { Context } from '@midwayjs/koa';
import type { Role } from '../../contract/roles';
import { BizError } from '../errors';

const ROLES_KEY = 'liulian:roles';
const PUBLIC_KEY = 'liulian:public';

type Target = object | (new (...args: never[]) => unknown);

function mark(key: string, value: unknown) {
  return (target: Target, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) saveClassMetadata(key, value, target);
    else savePropertyMetadata(key, value, target, propertyKey);
  };
}

/** The route needs a signed-in user holding one of these roles. */
export function Roles(...roles: Role[]) {
  return mark(ROLES_KEY, roles);
}

/** The route is open to anyone, signed in or not. */
export function Public() {
  return mark(PUBLIC_KEY, true);
}

function routeMeta<T>(key: string, clz: new (...args: never[]) => unknown, method: string): T | undefined {
  return (getPropertyMetadata(key, clz, method) as T | undefined) ?? (getClassMetadata(key, clz) as T | undefined);
}

/** Who may call a route, as AuthGuard reads it (the API document states the same). */
export function routeAccess(clz: new (...args: never[]) => unknown, method: string): { public: boolean; roles?: Role[] } {
  return { public: Boolean(routeMeta<boolean>(PUBLIC_KEY, clz, method)), roles: routeMeta<Role[]>(ROLES_KEY, clz, method) };
}

/**
 * Default-deny: every route needs a signed-in user unless marked @Public();
 * @Roles narrows it further. Scope checks (which college, which district)
 * belong to services, which know the record being touched.
 */
@Guard()
export class AuthGuard implements IGuard<Context> {
  async canActivate(ctx: Context, clz: new (...args: never[]) => unknown, method: string): Promise<boolean> {
    if (routeMeta<boolean>(PUBLIC_KEY, clz, method)) return true;
    if (!ctx.user) throw ctx.authError ?? new BizError('UNAUTHENTICATED');
    const roles = routeMeta<Role[]>(ROLES_KEY, clz, method);
    if (roles && !roles.some(role => ctx.user?.roles.includes(role))) {
      throw new BizError('FORBIDDEN');
    }
    return true;
  }
}
