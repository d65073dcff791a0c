import { App, Config, Configuration, ILifeCycle, IMidwayContainer, Inject, MidwayEnvironmentService } from '@midwayjs/core';
import * as koa from '@midwayjs/koa';
import * as mongoose from '@midwayjs/mongoose';
import * as staticFile from '@midwayjs/static-file';
import * as swagger from '@midwayjs/swagger';
import * as validate from '@midwayjs/validate';
import { existsSync } from 'fs';
import { join } from 'path';
import { Database } from './core/database';
import { ErrorFilter } from './core/filters/error.filter';
import { AuthGuard } from './core/guards/roles';
import { AccessLogMiddleware } from './core/middleware/access-log.middleware';
import { AuthMiddleware } from './core/middleware/auth.middleware';
import { OperatorGuardMiddleware } from './core/middleware/operator-guard.middleware';
import { RequestIdMiddleware } from './core/middleware/request-id.middleware';
import { productionConfigProblems } from './core/startup-checks';
import type { AppSettings } from './interface';

@Configuration({
  imports: [koa, validate, mongoose, swagger, staticFile],
  importConfigs: [join(__dirname, './config')],
})
export class MainConfiguration implements ILifeCycle {
  @App('koa')
  private app!: koa.Application;

  @Inject()
  private env!: MidwayEnvironmentService;

  @Config('app')
  private settings!: AppSettings;

  @Config('keys')
  private keys!: string;

  async onConfigLoad(): Promise<Record<string, unknown>> {
    if (this.env.getCurrentEnvironment() === 'prod') {
      const problems = productionConfigProblems(this.settings, this.keys);
      if (problems.length) {
        throw new Error(`Refusing to start in production: ${problems.join('; ')}.`);
      }
    }
    const h5Dir = this.settings.h5Dir;
    const serveH5 = Boolean(h5Dir) && existsSync(join(h5Dir, 'index.html'));
    return {
      staticFile: {
        dirs: serveH5 ? { default: { prefix: '/', dir: h5Dir, alias: { '/': '/index.html' } } } : {},
      },
    };
  }

  async onReady(container: IMidwayContainer): Promise<void> {
    this.app.useMiddleware([RequestIdMiddleware, AccessLogMiddleware, OperatorGuardMiddleware, AuthMiddleware]);
    this.app.useGuard(AuthGuard);
    this.app.useFilter([ErrorFilter]);
    const db = await container.getAsync(Database);
    await db.ready();
  }
}
