import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import { OVERDUE_LABELS, type SupportCaseView } from '@contract/support';
import DataTable, { type DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { claimCase, supportCases, supportRates, type CaseQuery } from '@/services/api/support';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate } from '@/utils/format';
import { formatRate } from '@/utils/rate';
import { progressText } from '../../progress';
import { pressable } from '@/utils/a11y';
import './index.scss';

type CaseFilter = 'mine' | 'all' | 'overdue';
const VIEWS: Array<{ value: CaseFilter; label: string }> = [
  { value: 'mine', label: '我负责的' },
  { value: 'all', label: '全部档案' },
  { value: 'overdue', label: '仅看逾期' },
];
const ALL = 'all';
const DISTRICT_OPTIONS = [{ value: ALL, label: '全市' }, ...DISTRICTS.map(d => ({ value: d.code as string, label: d.name }))];

export default function SupportCasesPage() {
  const user = useSession();
  const isCity = Boolean(user?.roles.some(r => r === 'bureau' || r === 'admin'));
  const [view, setView] = useState<CaseFilter>(isCity ? 'all' : 'mine');
  const [district, setDistrict] = useState<string>(ALL);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const districtCode = isCity && district !== ALL ? (district as DistrictCode) : undefined;
  const query: CaseQuery = { mine: view === 'mine' || undefined, overdue: view === 'overdue' || undefined, districtCode };
  const cases = useRequest(() => supportCases(query), JSON.stringify(query), { refreshOnShow: true, refreshOnPullDown: true });
  const rates = useRequest(() => supportRates(districtCode), districtCode ?? '', { refreshOnShow: true, refreshOnPullDown: true });

  const toggle = (id: string) =>
    setSelected(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const claimable = (cases.data ?? []).filter(c => !c.caseworkerId);

  const claimSelected = async () => {
    setBusy(true);
    let ok = 0;
    let failed = 0;
    for (const id of selected) {
      try {
        await claimCase(id);
        ok += 1;
      } catch (err) {
        failed += 1;
        if (selected.size === 1) Taro.showToast({ title: errorMessage(err), icon: 'none' });
      }
    }
    setSelected(new Set());
    setBusy(false);
    if (selected.size > 1 || !failed) Taro.showToast({ title: `已认领 ${ok} 份${failed ? `，${failed} 份未成功` : ''}`, icon: 'none' });
    await Promise.all([cases.reload(), rates.reload()]);
  };

  const columns: Array<DataColumn<SupportCaseView>> = [
    { key: 'name', title: '姓名', size: 'narrow', render: c => c.name },
    { key: 'district', title: '区市县', size: 'narrow', render: c => districtName(c.districtCode) },
    { key: 'from', title: '登记方式', size: 'narrow', render: c => (c.registeredBy === 'self' ? '本人登记' : '工作人员登记') },
    { key: 'worker', title: '责任人', size: 'narrow', render: c => (!c.caseworkerId ? '未分配' : c.caseworkerId === user?.userId ? '我' : '同事') },
    { key: 'progress', title: '1311 服务进度', size: 'wide', render: c => progressText(c.progress) },
    { key: 'visit', title: '最近回访', render: c => (c.progress.lastFollowUpAt ? formatDate(c.progress.lastFollowUpAt) : '未回访') },
    {
      key: 'overdue',
      title: '提醒',
      size: 'wide',
      render: c => (c.overdue.length ? <View className='support-cases__overdue'>{c.overdue.map(r => OVERDUE_LABELS[r]).join('；')}</View> : c.progress.complete ? '已完成 1311' : '—'),
    },
  ];

  const r = rates.data;
  return (
    <View className='ll-page support-cases'>
      <View id='support-rates' className='support-rates'>
        {[
          { key: 'cases', label: '帮扶档案', value: r ? String(r.cases) : '…' },
          { key: 'follow', label: '跟踪率（目标100%）', value: r ? formatRate(r.followUpRate) : '…' },
          { key: 'service', label: '1311服务完成率', value: r ? formatRate(r.serviceRate) : '…' },
          { key: 'overdue', label: '逾期档案', value: r ? String(r.overdue) : '…', tone: Boolean(r?.overdue) },
        ].map(item => (
          <View key={item.key} id={`support-rate-${item.key}`} className={`support-rates__item${item.tone ? ' support-rates__item--alert' : ''}`}>
            <View className='support-rates__value'>{item.value}</View>
            <View className='support-rates__label'>{item.label}</View>
          </View>
        ))}
      </View>

      <View className='support-cases__toolbar'>
        <View className='support-cases__tabs'>
          {VIEWS.filter(v => !isCity || v.value !== 'mine').map(v => (
            <View key={v.value} id={`cases-view-${v.value}`} className={`support-cases__tab${view === v.value ? ' support-cases__tab--active' : ''}`} {...pressable(() => setView(v.value), { role: 'radio', checked: view === v.value })}>
              {v.label}
            </View>
          ))}
        </View>
        {isCity && (
          <View className='support-cases__district'>
            <SelectField id='cases-district' title='区市县' placeholder='全市' options={DISTRICT_OPTIONS} value={district} onChange={setDistrict} />
          </View>
        )}
        <Button id='cases-register' size='mini' className='support-cases__claim support-cases__register' onClick={() => void navigate('supportRegister')}>
          登记离校未就业
        </Button>
        {!isCity && (
          <Button id='cases-claim' size='mini' className='support-cases__claim' disabled={busy || selected.size === 0} onClick={() => void claimSelected()}>
            认领所选（{selected.size}）
          </Button>
        )}
      </View>

      {cases.status === 'loading' && <EmptyState kind='loading' title='正在加载…' />}
      {cases.status === 'error' && <EmptyState kind='error' title='加载失败' description={cases.error} actionText='重新加载' onAction={cases.reload} />}
      {cases.status === 'ready' &&
        ((cases.data ?? []).length === 0 ? (
          <EmptyState title={view === 'mine' ? '暂无由您负责的档案' : view === 'overdue' ? '没有逾期的档案' : '暂无帮扶档案'} description={view === 'mine' ? '可在“全部档案”中认领' : undefined} compact />
        ) : (
          <DataTable
            idPrefix='case'
            columns={columns}
            rows={cases.data ?? []}
            rowKey={c => c.id}
            rowTone={c => (c.overdue.length ? 'danger' : undefined)}
            onRowClick={c => void navigate('supportCase', { id: c.id })}
            {...(!isCity && claimable.length
              ? {
                  selected,
                  onToggle: (id: string) => {
                    if (claimable.some(c => c.id === id)) toggle(id);
                    else Taro.showToast({ title: '该档案已有责任人', icon: 'none' });
                  },
                  onToggleAll: () => setSelected(prev => (prev.size === claimable.length ? new Set() : new Set(claimable.map(c => c.id)))),
                }
              : {})}
          />
        ))}
    </View>
  );
}
