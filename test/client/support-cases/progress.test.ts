import type { Progress1311 } from '@contract/support';
import { progressText, remainingSteps } from '@/packages/support/progress';

const none: Progress1311 = { training: false, recommendationRounds: 0, jobsRecommended: 0, trainee: false, guidance: false, complete: false };

describe('1311 progress for caseworkers and students', () => {
  it('should show the package as ticks and counts', () => {
    expect(progressText(none)).toBe('培训— 推荐0/3轮·0/10岗 见习— 指导—');
    expect(progressText({ ...none, training: true, recommendationRounds: 4, jobsRecommended: 12, guidance: true })).toBe('培训✓ 推荐3/3轮·10/10岗 见习— 指导✓');
  });

  it('should list what is left to do, and nothing once the package is complete', () => {
    expect(remainingSteps({ ...none, recommendationRounds: 2, jobsRecommended: 7 })).toEqual(['1次职业培训', '再推荐 1 轮、至少 3 个岗位', '1次就业见习', '1次职业指导']);
    expect(remainingSteps({ training: true, recommendationRounds: 3, jobsRecommended: 10, trainee: true, guidance: true, complete: true })).toEqual([]);
    expect(remainingSteps({ ...none, training: true, trainee: true, guidance: true, recommendationRounds: 3, jobsRecommended: 8 })).toEqual(['再推荐 0 轮、至少 2 个岗位']);
  });
});
