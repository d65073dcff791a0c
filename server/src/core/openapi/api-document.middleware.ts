import { Config, IMiddleware, Inject, Middleware, MidwayWebRouterService } from '@midwayjs/core';
import type { SwaggerOptions } from '@midwayjs/swagger';
import { Context, NextFunction } from '@midwayjs/koa';
import { buildDocument, type OpenApiDocument } from './document';
import { routeFacts } from './routes';

/**
 * Answers the document Swagger UI loads (`<swaggerPath>/index.json`) with one built from the route
 * table, the DTOs' Joi rules and the guards' metadata, instead of @midwayjs/swagger's own, which
 * knew nothing of either. Built on first request, once: routes do not change while running.
 */
@Middleware()
export class ApiDocumentMiddleware implements IMiddleware<Context, NextFunction> {
  @Inject()
  private router!: MidwayWebRouterService;

  @Config('swagger')
  private swagger!: SwaggerOptions;

  private document?: Promise<OpenApiDocument>;

  async build(): Promise<OpenApiDocument> {
    const routes = await this.router.getFlattenRouterTable();
    return buildDocument(routes.map(routeFacts), {
      title: this.swagger.title ?? 'API',
      // JSON Schema counts code points; Joi, like JavaScript, counts UTF-16 code units.
      description: `${this.swagger.description ?? ''}\n\n字符串长度按 UTF-16 码元计算（与 JavaScript 相同：一个表情符号计 2）。错误应答体见 ApiError。`,
      version: this.swagger.version ?? '0.0.0',
    });
  }

  resolve() {
    const url = `${this.swagger.swaggerPath}/index.json`;
    return async (ctx: Context, next: NextFunction) => {
      if (ctx.path !== url || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
      this.document ??= this.build();
      ctx.type = 'application/json';
      ctx.body = await this.document;
    };
  }

  static getName(): string {
    return 'apiDocument';
  }
}
