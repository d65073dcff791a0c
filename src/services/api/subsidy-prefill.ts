import type { SubsidyPrefill } from '@contract/subsidy';
import { request } from '../http';

/** Where the platform's records say the graduate works: the application form starts from it. */
export function subsidyPrefill(): Promise<SubsidyPrefill> {
  return request<SubsidyPrefill>({ path: '/subsidy/prefill' });
}
