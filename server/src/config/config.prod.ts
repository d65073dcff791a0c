import { MidwayConfig } from '@midwayjs/core';

/**
 * Production reads every secret from the environment; the defaults in
 * config.default.ts are development values and start-up refuses them here.
 */
export default {
  koa: { hostname: process.env.HOST ?? '0.0.0.0' },
  // Index builds are a deploy step (`npm run db:indexes`, docs/deploy.md); a start only checks.
  app: { devLogin: false, dbIndexes: process.env.DB_INDEXES || 'check' },
} as MidwayConfig;
