import { useMemo, useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COLLEGES, DISTRICTS } from '@contract/reference';
import { dashboardFileName, type BreakdownRow, type Dashboard, type ServicesDelivered, type TargetProgress } from '@contract/statistics';
import DataTable, { type DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { dashboard, dashboardExportPath, targetYears, type DashboardQuery } from '@/services/api/statistics';
import { navigate } from '@/services/navigation';
import { saveWorkbook } from '@/services/save-file';
import { errorMessage } from '@/utils/errors';
import { formatCount, formatRate, freshnessText } from '@/utils/rate';
import EChart from '../../components/EChart';
import { breakdownOption, destinationOption, retentionOption, targetsOption } from '../../charts/options';
import './index.scss';

const CITY = 'city';
const thisYear = new Date().getFullYear();
const RECENT_YEARS = [thisYear, thisYear - 1, thisYear - 2];

/** The recent years and every year the bureau set targets for (the plan's 2022 among them), newest first. */
function yearOptions(withTargets: readonly number[]): Array<{ value: number; label: string }> {
  return [...new Set([...RECENT_YEARS, ...withTargets])].sort((a, b) => b - a).map(y => ({ value: y, label: `${y}年` }));
}
const SCOPES = [
  { value: CITY, label: '全市' },
  ...COLLEGES.map(c => ({ value: `college:${c.id}`, label: c.name })),
  ...DISTRICTS.map(d => ({ value: `district:${d.code}`, label: d.name })),
];

const SERVICE_LABELS: Record<keyof ServicesDelivered, string> = {
  contentsPublished: '政策资讯发布',
  jobsPublished: '在招岗位',
  fairs: '招聘会',
  liveSessions: '直播带岗',
  traineePosts: '见习岗位（人）',
  applications: '岗位投递',
  subsidiesApproved: '补贴审批通过',
  subsidiesPaid: '补贴已发放',
};

function scopeQuery(scope: string, year: number): DashboardQuery {
  const [kind, id] = scope.split(':');
  if (kind === 'college') return { year, collegeId: id };
  if (kind === 'district') return { year, districtCode: id };
  return { year };
}

function scopeName(d: Dashboard): string {
  if (d.scope.kind === 'city') return '全市';
  if (d.scope.collegeId) return COLLEGES.find(c => c.id === d.scope.collegeId)?.name ?? d.scope.collegeId;
  return DISTRICTS.find(x => x.code === d.scope.districtCode)?.name ?? d.scope.districtCode ?? '';
}

function TargetCard({ t }: { t: TargetProgress }) {
  const pct = t.progress === null ? 0 : Math.min(t.progress, 1) * 100;
  const show = (n: number | null) => (n === null ? '暂无' : t.unit === 'percent' ? formatRate(n) : formatCount(n));
  return (
    <View id={`target-${t.key}`} className='dash-target'>
      <View className='dash-target__label'>{t.label}</View>
      <View className='dash-target__figures'>
        <View className='dash-target__actual'>{show(t.actual)}</View>
        <View className='dash-target__goal'>
          / 目标 {show(t.target)}
          {t.stretch !== undefined ? `（力争 ${show(t.stretch)}）` : ''}
        </View>
      </View>
      <View className='dash-target__bar'>
        <View className={`dash-target__fill${(t.progress ?? 0) >= 1 ? ' dash-target__fill--done' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      <View className='dash-target__rate'>{t.progress === null ? t.note ?? '平台暂未记录' : `完成 ${formatRate(t.progress)}`}</View>
    </View>
  );
}

const breakdownColumns: Array<DataColumn<BreakdownRow>> = [
  { key: 'label', title: '分类', size: 'wide', render: r => r.label },
  { key: 'graduates', title: '当年毕业生', render: r => formatCount(r.graduates) },
  { key: 'stayed', title: '留连', render: r => formatCount(r.stayed) },
  { key: 'rate', title: '留连率', render: r => formatRate(r.graduates ? r.stayed / r.graduates : null) },
];

function Breakdown({ id, title, rows, chart }: { id: string; title: string; rows: BreakdownRow[]; chart?: boolean }) {
  const option = useMemo(() => breakdownOption(rows), [rows]);
  return (
    <View className='ll-card dash-panel'>
      <View className='dash-panel__title'>{title}</View>
      {rows.length === 0 ? (
        <EmptyState title='暂无数据' compact />
      ) : (
        <View>
          {chart && <EChart id={`chart-${id}`} option={option} height={280} />}
          <DataTable idPrefix={id} columns={breakdownColumns} rows={rows} rowKey={r => r.key || 'none'} />
        </View>
      )}
    </View>
  );
}

export default function DashboardPage() {
  const user = useSession();
  const isCity = Boolean(user?.roles.some(r => r === 'bureau' || r === 'admin'));
  const [scope, setScope] = useState(CITY);
  const [year, setYear] = useState(thisYear);
  const [busy, setBusy] = useState(false);
  const planYears = useRequest(targetYears, 'target-years', { refreshOnShow: true });
  const years = useMemo(() => yearOptions((planYears.data ?? []).map(y => y.year)), [planYears.data]);
  const query = scopeQuery(isCity ? scope : CITY, year);
  const data = useRequest(() => dashboard(query), JSON.stringify(query), { refreshOnPullDown: true, refreshOnShow: true });
  const d = data.data;
  const charts = useMemo(
    () => (d ? { targets: targetsOption(d.targets), destination: destinationOption(d.byDestination), retention: retentionOption(d.retention) } : undefined),
    [d],
  );

  const exportXlsx = async () => {
    setBusy(true);
    try {
      await saveWorkbook(dashboardExportPath(query), dashboardFileName(year, new Date()));
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='ll-page dash'>
      <View className='dash-toolbar'>
        <View className='dash-toolbar__filters'>
          {isCity && (
            <View className='dash-toolbar__field'>
              <SelectField id='dash-scope' title='统计范围' placeholder='全市' options={SCOPES} value={scope} onChange={setScope} />
            </View>
          )}
          <View className='dash-toolbar__field'>
            <SelectField id='dash-year' title='年度' placeholder='年度' options={years} value={year} onChange={setYear} />
          </View>
        </View>
        <Button id='dash-export' size='mini' type='primary' disabled={busy || !d} onClick={() => void exportXlsx()}>
          导出调度会报表
        </Button>
      </View>

      {data.status === 'loading' && <EmptyState kind='loading' title='正在统计…' />}
      {data.status === 'error' && <EmptyState kind='error' title='统计失败' description={data.error} actionText='重新加载' onAction={data.reload} />}
      {data.status === 'ready' && d && charts && (
        <View>
          <View className='dash-heading'>
            <View id='dash-title' className='dash-heading__title'>
              {d.year}年 {scopeName(d)} 工作进度（年初至今）
            </View>
            <View id='dash-freshness' className='dash-heading__freshness'>
              {freshnessText(d.computedAt, d.freshnessSeconds)}
            </View>
          </View>

          {d.plan ? (
            <View id='dash-plan' className='dash-plan'>
              目标来源：{d.plan.source}
            </View>
          ) : (
            <View id='dash-no-plan' className='ll-card dash-plan dash-plan--none'>
              <View>{d.year}年尚未设定工作目标，以下只列实际完成情况，不计算目标完成率。</View>
              {isCity && (
                <Button id='dash-set-targets' className='dash-plan__action' size='mini' type='default' onClick={() => void navigate('staffTargets', { year: d.year })}>
                  设定{d.year}年目标
                </Button>
              )}
            </View>
          )}

          <View className='dash-targets'>
            {d.targets.map(t => (
              <TargetCard key={t.key} t={t} />
            ))}
          </View>

          <View className='dash-grid'>
            {d.targets.length > 0 && (
              <View className='ll-card dash-panel'>
                <View className='dash-panel__title'>目标完成率</View>
                <EChart id='chart-targets' option={charts.targets} height={Math.max(220, d.targets.length * 44)} />
              </View>
            )}
            <View className='ll-card dash-panel'>
              <View className='dash-panel__title'>大连高校毕业生留连率</View>
              <EChart id='chart-retention' option={charts.retention} height={240} />
              <View id='dash-retention' className='dash-panel__note'>
                留连 {formatCount(d.retention.stayed)} 人 / 毕业生 {formatCount(d.retention.graduates)} 人
              </View>
            </View>
            <View className='ll-card dash-panel'>
              <View className='dash-panel__title'>毕业去向</View>
              <EChart id='chart-destination' option={charts.destination} height={300} />
            </View>
            <View className='ll-card dash-panel'>
              <View className='dash-panel__title'>服务情况</View>
              <View className='dash-services'>
                {(Object.keys(SERVICE_LABELS) as Array<keyof ServicesDelivered>).map(k => (
                  <View key={k} id={`service-${k}`} className='dash-services__item'>
                    <View className='dash-services__value'>{formatCount(d.services[k])}</View>
                    <View className='dash-services__label'>{SERVICE_LABELS[k]}</View>
                  </View>
                ))}
              </View>
            </View>
          </View>

          <View className='dash-grid'>
            <Breakdown id='by-college' title='按高校' rows={d.byCollege} chart />
            <Breakdown id='by-district' title='按就业区市县' rows={d.byDistrict} chart />
            <Breakdown id='by-origin' title='按生源（省内 / 省外）' rows={d.byOrigin} />
            <Breakdown id='by-dfc' title='“双一流”高校' rows={d.byDoubleFirstClass} />
            <Breakdown id='by-destination' title='按去向' rows={d.byDestination} />
          </View>

          <View className='ll-card dash-panel'>
            <View className='dash-panel__title'>统计口径</View>
            {d.definitions.map(text => (
              <View key={text} className='dash-panel__definition'>
                {text}
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
