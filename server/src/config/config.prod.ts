import { MidwayConfig } from '@midwayjs/core';

/**
 * Production reads every secret from the environment; the defaults in
 * config.default.ts are development values and start-up refuses them here.
 */
export default {
  koa: { hostname: process.env.HOST ?? '0.0.0.0' },
  app: { devLogin: false },
} as MidwayConfig;
