/**
 * In-memory stand-in for `@tarojs/taro` (mapped in jest.config.js), covering the APIs the
 * client services and hooks use. Tests program responses and read what was recorded through `fake`.
 */
import { useEffect, useRef } from 'react';

export interface RecordedRequest {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export interface FakeResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

/** A handler answers with a response, or throws to simulate a request that got no answer. */
export type RequestHandler = (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';

/** Page lifecycle events the page hooks (useDidShow, usePullDownRefresh, useReachBottom) listen to. */
export type PageEvent = 'show' | 'pullDownRefresh' | 'reachBottom';
type PageHandler = () => unknown;

export function json(statusCode: number, data: unknown): FakeResponse {
  return { statusCode, data };
}

export function networkFailure(): never {
  throw { errMsg: 'request:fail timeout' };
}

export function errorBody(statusCode: number, code: string, message: string, field?: string): FakeResponse {
  return json(statusCode, { code, message, requestId: 'req-test', ...(field ? { field } : {}) });
}

export const fake = {
  requests: [] as RecordedRequest[],
  /** One-shot handlers, used in order before `handler`. */
  queue: [] as RequestHandler[],
  handler: undefined as RequestHandler | undefined,
  storage: new Map<string, unknown>(),
  navigations: [] as Array<{ kind: NavigationKind; url?: string }>,
  toasts: [] as string[],
  /** What Taro.login resolves with; an H5 production build resolves without a code. */
  loginCode: 'wx-code-1' as string | undefined,
  /** Routes of the page stack, bottom first. */
  pages: ['pages/home/index'] as string[],
  /** Handlers of the mounted page hooks. */
  pageHandlers: { show: new Set(), pullDownRefresh: new Set(), reachBottom: new Set() } as Record<PageEvent, Set<PageHandler>>,
  /** How many times the pull-down spinner was stopped. */
  pullDownStops: 0,
  /** Dialogs shown with showModal, and the answers to give them in order (true = confirm; none left = cancel). */
  modals: [] as Array<{ title?: string; content?: string; confirmText?: string; cancelText?: string }>,
  modalAnswers: [] as boolean[],
  /** 视频号 accounts as wechat-platform.md §4.7 describes the fixture: subject check, lives newest last. */
  channels: new Map<string, ChannelsAccount>(),
  /** True while a tap handler runs: openChannelsLive needs the tap's gesture. */
  inTap: false,
  /** The 视频号 lives opened with openChannelsLive. */
  openedChannels: [] as Array<{ finderUserName: string; feedId?: string; nonceId?: string }>,

  enqueue(...handlers: RequestHandler[]): void {
    this.queue.push(...handlers);
  },
  /** Fires a page event as WeChat would, and waits for the async handlers. */
  async emit(event: PageEvent): Promise<void> {
    await Promise.all([...this.pageHandlers[event]].map(handler => handler()));
  },
  reset(): void {
    this.requests = [];
    this.queue = [];
    this.handler = undefined;
    this.storage.clear();
    this.navigations = [];
    this.toasts = [];
    this.loginCode = 'wx-code-1';
    this.pages = ['pages/home/index'];
    for (const handlers of Object.values(this.pageHandlers)) handlers.clear();
    this.pullDownStops = 0;
    this.modals = [];
    this.modalAnswers = [];
    this.channels.clear();
    this.inTap = false;
    this.openedChannels = [];
  },
  /** Runs `handler` as a tap would: with the gesture, for the synchronous part only. */
  tap(handler: () => void): void {
    this.inTap = true;
    try {
      handler();
    } finally {
      this.inTap = false;
    }
  },
};

export interface ChannelsAccount {
  subjectOk: boolean;
  /** `status`: 2 live, 3 ended, 4 preparing. */
  lives: Array<{ feedId: string; nonceId: string; status: number }>;
}

interface ChannelsCallbacks<T> {
  success?: (res: T) => void;
  fail?: (err: { errMsg: string; errno?: number }) => void;
}

// Compile-time globals that Taro's build defines (config/index.ts, app/page config macros).
Object.assign(globalThis, {
  API_BASE: 'https://api.test/api',
  defineAppConfig: <T>(config: T): T => config,
  definePageConfig: <T>(config: T): T => config,
});

async function request(options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }): Promise<FakeResponse> {
  const recorded: RecordedRequest = {
    url: options.url,
    method: options.method ?? 'GET',
    data: options.data,
    header: { ...(options.header ?? {}) },
  };
  fake.requests.push(recorded);
  // Answer asynchronously, as the real network does, so concurrent calls interleave.
  await new Promise(resolve => setTimeout(resolve, 0));
  const handler = fake.queue.shift() ?? fake.handler;
  if (!handler) throw new Error(`taro-stub: no response programmed for ${recorded.method} ${recorded.url}`);
  return handler(recorded);
}

function navigation(kind: NavigationKind) {
  return async (options: { url?: string } = {}): Promise<{ errMsg: string }> => {
    fake.navigations.push({ kind, url: options.url });
    if (kind === 'navigateTo' && options.url) fake.pages.push(options.url.replace(/^\//, '').split('?')[0]);
    if (kind === 'navigateBack') fake.pages.pop();
    return { errMsg: `${kind}:ok` };
  };
}

function pageHook(event: PageEvent) {
  return (handler: PageHandler): void => {
    const latest = useRef(handler);
    latest.current = handler;
    useEffect(() => {
      const registered = () => latest.current();
      fake.pageHandlers[event].add(registered);
      return () => {
        fake.pageHandlers[event].delete(registered);
      };
    }, []);
  };
}

export const useDidShow = pageHook('show');
export const usePullDownRefresh = pageHook('pullDownRefresh');
export const useReachBottom = pageHook('reachBottom');

const Taro = {
  request,
  getStorageSync: (key: string): unknown => (fake.storage.has(key) ? fake.storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    fake.storage.set(key, structuredClone(value));
  },
  removeStorageSync: (key: string): void => {
    fake.storage.delete(key);
  },
  login: async (): Promise<{ code?: string; errMsg: string }> => ({ code: fake.loginCode, errMsg: 'login:ok' }),
  navigateTo: navigation('navigateTo'),
  redirectTo: navigation('redirectTo'),
  switchTab: navigation('switchTab'),
  reLaunch: navigation('reLaunch'),
  navigateBack: navigation('navigateBack'),
  getCurrentPages: (): Array<{ route: string }> => fake.pages.map(route => ({ route })),
  stopPullDownRefresh: (): void => {
    fake.pullDownStops += 1;
  },
  showToast: async (options: { title: string }): Promise<void> => {
    fake.toasts.push(options.title);
  },
  showModal: async (options: { title?: string; content?: string; confirmText?: string; cancelText?: string }): Promise<{ confirm: boolean; cancel: boolean }> => {
    fake.modals.push(options);
    const confirm = fake.modalAnswers.shift() ?? false;
    return { confirm, cancel: !confirm };
  },
  // No Promise form (wechat-platform.md §4.3): callbacks only, answered later, never inside the tap.
  getChannelsLiveInfo(options: { finderUserName: string } & ChannelsCallbacks<{ feedId: string; nonceId: string; status: number; errMsg: string }>): void {
    const account = fake.channels.get(options.finderUserName);
    setTimeout(() => {
      if (!account) return options.fail?.({ errMsg: 'getChannelsLiveInfo:fail invalid finder user name', errno: 1416100 });
      if (!account.subjectOk) return options.fail?.({ errMsg: 'getChannelsLiveInfo:fail not same contractor', errno: 1416103 });
      const newest = account.lives[account.lives.length - 1];
      if (!newest) return options.fail?.({ errMsg: 'getChannelsLiveInfo:fail empty data', errno: 1416104 });
      return options.success?.({ ...newest, errMsg: 'getChannelsLiveInfo:ok' });
    }, 0);
  },
  openChannelsLive(options: { finderUserName: string; feedId?: string; nonceId?: string } & ChannelsCallbacks<{ errMsg: string }>): void {
    const gesture = fake.inTap;
    const { success, fail, ...link } = options;
    setTimeout(() => {
      if (!gesture) return fail?.({ errMsg: 'openChannelsLive:fail can only be invoked by user TAP gesture' });
      const account = fake.channels.get(link.finderUserName);
      if (!account) return fail?.({ errMsg: 'openChannelsLive:fail invalid finder user name', errno: 1416100 });
      if (!account.subjectOk) return fail?.({ errMsg: 'openChannelsLive:fail 视频号需要认证', errno: 100008 });
      fake.openedChannels.push(link);
      return success?.({ errMsg: 'openChannelsLive:ok' });
    }, 0);
  },
};

export default Taro;
