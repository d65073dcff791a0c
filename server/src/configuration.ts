import { App, Config, Configuration, ILifeCycle, ILogger, IMidwayContainer, Inject, Logger, MidwayEnvironmentService } from '@midwayjs/core';
import * as busboy from '@midwayjs/busboy';
import * as koa from '@midwayjs/koa';
import type { NextFunction } from '@midwayjs/koa';
import * as mongoose from '@midwayjs/mongoose';
import * as swagger from '@midwayjs/swagger';
import * as validate from '@midwayjs/validate';
import { ValidateService } from '@midwayjs/validate';
import * as ws from '@midwayjs/ws';
import { join } from 'path';
import { Database, type IndexReport } from './core/database';
import { StartupTimings } from './core/startup-timings';
import { OrphanSweep } from './core/files/orphan-sweep';
import { ApiDocumentMiddleware } from './core/openapi/api-document.middleware';
import { ErrorFilter } from './core/filters/error.filter';
import { AuthGuard } from './core/guards/roles';
import { UserTextGuard } from './core/text-security';
import { AccessLogMiddleware } from './core/middleware/access-log.middleware';
import { AdmissionMiddleware } from './core/middleware/admission.middleware';
import { ClientAddressMiddleware } from './core/middleware/client-address.middleware';
import { Drain, DrainMiddleware } from './core/drain';
import { FeedEdgeMiddleware } from './modules/job/feed-edge.middleware';
import { AuthMiddleware } from './core/middleware/auth.middleware';
import { BodyTypeMiddleware, MultipartGuard } from './core/middleware/body-type.middleware';
import { H5StaticMiddleware } from './core/middleware/h5-static.middleware';
import { OperatorGuardMiddleware } from './core/middleware/operator-guard.middleware';
import { RequestIdMiddleware } from './core/middleware/request-id.middleware';
import { SecurityHeadersMiddleware } from './core/middleware/security-headers.middleware';
import { UploadLimitMiddleware } from './core/middleware/upload-limit.middleware';
import { IdempotencyMiddleware } from './core/middleware/idempotency.middleware';
import { RateLimitGuard } from './core/rate-limit';
import { productionConfigProblems } from './core/startup-checks';
import { PushWorker } from './modules/notice/push.worker';
import { RecommendService } from './modules/job/recommend.service';
import { compileValidationOnce } from './core/validation';
import type { AppSettings } from './interface';

@Configuration({
  imports: [koa, validate, mongoose, swagger, busboy, ws],
  importConfigs: [join(__dirname, './config')],
})
export class MainConfiguration implements ILifeCycle {
  @App('koa')
  private app!: koa.Application;

  @App('webSocket')
  private wsApp!: ws.Application;

  @Inject()
  private env!: MidwayEnvironmentService;

  @Config('app')
  private settings!: AppSettings;

  @Config('keys')
  private keys!: string;

  @Logger()
  private logger!: ILogger;

  private readonly timings = new StartupTimings();
  private indexes?: IndexReport;

  async onConfigLoad(): Promise<void> {
    // Node's start, loading the modules and the components' configuration.
    this.timings.phase('load');
    if (this.env.getCurrentEnvironment() === 'prod') {
      const problems = productionConfigProblems(this.settings, this.keys);
      if (problems.length) {
        throw new Error(`Refusing to start in production: ${problems.join('; ')}.`);
      }
    }
  }

  async onReady(container: IMidwayContainer): Promise<void> {
    // The components' own start (the database connection is opened here, among others).
    this.timings.phase('components');
    // Ahead of the components' body parser and Swagger UI: every answer is logged with its
    // headers set, and a body of the wrong type is refused before a parser skips it.
    this.app.getMiddleware<NextFunction, undefined>().insertFirst([ClientAddressMiddleware, RequestIdMiddleware, AccessLogMiddleware, DrainMiddleware, SecurityHeadersMiddleware, BodyTypeMiddleware, ApiDocumentMiddleware]);
    this.app.useMiddleware([
      AdmissionMiddleware,
      FeedEdgeMiddleware,
      H5StaticMiddleware,
      OperatorGuardMiddleware,
      AuthMiddleware,
      UploadLimitMiddleware,
      IdempotencyMiddleware,
    ]);
    // A WebSocket upgrade during a drain is refused before the handshake (the balancer retries it elsewhere).
    const drain = await container.getAsync(Drain);
    this.wsApp.onWebSocketUpgrade((request, socket) => drain.admitUpgrade(request, socket));
    this.app.useGuard([AuthGuard, MultipartGuard, RateLimitGuard, UserTextGuard]);
    this.app.useFilter([ErrorFilter]);
    compileValidationOnce(await container.getAsync(ValidateService));
    this.timings.phase('validation');
    const db = await container.getAsync(Database);
    await db.connection.asPromise();
    this.timings.phase('database');
    this.indexes = await db.ready();
    this.timings.phase('indexes');
    // Created now, not at the first request: it must hear this process's job changes from the start.
    (await container.getAsync(RecommendService)).start();
    if (this.settings.push.inProcess) {
      await (await container.getAsync(PushWorker)).start();
      // Worker processes also sweep stored files no record references (core/files/orphan-sweep.ts).
      (await container.getAsync(OrphanSweep)).start();
    }
    this.timings.phase('services');
  }

  async onServerReady(): Promise<void> {
    this.timings.phase('listen');
    const indexes = this.indexes;
    this.logger.info(this.timings.line(indexes ? `indexes of ${indexes.collections} collections checked, ${indexes.missing.length} missing, ${indexes.built.length} collections built` : ''));
  }

  async onStop(container: IMidwayContainer): Promise<void> {
    // First, while the database and Redis are still there for the requests in flight.
    const server = (await container.getAsync(koa.Framework)).getServer();
    const drain = await container.getAsync(Drain);
    await drain.drain(server?.listening ? server : undefined);
    await drain.closeWebSockets(this.wsApp.clients);
    await (await container.getAsync(RecommendService)).stop();
    if (this.settings.push.inProcess) {
      await (await container.getAsync(PushWorker)).stop();
      await (await container.getAsync(OrphanSweep)).stop();
    }
  }
}
