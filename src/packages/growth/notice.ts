import { useRequest } from '@/hooks/useRequest';
import { growthNoticeConfig } from '@/services/api/growth';
import { withSubscribe } from '@/services/subscribe-tap';

export type WithNotice = <T>(run: () => Promise<T>) => Promise<T>;

/**
 * For the student taps that lead to a growth notice (sign-up, booking, registration, application,
 * story): wraps the action so the tap also asks for the subscribe message.
 */
export function useGrowthNotice(): WithNotice {
  const config = useRequest(growthNoticeConfig, 'growth-notice-config');
  const templateId = config.data?.templateId;
  return run => withSubscribe(templateId, run);
}
