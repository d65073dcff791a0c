import Taro from '@tarojs/taro';
import { TAB_NAMES } from '@/constants/routes';
import { unreadCount } from './api/inbox';
import * as session from './session';

const MINE_TAB = TAB_NAMES.indexOf('mine');

/** Badge text for a count: WeChat shows at most 4 characters. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** Who has a 消息中心: students, recruiters (their enterprise's subsidy decisions), reviewers (overdue escalations, applications withdrawn at their stage). */
const INBOX_ROLES: readonly string[] = ['student', 'recruiter', 'college', 'district', 'bureau'];

export function hasInbox(roles: readonly string[] | undefined): boolean {
  return Boolean(roles?.some(role => INBOX_ROLES.includes(role)));
}

/**
 * Shows the user's unread inbox count on the 我的 tab and returns it. Silent on failure:
 * a badge is a hint, and setTabBarBadge fails on non-tab pages.
 */
export async function refreshUnreadBadge(): Promise<number> {
  let unread = 0;
  if (hasInbox(session.current()?.roles)) {
    try {
      unread = (await unreadCount()).unread;
    } catch {
      return 0;
    }
  }
  try {
    if (unread > 0) await Taro.setTabBarBadge({ index: MINE_TAB, text: badgeText(unread) });
    else await Taro.removeTabBarBadge({ index: MINE_TAB });
  } catch {
    // Not on a tab page (or no tab bar in this build): the entry badge on 我的 still shows it.
  }
  return unread;
}
