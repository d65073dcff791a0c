import Taro from '@tarojs/taro';
import * as session from './session';

/** What a guest can start that needs an account. */
export type GatedAction = 'apply' | 'register' | 'book' | 'subscribe' | 'chat' | 'complain' | 'recommend' | 'inbox' | 'subsidy';

export const GATED_ACTION_LABELS: Record<GatedAction, string> = {
  apply: '投递简历',
  register: '报名',
  book: '预约',
  subscribe: '订阅提醒',
  chat: '参与互动',
  complain: '投诉举报',
  recommend: '查看为你推荐的政策',
  inbox: '查看消息',
  subsidy: '办理补贴',
};

interface Pending {
  action: GatedAction;
  /** What the action is on (a job id…): the page resumes only its own action. */
  target: string;
}

/** The action a guest left for the login page; kept in memory, the page that started it stays in the stack. */
let pending: Pending | undefined;

/**
 * Browsing needs no account; acting does. For a guest: a sheet saying why, with 取消 (nothing
 * happens) and 去登录. weapp logs in silently and the action goes on at once (true); h5 opens the
 * login page, which goes back to this page afterwards, where `resume` picks the action up (false now).
 */
export async function requireLogin(action: GatedAction, target: string): Promise<boolean> {
  if (session.current()) return true;
  // No title: h5 greys a titled modal's message to 3.9:1; untitled it is dark (and the message says it all).
  const { confirm } = await Taro.showModal({
    content: `${GATED_ACTION_LABELS[action]}需要先登录。浏览政策、岗位、招聘会和直播无需登录。`,
    confirmText: '去登录',
    cancelText: '取消',
    // The brand blue (4.5:1 on white); WeChat's default green is too light for small text.
    confirmColor: '#1660d6',
  });
  if (!confirm) return false;
  pending = { action, target };
  const info = await session.login();
  if (!info) return false;
  pending = undefined;
  return true;
}

/** True once, when the user came back signed in from the login page that this action opened. */
export function resume(action: GatedAction, target: string): boolean {
  if (!pending || pending.action !== action || pending.target !== target || !session.current()) return false;
  pending = undefined;
  return true;
}

/** What a started `action` is on: a list page (many 预约 buttons) resumes the one the guest tapped. */
export function pendingTarget(action: GatedAction): string | undefined {
  return pending?.action === action ? pending.target : undefined;
}

/** Forget a started action (the user logged out, or went elsewhere). */
export function forgetPending(): void {
  pending = undefined;
}
