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

/** `2026-06-02T06:00:00Z` → `6月2日 周二 14:00` in the device's time zone. */
export function dayAndTime(iso: string): { day: string; time: string } {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const week = '日一二三四五六'[date.getDay()];
  return { day: `${date.getMonth() + 1}月${date.getDate()}日 周${week}`, time: `${pad(date.getHours())}:${pad(date.getMinutes())}` };
}
