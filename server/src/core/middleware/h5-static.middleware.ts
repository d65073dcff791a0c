import { Config, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { createReadStream, existsSync, statSync, type Stats } from 'fs';
import { extname, join, normalize, resolve, sep } from 'path';
import { PRECOMPRESSED, acceptedEncodings } from '../content-encoding.rules';

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

function fileStats(path: string): Stats | undefined {
  return existsSync(path) ? statSync(path) : undefined;
}

/**
 * Serves the h5 build (hash router, so `/` → index.html is all the routing it needs). Hashed asset
 * names are cached for a year; index.html is revalidated on every load (ETag → 304). A file with a
 * precompressed copy (.br / .gz, written at build) is sent compressed to a client that accepts it.
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
      const stats = file.startsWith(root + sep) ? fileStats(file) : undefined;
      if (!stats?.isFile()) return next();

      const copies = PRECOMPRESSED.filter(p => existsSync(file + p.suffix));
      const accepted = acceptedEncodings(ctx.get('Accept-Encoding'));
      const chosen = accepted.map(encoding => copies.find(c => c.encoding === encoding)).find(c => c !== undefined);
      const sent = chosen ? file + chosen.suffix : file;
      const sentStats = chosen ? statSync(sent) : stats;

      ctx.status = 200;
      ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
      ctx.set('Cache-Control', relative === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
      if (copies.length) ctx.vary('Accept-Encoding');
      ctx.lastModified = stats.mtime;
      ctx.etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${chosen ? `-${chosen.encoding}` : ''}"`;
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      if (chosen) ctx.set('Content-Encoding', chosen.encoding);
      ctx.body = createReadStream(sent);
      ctx.length = sentStats.size;
    };
  }

  static getName(): string {
    return 'h5Static';
  }
}
