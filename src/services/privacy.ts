import Taro from '@tarojs/taro';
import { PRIVACY_DATA_TYPES, guideVersion, typesAddedSince, type PrivacyDataType, type PrivacyScope } from '@contract/privacy';
import { storage } from '@/storage';
import { navigate } from './navigation';

/**
 * WeChat's privacy authorization (用户隐私保护指引, enforced from base library 2.32.3) in one place.
 * A gated call (chooseMedia, chooseMessageFile, scanCode, setClipboardData, the phone-number button…)
 * waits while WeChat raises `onNeedPrivacyAuthorization`; we show our own popup (PrivacyPopup), and
 * the agree button (`openType='agreePrivacyAuthorization'`) lets every waiting call continue.
 * Every gated call goes through `gated()`, which turns WeChat's English failures into a Chinese
 * explanation with a way to try again.
 */

export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  buttonId?: string;
}
export type PrivacyResolve = (option: PrivacyResolveOption) => void;

/** The part of `wx` this module needs (Taro's weapp API, or a fake in tests). */
export interface PrivacyHost {
  onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void): void;
  openPrivacyContract(option: { success?: () => void; fail?: () => void }): void;
}

/** How a refusal is explained; resolves true when the user asks to try again. */
export interface PrivacyUi {
  explain(type: PrivacyDataType, failure: GatedFailure): Promise<boolean>;
  openGuide(): void;
}

export type GatedFailure = 'refused' | 'undeclared' | 'banned' | 'denied' | 'failed';
export type FailureKind = GatedFailure | 'cancel';

/** What the popup shows: the call that asked, and what is new since the user last agreed. */
export interface PrivacyPrompt {
  referrer: string;
  types: readonly PrivacyDataType[];
  /** Types declared after the version this user agreed to (all of them on a first agreement). */
  added: readonly PrivacyDataType[];
}

/** WeChat blocks its own popup for 10 s after a refusal; ours does the same so a page cannot loop it. */
export const REFUSAL_BLOCK_MS = 10_000;
export const AGREE_BUTTON_ID = 'privacy-agree';

const REFUSED = /privacy permission is not authorized|privacy.*not authorized/i;
const UNDECLARED = /not declared in the privacy agreement/i;
const BANNED = /privacy api banned/i;
const DENIED = /auth deny|auth denied|authorize denied|authorize:fail/i;
const CANCEL = /fail[: ]+cancel|:fail cancel|cancel$/i;

/** Sorts a failed WeChat call by what the user should be told; never shows the errMsg itself. */
export function failureKind(err: unknown): FailureKind {
  const errno = typeof err === 'object' && err !== null && 'errno' in err ? Number((err as { errno: unknown }).errno) : undefined;
  const msg = typeof err === 'object' && err !== null && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : '';
  if (errno === 104 || errno === 101102 || REFUSED.test(msg)) return 'refused';
  if (errno === 112 || errno === 101100 || UNDECLARED.test(msg)) return 'undeclared';
  if (errno === 1025 || errno === 101101 || BANNED.test(msg)) return 'banned';
  if (errno === 103 || DENIED.test(msg)) return 'denied';
  if (CANCEL.test(msg)) return 'cancel';
  return 'failed';
}

export function typeOf(scope: PrivacyScope): PrivacyDataType {
  const type = state.types.find(candidate => candidate.scope === scope);
  if (!type) throw new Error(`privacy: no data type ${scope}`);
  return type;
}

/** The Chinese sentence for a failure (used by the explanation and in tests). */
export function explanation(type: PrivacyDataType, failure: GatedFailure): { title: string; content: string; canRetry: boolean } {
  switch (failure) {
    case 'refused':
      return {
        title: '需要您同意隐私保护指引',
        content: `此功能需要使用您的${type.declaration}，用于${type.purpose}。您尚未同意《留连来连隐私保护指引》，同意后即可继续。`,
        canRetry: true,
      };
    case 'denied':
      return {
        title: `未获得${type.declaration}权限`,
        content: `此功能需要使用您的${type.declaration}。请点击右上角“…”→“设置”开启后重试。`,
        canRetry: true,
      };
    case 'undeclared':
    case 'banned':
      return { title: '此功能暂不可用', content: `小程序暂未获准使用${type.declaration}，请稍后再试或联系客服。`, canRetry: false };
    default:
      return { title: '操作未完成', content: `未能使用${type.declaration}，请稍后重试。`, canRetry: true };
  }
}

type Listener = (prompt: PrivacyPrompt | null) => void;

interface State {
  host?: PrivacyHost;
  /** The declared types: contract/privacy.ts, or a later version in tests. */
  types: readonly PrivacyDataType[];
  ui: PrivacyUi;
  now: () => number;
  waiting: PrivacyResolve[];
  prompt: PrivacyPrompt | null;
  refusedAt?: number;
  /** Set by the user's own 重试: the next authorization may show the popup even inside the block. */
  retryAllowed: boolean;
}

