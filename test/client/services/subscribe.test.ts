import { subscribeFailMessage, subscribeResults, templatesToRequest } from '@/services/subscribe';

const templates = [
  { topic: 'policy', templateId: 'TPL_policy_0001' },
  { topic: 'application', templateId: 'TPL_application_01' },
  { topic: 'subsidy', templateId: 'TPL_subsidy_0001' },
  { topic: 'live', templateId: 'TPL_live_000001' },
] as const;

describe('subscribe popup helpers', () => {
  it('should ask only for the chosen topics with a configured template, at most three', () => {
    expect(templatesToRequest(['policy', 'live'], templates)).toEqual(['TPL_policy_0001', 'TPL_live_000001']);
    expect(templatesToRequest(['policy', 'application', 'subsidy', 'live'], templates)).toHaveLength(3);
    expect(templatesToRequest([], templates)).toEqual([]);
    expect(templatesToRequest(['policy'], [])).toEqual([]);
  });

  it('should record accept variants as accept and keep other answers', () => {
    const answer = {
      errMsg: 'requestSubscribeMessage:ok',
      TPL_policy_0001: 'acceptWithAlert',
      TPL_live_000001: 'reject',
      TPL_subsidy_0001: 'ban',
      TPL_other: 'accept',
    };
    expect(subscribeResults(answer, ['TPL_policy_0001', 'TPL_live_000001', 'TPL_subsidy_0001'])).toEqual({
      TPL_policy_0001: 'accept',
      TPL_live_000001: 'reject',
      TPL_subsidy_0001: 'ban',
    });
  });

  it('should drop answers WeChat did not give or that are not known values', () => {
    expect(subscribeResults({ TPL_policy_0001: 'maybe' }, ['TPL_policy_0001', 'TPL_live_000001'])).toEqual({});
  });

  it('should explain the main-switch error and fall back to a generic sentence', () => {
    expect(subscribeFailMessage(20004)).toContain('总开关');
    expect(subscribeFailMessage(undefined)).toBe('订阅未完成，请稍后重试');
  });
});
