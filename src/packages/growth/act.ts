import Taro from '@tarojs/taro';
import { errorMessage } from '@/utils/errors';

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
  const beijing = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const week = '日一二三四五六'[beijing.getUTCDay()];
  return {
    day: `${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 周${week}`,
    time: `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`,
  };
}
