import type { BreakdownRow, Dashboard, TargetProgress } from '@contract/statistics';
import { breakdownOption, destinationOption, retentionOption, shortLabel, targetPercent, targetsOption } from '@/packages/statistics/charts/options';

const target = (key: string, actual: number | null, goal: number): TargetProgress => ({
  key,
  label: `指标${key}`,
  actual,
  target: goal,
  unit: 'people',
  progress: actual === null ? null : actual / goal,
});

type Series = Array<{ data: Array<{ value: number; label: { formatter: string }; itemStyle: { color: string } } | number> }>;

describe('dashboard chart options', () => {
  it('should show each target as its completion percentage, in the given order from the top', () => {
    const option = targetsOption([target('a', 75000, 150000), target('b', 33000, 30000), target('c', null, 10)]);
    expect((option.yAxis as { data: string[] }).data).toEqual(['指标c', '指标b', '指标a']);
    const [bars] = option.series as Series;
    const data = bars.data as Array<{ value: number; label: { formatter: string }; itemStyle: { color: string } }>;
    expect(data.map(d => d.value)).toEqual([0, 110, 50]);
    expect(data.map(d => d.label.formatter)).toEqual(['暂无', '110%', '50%']);
    expect(data[1].itemStyle.color).not.toBe(data[2].itemStyle.color);
  });

  it('should cap an outlier at 150% and leave a target without figures empty', () => {
    expect(targetPercent(target('x', 900, 100))).toBe(150);
    expect(targetPercent(target('y', 1, 3))).toBe(33.3);
    expect(targetPercent(target('z', null, 3))).toBeNull();
  });

  it('should compare graduates and those who stayed for the top rows only', () => {
    const rows: BreakdownRow[] = Array.from({ length: 15 }, (_, i) => ({ key: `k${i}`, label: `大连第${i}高等专科学校`, graduates: 100 - i, stayed: 50 - i }));
    const option = breakdownOption(rows, 12);
    const series = option.series as Array<{ name: string; data: number[] }>;
    expect(series.map(s => s.name)).toEqual(['毕业生', '留连']);
    expect(series[0].data).toHaveLength(12);
    expect(series[1].data[0]).toBe(50);
    expect((option.xAxis as { data: string[] }).data[0]).toBe('大连第0高…');
  });

  it('should leave empty destinations out of the ring', () => {
    const rows: Dashboard['byDestination'] = [
      { key: 'market-job', label: '市场化就业', graduates: 12, stayed: 10 },
      { key: 'military', label: '应征入伍', graduates: 0, stayed: 0 },
      { key: 'none', label: '未登记去向', graduates: 3, stayed: 0 },
    ];
    const [pie] = destinationOption(rows).series as Array<{ data: Array<{ name: string; value: number }> }>;
    expect(pie.data).toEqual([
      { name: '市场化就业', value: 12 },
      { name: '未登记去向', value: 3 },
    ]);
  });

  it('should put the retention rate in the middle of its ring', () => {
    const option = retentionOption({ graduates: 200, stayed: 150, rate: 0.75 });
    expect((option.title as { text: string }).text).toBe('75.0%');
    const [pie] = option.series as Array<{ data: Array<{ value: number }> }>;
    expect(pie.data.map(d => d.value)).toEqual([150, 50]);
    const empty = retentionOption({ graduates: 0, stayed: 0, rate: null });
    expect(empty.title).toMatchObject({ text: '—', subtext: '暂无数据' });
    const [ring] = empty.series as Array<{ data: Array<{ name: string }> }>;
    expect(ring.data.map(d => d.name)).toEqual(['暂无数据']); // one grey ring, not half blue for 0 / 0
    expect(empty.color).toEqual(['#c9cdd4']);
  });

  it('should shorten long labels with an ellipsis', () => {
    expect(shortLabel('甘井子区')).toBe('甘井子区');
    expect(shortLabel('大连理工大学城市学院', 6)).toBe('大连理工大…');
  });
});
