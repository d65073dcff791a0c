import { Config, IMiddleware, Middleware } from '@midwayjs/core';
import { Context, NextFunction } from '@midwayjs/koa';
import { clientAddressOf, trustedProxyList, type ProxyTrust } from '../client-address.rules';

/**
 * Sets ctx.ip once, first, for everything after it (logs, rate limits): the forwarded address
 * only when the connection comes from a trusted proxy (koa alone would believe any caller).
 */
@Middleware()
export class ClientAddressMiddleware implements IMiddleware<Context, NextFunction> {
  @Config('app.proxyTrust')
  private trust!: ProxyTrust;

  resolve() {
    const proxies = trustedProxyList(this.trust.proxies);
    return async (ctx: Context, next: NextFunction) => {
      ctx.request.ip = clientAddressOf(ctx.req.socket.remoteAddress ?? '', ctx.get('x-forwarded-for') || undefined, this.trust.enabled, proxies);
      await next();
    };
  }

  static getName(): string {
    return 'clientAddress';
  }
}
