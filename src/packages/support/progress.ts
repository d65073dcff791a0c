import type { Progress1311 } from '@contract/support';

/** The 1311 package as short ticks: `培训✓ 推荐2/3轮·7/10岗 见习— 指导✓`. */
export function progressText(p: Progress1311): string {
  const tick = (done: boolean) => (done ? '✓' : '—');
  return `培训${tick(p.training)} 推荐${Math.min(p.recommendationRounds, 3)}/3轮·${Math.min(p.jobsRecommended, 10)}/10岗 见习${tick(p.trainee)} 指导${tick(p.guidance)}`;
}

/** Steps left of the 1311 package, in the order a caseworker would work through them. */
export function remainingSteps(p: Progress1311): string[] {
  const steps: string[] = [];
  if (!p.training) steps.push('1次职业培训');
  if (p.recommendationRounds < 3 || p.jobsRecommended < 10) {
    steps.push(`再推荐 ${Math.max(3 - p.recommendationRounds, 0)} 轮、至少 ${Math.max(10 - p.jobsRecommended, 0)} 个岗位`);
  }
  if (!p.trainee) steps.push('1次就业见习');
  if (!p.guidance) steps.push('1次职业指导');
  return steps;
}
