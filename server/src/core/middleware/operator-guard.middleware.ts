import { IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { BizError } from '../errors';
import { echo } from '../validation-messages';

/** Deeper than any form we take; also keeps the walk below from recursing without bound. */
export const MAX_BODY_DEPTH = 32;

export type KeyProblem = { kind: 'operator'; path: string } | { kind: 'too-deep'; path: string };

/** The first key that MongoDB would read as an operator or a nested path, or the first place nested too deep. */
export function findKeyProblem(value: unknown, path = '', depth = 0): KeyProblem | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_BODY_DEPTH) return { kind: 'too-deep', path: path || '(root)' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findKeyProblem(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.startsWith('$') || key.includes('\0')) return { kind: 'operator', path: childPath };
    const found = findKeyProblem(child, childPath, depth + 1);
    if (found) return found;
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
      const problem = findKeyProblem((ctx.request as { body?: unknown }).body) ?? findKeyProblem(ctx.query);
      if (problem?.kind === 'too-deep') {
        throw new BizError('BODY_TOO_DEEP', `请求内容的嵌套层级不能超过 ${MAX_BODY_DEPTH} 层`);
      }
      if (problem) throw new BizError('OPERATOR_NOT_ALLOWED', `字段名 ${echo(problem.path)} 不允许使用`, echo(problem.path));
      await next();
    };
  }

  static getName(): string {
    return 'operatorGuard';
  }
}
