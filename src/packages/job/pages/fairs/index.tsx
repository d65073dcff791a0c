import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { FAIR_KIND_LABELS } from '@contract/job';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { upcomingFairs } from '@/services/api/fair';
import { navigate } from '@/services/navigation';
import { formatDateTime } from '@/utils/format';
import '../../fairs.scss';

export default function FairsPage() {
  const list = usePagedList((_q: object, cursor) => upcomingFairs({ cursor }), {});
  usePullDownRefresh(async () => {
    await list.reload();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  return (
    <View className='ll-page'>
      <View id='fairs-mine' className='ll-card fair__head' onClick={() => void navigate('myFairs')}>
        <View>我报名的招聘会与签到码</View>
        <View>›</View>
      </View>
      {list.items.length === 0 && <EmptyState title='近期没有招聘会' compact />}
      {list.items.map(fair => (
        <View key={fair.id} id={`fair-${fair.id}`} className='ll-card' onClick={() => void navigate('fairDetail', { id: fair.id })}>
          <View className='fair__head'>
            <View className='fair__title'>{fair.title}</View>
            <Tag tone='primary'>{FAIR_KIND_LABELS[fair.kind]}</Tag>
          </View>
          <View className='fair__sub'>
            {formatDateTime(fair.startAt)} 至 {formatDateTime(fair.endAt)}
          </View>
          <View className='fair__sub'>
            {fair.venue} · {fair.boothCount} 家企业 · {fair.registrationCount} 人报名
          </View>
        </View>
      ))}
      <ListFooter state={list.footer} onRetry={list.loadMore} />
    </View>
  );
}
