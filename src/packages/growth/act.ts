import Taro from '@tarojs/taro';
import { errorMessage } from '@/utils/errors';
import { beijingClock, beijingDay, beijingWeekday } from '@contract/time';

/** Runs one user action: a toast with the server's message on failure, `done` on success. */
export async function act<T>(run: () => Promise<T>, done?: string): Promise<T | undefined> {
  try {
    const result = await run();
    if (done) void Taro.showToast({ title: done, icon: 'success' });
    return result;
  } catch (err) {
    void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    return undefined;
  }
}

/** `2026-06-02T06:00:00Z` → `6月2日 周二 14:00`, always in Beijing time (the times staff entered). */
export function dayAndTime(iso: string): { day: string; time: string } {
  const at = new Date(iso);
  const [, month, date] = beijingDay(at).split('-').map(Number);
  return { day: `${month}月${date}日 周${'一二三四五六日'[beijingWeekday(at) - 1]}`, time: beijingClock(at) };
}
