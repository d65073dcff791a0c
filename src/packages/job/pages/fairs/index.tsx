import { View } from '@tarojs/components';
import { FAIR_KIND_LABELS } from '@contract/job';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { upcomingFairs } from '@/services/api/fair';
import { navigate } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import { formatDateTime } from '@/utils/format';
import '../../fairs.scss';

export default function FairsPage() {
  const list = usePagedList(cursor => upcomingFairs({ cursor }));
  return (
    <View className='ll-page'>
      <View id='fairs-mine' className='ll-card fair__head' {...pressable(() => void navigate('myFairs'), { role: 'link' })}>
        <View>我报名的招聘会与签到码</View>
        <View aria-hidden='true'>›</View>
      </View>
      {list.items.map(fair => (
        <View key={fair.id} id={`fair-${fair.id}`} className='ll-card' {...pressable(() => void navigate('fairDetail', { id: fair.id }), { role: 'link' })}>
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
      <ListFooter list={list} empty={{ title: '近期没有招聘会', compact: true }} />
    </View>
  );
}
