import { Guard, IGuard, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { BizError } from '../errors';

/** JSON, or multipart for the routes that take a file (their busboy middleware reads it). */
export function acceptedBodyType(mime: string): 'json' | 'multipart' | null {
  const type = mime.toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  return null;
}

export function hasBody(ctx: Context): boolean {
  const length = ctx.get('content-length');
  return Boolean(ctx.get('transfer-encoding')) || (length !== '' && length !== '0');
}

function unsupported(): BizError {
  return new BizError('UNSUPPORTED_MEDIA_TYPE', '请求内容须为 JSON（Content-Type: application/json）；上传文件请用 multipart/form-data');
}

/**
 * Runs before the body parser, which would otherwise skip a text, XML or form body and hand the
 * route an empty object as if nothing had been sent.
 */
@Middleware()
export class BodyTypeMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      if (ctx.path.startsWith('/api/') && hasBody(ctx) && !acceptedBodyType(ctx.request.type)) throw unsupported();
      await next();
    };
  }

  static getName(): string {
    return 'bodyType';
  }
}

/**
 * A multipart body reaches a route's handler unread unless the route has an upload middleware
 * (which sets ctx.files); anywhere else it is as unsupported as text.
 */
@Guard()
export class MultipartGuard implements IGuard<Context> {
  async canActivate(ctx: Context): Promise<boolean> {
    const files = (ctx as Context & { files?: unknown }).files;
    if (hasBody(ctx) && acceptedBodyType(ctx.request.type) === 'multipart' && files === undefined) throw unsupported();
    return true;
  }
}
