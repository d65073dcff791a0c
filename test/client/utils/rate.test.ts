import { formatCount, formatRate, freshnessText } from '@/utils/rate';

describe('rate and freshness formatting', () => {
  it('should show a rate as a percentage with one decimal, and a dash when there is nothing to divide by', () => {
    expect(formatRate(0.8534)).toBe('85.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0.5, 0)).toBe('50%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('should group thousands in counts', () => {
    expect(formatCount(60000)).toBe('60,000');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(null)).toBe('—');
  });

  it('should say when the figures were computed and how old they may be', () => {
    const at = '2026-11-30T05:05:00.000Z';
    expect(freshnessText(at, 60)).toBe('数据更新于 2026-11-30 13:05（最长缓存 60 秒）');
    expect(freshnessText('broken', 60)).toBe('');
  });
});
