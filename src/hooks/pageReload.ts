import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';

// Reloads started by the current pull-down gesture. Every data hook on the page reloads, and the
// spinner stops when the last one is done (only the page in front can be pulled).
let pullDownReloads = 0;

/**
 * Reloads when the user pulls the page down. Only pages whose config sets
 * `enablePullDownRefresh: true` get the gesture; elsewhere this does nothing.
 */
export function useReloadOnPullDown(reload: () => Promise<void>, enabled = true): void {
  usePullDownRefresh(async () => {
    if (!enabled) return;
    pullDownReloads += 1;
    try {
      await reload();
    } finally {
      pullDownReloads -= 1;
      if (pullDownReloads === 0) Taro.stopPullDownRefresh();
    }
  });
}

/** Reloads whenever the page is shown again (e.g. back from an edit page). */
export function useReloadOnShow(reload: () => Promise<void>, enabled: boolean): void {
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which the hook's own effect already loads for.
    if (enabled && shown.current) void reload();
    shown.current = true;
  });
}