const defaultUi: PrivacyUi = {
  async explain(type, failure) {
    const text = explanation(type, failure);
    const res = await Taro.showModal({
      title: text.title,
      content: text.content,
      confirmText: text.canRetry ? '重试' : '知道了',
      showCancel: text.canRetry,
      cancelText: '暂不',
    });
    return text.canRetry && res.confirm;
  },
  openGuide() {
    void navigate('privacyGuide');
  },
};

const state: State = { types: PRIVACY_DATA_TYPES, ui: defaultUi, now: () => Date.now(), waiting: [], prompt: null, retryAllowed: false };
const listeners = new Set<Listener>();

function publish(prompt: PrivacyPrompt | null): void {
  state.prompt = prompt;
  listeners.forEach(listener => listener(prompt));
}

function agreedVersion(): number {
  return storage.get('privacyAgreedVersion') ?? 0;
}

function blocked(): boolean {
  return state.refusedAt !== undefined && state.now() - state.refusedAt < REFUSAL_BLOCK_MS;
}

function onNeed(resolve: PrivacyResolve, eventInfo: { referrer: string }): void {
  if (blocked() && !state.retryAllowed) {
    resolve({ event: 'disagree' });
    return;
  }
  state.retryAllowed = false;
  state.waiting.push(resolve);
  if (!state.prompt) {
    publish({ referrer: eventInfo.referrer, types: state.types, added: typesAddedSince(agreedVersion(), state.types) });
  }
}

/**
 * Registers the listener (the app does this once, in weapp). `ui` and `now` are replaced in tests.
 * Calling it again replaces the host, as WeChat's registration overwrites the earlier listener.
 */
export function installPrivacy(
  host: PrivacyHost,
  options: { ui?: PrivacyUi; now?: () => number; types?: readonly PrivacyDataType[] } = {},
): void {
  state.host = host;
  state.types = options.types ?? PRIVACY_DATA_TYPES;
  state.ui = options.ui ?? defaultUi;
  state.now = options.now ?? (() => Date.now());
  state.waiting = [];
  state.refusedAt = undefined;
  state.retryAllowed = false;
  publish(null);
  host.onNeedPrivacyAuthorization(onNeed);
}

export function currentPrompt(): PrivacyPrompt | null {
  return state.prompt;
}

export function subscribePrompt(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The popup was shown (WeChat wants to know for its statistics). */
export function promptShown(): void {
  state.waiting.forEach(resolve => resolve({ event: 'exposureAuthorization' }));
}

/** The agree button's `onAgreePrivacyAuthorization`: every waiting call continues. */
export function agree(buttonId: string = AGREE_BUTTON_ID): void {
  storage.set('privacyAgreedVersion', guideVersion(state.types));
  state.refusedAt = undefined;
  const waiting = state.waiting;
  state.waiting = [];
  publish(null);
  waiting.forEach(resolve => resolve({ event: 'agree', buttonId }));
}

/** 拒绝: every waiting call fails, and for 10 s no call raises the popup on its own. */
export function disagree(): void {
  state.refusedAt = state.now();
  const waiting = state.waiting;
  state.waiting = [];
  publish(null);
  waiting.forEach(resolve => resolve({ event: 'disagree' }));
}

/** Opens the full guide: WeChat's hosted contract in weapp, our page otherwise or when that fails. */
export function openGuide(): void {
  if (!state.host) {
    state.ui.openGuide();
    return;
  }
  state.host.openPrivacyContract({ fail: () => state.ui.openGuide() });
}

/**
 * Runs a privacy-gated call. Resolves its value, or undefined when the user cancelled or refused
 * (after telling them, in Chinese, and offering to try again). Other failures are explained too:
 * a page never shows WeChat's errMsg.
 */
export async function gated<T>(scope: PrivacyScope, run: () => Promise<T>): Promise<T | undefined> {
  const type = typeOf(scope);
  for (;;) {
    try {
      return await run();
    } catch (err) {
      const kind = failureKind(err);
      if (kind === 'cancel') return undefined;
      if (kind === 'refused' && state.refusedAt === undefined) state.refusedAt = state.now();
      const retry = await state.ui.explain(type, kind);
      if (!retry || !explanation(type, kind).canRetry) return undefined;
      state.retryAllowed = true;
    }
  }
}

/**
 * The phone-number button's event: its code, or undefined after explaining a refusal. A button
 * cannot be pressed again for the user, so 重试 here means tapping it once more.
 */
export async function phoneCode(detail: { code?: string; errMsg?: string; errno?: number }): Promise<string | undefined> {
  if (detail.code) return detail.code;
  const kind = failureKind(detail);
  if (kind === 'cancel' || /deny|denied/i.test(detail.errMsg ?? '')) return undefined;
  if (kind === 'refused') {
    state.refusedAt ??= state.now();
    state.retryAllowed = await state.ui.explain(typeOf('phone'), kind);
    return undefined;
  }
  await state.ui.explain(typeOf('phone'), kind);
  return undefined;
}

// Registered on first import: every gated call and the popup import this module, so the listener is in
// place before WeChat can raise the event (h5 has no privacy gate).
if (process.env.TARO_ENV === 'weapp') installPrivacy(Taro);
