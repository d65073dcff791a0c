import { Button, View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { myComplaints } from '@/services/api/complaint';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import { partyOf, statusTone } from '../../components/format';
import { pressable } from '@/utils/a11y';
import './index.scss';

export default function MyComplaintsPage() {
  const list = useRequest(myComplaints, 'my-complaints', { refreshOnShow: true, refreshOnPullDown: true });

  const actions = (
    <View className='complaint-mine__actions'>
      <Button id='complaint-new' className='ll-button complaint-mine__new' onClick={() => navigate('complaintNew', {})}>
        我要投诉
      </Button>
      <View id='complaint-hotlines' className='complaint-mine__link' {...pressable(() => navigate('complaintHotlines'), { role: 'link' })}>
        维权电话 ›
      </View>
    </View>
  );

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const items = list.data ?? [];
  return (
    <View className='ll-page complaint-mine'>
      {actions}
      {items.length === 0 && <EmptyState title='还没有投诉' description='遇到虚假招聘、黑中介、培训贷、就业歧视或欠薪，可以在这里投诉' compact />}
      {items.map(c => (
        <View key={c.id} id={`complaint-${c.id}`} className='ll-card complaint-mine__item' {...pressable(() => navigate('complaintDetail', { id: c.id }), { role: 'link' })}>
          <View className='complaint-mine__head'>
            <View className='complaint-mine__title'>{c.categoryLabel}</View>
            <Tag tone={statusTone(c.status)}>{c.statusLabel}</Tag>
          </View>
          <View className='complaint-mine__party'>{partyOf(c)}</View>
          <View className='complaint-mine__meta'>
            提交于 {formatDate(c.submittedAt)}
            {c.dueAt ? ` · 办理期限 ${formatDate(c.dueAt)}` : ''}
          </View>
          {c.reply && <View className='complaint-mine__reply'>答复：{c.reply}</View>}
        </View>
      ))}
    </View>
  );
}
