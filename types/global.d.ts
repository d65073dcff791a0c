/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

/** Base URL of the API including `/api`, set per platform in config/index.ts (defineConstants). */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; a compile-time constant, so dead branches are stripped. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Overrides the appid written to dist/project.config.json. */
    TARO_APP_ID?: string;
    /** weapp only: API origin, e.g. https://api.example.cn (release builds need a registered https domain). */
    TARO_APP_API_BASE?: string;
  }
}
