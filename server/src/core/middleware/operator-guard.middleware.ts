import { IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { BizError } from '../errors';

/** Returns the path of the first key that MongoDB would read as an operator or a nested path. */
export function findOperatorKey(value: unknown, path = '', depth = 0): string | null {
  if (depth > 32) return path || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findOperatorKey(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.startsWith('$') || key.includes('\0')) return childPath;
      const found = findOperatorKey(child, childPath, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses `{"$gt": ""}`-style payloads before any handler sees them. Validation
 * would usually catch them as wrong types, but not in free-form fields.
 */
@Middleware()
export class OperatorGuardMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const key =
        findOperatorKey((ctx.request as { body?: unknown }).body) ?? findOperatorKey(ctx.query);
      if (key) throw new BizError('OPERATOR_NOT_ALLOWED', `字段名 ${key} 不允许使用`, key);
      await next();
    };
  }

  static getName(): string {
    return 'operatorGuard';
  }
}
