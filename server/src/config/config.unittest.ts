import { MidwayConfig } from '@midwayjs/core';

/** Test deltas only: no listening port, quiet logs, demo login on. */
export default {
  koa: { port: null },
  midwayLogger: {
    default: { level: 'warn', consoleLevel: process.env.TEST_LOG_LEVEL ?? 'warn', enableFile: false, enableError: false },
  },
  app: { devLogin: true, h5Dir: '', push: { inProcess: false }, recommend: { syncMs: 0 } },
} as unknown as MidwayConfig;
