import type { BreakdownRow, Dashboard, TargetProgress } from '@contract/statistics';

/**
 * Chart options for the dashboard, as plain data (no echarts import): the same objects drive the
 * h5 DOM chart and the weapp canvas chart, and are unit-tested without either.
 */
export interface ChartOption {
  [key: string]: unknown;
}

const PRIMARY = '#1677ff';
const SUCCESS = '#00a870';
const MUTED = '#c9cdd4';
const PALETTE = [PRIMARY, SUCCESS, '#ed7b2f', '#722ed1', '#13c2c2', '#eb2f96', '#fadb14', '#8f959e', '#e34d59'];

/** Long Chinese labels break the axis on a phone: keep the first `max` characters. */
export function shortLabel(label: string, max = 8): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Completion of each target in percent, capped for the bar at 150 so one outlier does not flatten the rest. */
export function targetPercent(t: TargetProgress): number | null {
  if (t.progress === null) return null;
  return Math.round(Math.min(t.progress, 1.5) * 1000) / 10;
}

/** Horizontal bars: each target's completion with a line at 100%; targets not recorded yet are listed as 暂无. */
export function targetsOption(targets: readonly TargetProgress[]): ChartOption {
  const rows = [...targets].reverse();
  return {
    color: PALETTE,
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 150, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map(t => shortLabel(t.label, 10)) },
    series: [
      {
        type: 'bar',
        name: '完成率',
        data: rows.map(t => {
          const value = targetPercent(t);
          return {
            value: value ?? 0,
            itemStyle: { color: value === null ? MUTED : value >= 100 ? SUCCESS : PRIMARY },
            label: { show: true, position: 'right', formatter: value === null ? '暂无' : `${value}%` },
          };
        }),
        markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#e34d59', type: 'dashed' }, label: { formatter: '目标' } },
      },
    ],
  };
}

/** Grouped bars of graduates and those who stayed, for the first `top` rows (rows arrive sorted). */
export function breakdownOption(rows: readonly BreakdownRow[], top = 12): ChartOption {
  const shown = rows.slice(0, top);
  return {
    color: [MUTED, PRIMARY],
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['毕业生', '留连'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: shown.map(r => shortLabel(r.label, 6)), axisLabel: { interval: 0, rotate: shown.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '毕业生', data: shown.map(r => r.graduates) },
      { type: 'bar', name: '留连', data: shown.map(r => r.stayed) },
    ],
  };
}

/** A ring of graduates by destination; empty categories are left out. */
export function destinationOption(rows: Dashboard['byDestination']): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        name: '去向',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%' },
        data: rows.filter(r => r.graduates > 0).map(r => ({ name: r.label, value: r.graduates })),
      },
    ],
  };
}

/**
 * Retention of Dalian colleges' graduates as a two-part ring, the rate in the middle. With no graduates
 * in the registry yet there is nothing to split: one grey ring and 暂无数据, never a half-blue 0 / 0.
 */
export function retentionOption(retention: Dashboard['retention']): ChartOption {
  if (retention.graduates <= 0) {
    return {
      color: [MUTED],
      title: { text: '—', subtext: '暂无数据', left: 'center', top: '38%', textStyle: { fontSize: 22, color: '#1f2329' } },
      tooltip: { show: false },
      series: [{ type: 'pie', radius: ['55%', '75%'], label: { show: false }, silent: true, data: [{ name: '暂无数据', value: 1 }] }],
    };
  }
  const left = Math.max(retention.graduates - retention.stayed, 0);
  const rate = retention.rate === null ? '—' : `${(retention.rate * 100).toFixed(1)}%`;
  return {
    color: [PRIMARY, MUTED],
    title: { text: rate, subtext: '留连率', left: 'center', top: '38%', textStyle: { fontSize: 22, color: '#1f2329' } },
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
    series: [
      {
        type: 'pie',
        radius: ['55%', '75%'],
        label: { show: false },
        data: [
          { name: '留连', value: retention.stayed },
          { name: '离连或未登记', value: left },
        ],
      },
    ],
  };
}
