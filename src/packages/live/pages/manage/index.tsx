import { Button, View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { myLiveSessions } from '@/services/api/live';
import { navigate } from '@/services/navigation';
import { formatDateTime } from '@/utils/format';
import { LIVE_STATUS_LABELS } from '../../labels';
import '../../live.scss';
import { pressable } from '@/utils/a11y';

/** A recruiter's sessions, newest first, each opening its console. */
export default function LiveManagePage() {
  const list = useRequest(myLiveSessions, 'live-mine', { refreshOnShow: true });
  return (
    <View className='ll-page live-manage'>
      <Button id='live-new' className='ll-button live-manage__new' onClick={() => void navigate('liveSchedule')}>
        创建直播
      </Button>
      {list.status === 'loading' && !list.data ? <EmptyState kind='loading' title='正在加载…' /> : null}
      {list.status === 'error' ? <EmptyState kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} /> : null}
      {list.data && list.data.length === 0 ? <EmptyState title='还没有直播' description='创建直播带岗，介绍岗位、在线答疑，观众可边看边投递' /> : null}
      {(list.data ?? []).map(s => (
        <View key={s.id} id={`live-mine-${s.id}`} className='ll-card' {...pressable(() => void navigate('liveHost', { id: s.id }), { role: 'link' })}>
          <View className='live-manage__item-head'>
            <View className='live-manage__item-title'>{s.title}</View>
            <Tag tone={s.status === 'live' ? 'danger' : s.status === 'rejected' ? 'warning' : 'primary'}>{LIVE_STATUS_LABELS[s.status]}</Tag>
          </View>
          <View className='live-manage__item-meta'>
            {formatDateTime(s.startAt)} · {s.bookingCount} 人预约
          </View>
        </View>
      ))}
    </View>
  );
}
