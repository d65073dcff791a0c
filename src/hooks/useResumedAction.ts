import { useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { resume, type GatedAction } from '@/services/login-gate';
import * as session from '@/services/session';

/**
 * True once this page is shown again, signed in, after the login page that `action` on `target` opened.
 * `onResume` runs then, once: for harmless acts (a booking, a like) the page does it at once; for the
 * others the page shows the step ready to confirm. On show, not on login: the login page is still on top
 * when the session starts, and a page opened from here then would be closed by its 返回.
 */
export function useResumedAction(action: GatedAction, target: string, onResume?: () => void): boolean {
  const [resumed, setResumed] = useState(false);
  const latest = useRef({ action, target, onResume });
  latest.current = { action, target, onResume };
  useDidShow(() => {
    const now = latest.current;
    if (!session.current() || !now.target || !resume(now.action, now.target)) return;
    setResumed(true);
    now.onResume?.();
  });
  return resumed;
}
