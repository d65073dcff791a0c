import { Config, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { createReadStream, existsSync, statSync } from 'fs';
import { extname, join, normalize, resolve, sep } from 'path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/**
 * Serves the h5 build (hash router, so `/` → index.html is all the routing it
 * needs). Hashed asset names are cached for a year; index.html never.
 */
@Middleware()
export class H5StaticMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app.h5Dir')
  private h5Dir!: string;

  resolve() {
    const root = this.h5Dir ? resolve(this.h5Dir) : '';
    const enabled = Boolean(root) && existsSync(join(root, 'index.html'));
    return async (ctx: Context, next: NextFunction) => {
      if (!enabled || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) {
        return next();
      }
      let relative: string;
      try {
        relative = ctx.path === '/' ? 'index.html' : decodeURIComponent(ctx.path).replace(/^\/+/, '');
      } catch {
        return next(); // malformed %-encoding: not one of our files
      }
      const file = normalize(join(root, relative));
      if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
      ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
      ctx.set('Cache-Control', relative === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
      ctx.body = createReadStream(file);
    };
  }

  static getName(): string {
    return 'h5Static';
  }
}
