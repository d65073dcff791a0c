import { View } from '@tarojs/components';
import { RESPONSIVENESS_MIN_SETTLED, RESPONSIVENESS_WINDOW_DAYS, type SlowEnterprise } from '@contract/responsiveness';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { slowEnterprises } from '@/services/api/job';
import { formatDateTime } from '@/utils/format';
import { hoursText } from '../../responsiveness';
import '../../job-review.scss';

function Row({ row, rank }: { row: SlowEnterprise; rank: number }) {
  const f = row.figures;
  const share = f.settled ? Math.round((f.answered / f.settled) * 100) : 0;
  return (
    <View id={`slow-${row.enterpriseId}`} className='ll-card'>
      <View className='sr-head'>
        <View className='sr-title'>
          {rank}. {row.enterpriseName}
        </View>
        <Tag tone={share < 60 ? 'danger' : share < 85 ? 'warning' : 'success'}>答复率 {share}%</Tag>
      </View>
      <View className='sr-sub'>首次查看中位数：{hoursText(f.firstViewMedianHours)}</View>
      <View className='sr-sub'>作出答复中位数：{hoursText(f.decisionMedianHours)}</View>
      <View className='sr-sub'>
        近{RESPONSIVENESS_WINDOW_DAYS}天投递 {f.applications} 份 · 已答复 {f.answered} 份 · 未反馈关闭 {row.unanswered} 份
      </View>
      <View className='sr-sub'>统计于 {formatDateTime(row.computedAt)}</View>
    </View>
  );
}

/** Staff: enterprises slowest to answer applications (近90天), so the bureau can follow up. */
export default function SlowEnterprisesPage() {
  const list = useRequest(() => slowEnterprises(50), 'slow-enterprises', { refreshOnPullDown: true });
  return (
    <View className='ll-page'>
      <View className='sr-sub slow-intro'>
        按近{RESPONSIVENESS_WINDOW_DAYS}天首次查看投递的中位时间排序，最慢的在前；已答复或未反馈关闭的投递满 {RESPONSIVENESS_MIN_SETTLED} 份的企业才列入。
      </View>
      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='暂无数据足够的企业' />}
      {(list.data ?? []).map((row, i) => (
        <Row key={row.enterpriseId} row={row} rank={i + 1} />
      ))}
    </View>
  );
}
