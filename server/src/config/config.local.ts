import { MidwayConfig } from '@midwayjs/core';

/** `npm start`: the demo on the embedded database, with demo-account login. */
export default {
  app: {
    devLogin: process.env.DEV_LOGIN !== 'false',
  },
} as MidwayConfig;
