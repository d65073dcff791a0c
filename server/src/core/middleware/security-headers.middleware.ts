import { Config, IMiddleware, Middleware, MidwayEnvironmentService, Inject } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'http';
import { join } from 'path';
import { Readable } from 'stream';
import type { AppSettings } from '../../interface';

type Helmet = ReturnType<typeof helmet>;

/** helmet is connect-style; koa-helmet does just this, but types its context as plain koa's. */
function apply(headers: Helmet, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => headers(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

const HSTS = { maxAge: 180 * 24 * 3600, includeSubDomains: true };

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** ws(s)://host of the page itself, for the live room's socket (older browsers do not count it as 'self'). */
function sameHostSocket(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `ws://${host} wss://${host}` : '';
}

/** CSP hashes of the inline scripts of a page (the h5 build's index.html sizes its rem unit inline). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (match[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
  }
  return hashes;
}

/**
 * API answers are data, never a page: nothing in them may run, load or be framed.
 */
function apiHeaders(production: boolean): Helmet {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    strictTransportSecurity: production ? HSTS : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/**
 * The h5 build at `/` and the API document at `/api/docs`. Scripts only from this origin; inline
 * styles allowed (React style attributes, Swagger UI); media and connections also to the live
 * play origin (FLV over fetch into MediaSource blobs) and this host's WebSocket.
 */
function pageHeaders(production: boolean, live: AppSettings['live'], scriptHashes: string[]): Helmet {
  const play = originOf(live.playHttpBase);
  const playOrigins = play ? [play] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...scriptHashes],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:', ...playOrigins],
        // h5 uploads read the picked file back from its blob: URL (Taro.uploadFile fetches it).
        connectSrc: ["'self'", 'blob:', (req: IncomingMessage) => sameHostSocket(req), ...playOrigins],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? HSTS : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** The two header sets: `api` for API answers, `page` for the h5 build and the API document. */
export function securityHeaders(production: boolean, live: AppSettings['live'], scriptHashes: string[] = []): { api: Helmet; page: Helmet } {
  return { api: apiHeaders(production), page: pageHeaders(production, live, scriptHashes) };
}

function isFileBody(body: unknown): boolean {
  return Buffer.isBuffer(body) || body instanceof Readable;
}

/** `inline; filename*=…` → `attachment; filename*=…`; no header → `attachment`. */
export function asAttachment(disposition: string): string {
  const params = disposition.replace(/^\s*(inline|attachment)\s*(;|$)/i, '').trim();
  return params ? `attachment; ${params}` : 'attachment';
}

/**
 * Security headers on every answer, set before the handler runs so error answers carry them too.
 * API answers are `Cache-Control: no-store` unless a route sets its own; a file sent by the API
 * (résumé, licence, subsidy document, evidence, export…) is private unless its route says
 * `Cache-Control: public`: never stored by a cache, always downloaded rather than shown.
 */
@Middleware()
export class SecurityHeadersMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app.live')
  private live!: AppSettings['live'];

  @Config('swagger.swaggerPath')
  private docsPath!: string;

  @Config('app.h5Dir')
  private h5Dir!: string;

  @Inject()
  private env!: MidwayEnvironmentService;

  resolve() {
    const production = this.env.getCurrentEnvironment() === 'prod';
    const index = this.h5Dir ? join(this.h5Dir, 'index.html') : '';
    const hashes = index && existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : [];
    const { api, page } = securityHeaders(production, this.live, hashes);
    const docs = this.docsPath;
    return async (ctx: Context, next: NextFunction) => {
      const isApi = ctx.path.startsWith('/api/') && ctx.path !== docs && !ctx.path.startsWith(`${docs}/`);
      await apply(isApi ? api : page, ctx.req, ctx.res);
      if (!isApi) return next();
      ctx.set('Cache-Control', 'no-store');
      await next();
      if (!isFileBody(ctx.body)) return;
      if (!/\bpublic\b/i.test(ctx.response.get('Cache-Control'))) {
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Disposition', asAttachment(ctx.response.get('Content-Disposition')));
      }
    };
  }

  static getName(): string {
    return 'securityHeaders';
  }
}
