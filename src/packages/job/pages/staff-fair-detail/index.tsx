import { Button, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { FAIR_KIND_LABELS } from '@contract/job';
import { DEGREE_LABELS } from '@contract/reference';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { fairBooths, fairRegistrants, getFair } from '@/services/api/fair';
import { navigate } from '@/services/navigation';
import { formatDateTime } from '@/utils/format';
import '../../job-review.scss';

export default function StaffFairDetailPage() {
  const id = useRouter().params.id ?? '';
  const data = useRequest(async () => {
    const [fair, booths] = await Promise.all([getFair(id), fairBooths(id)]);
    return { fair, booths };
  }, id, { refreshOnShow: true });
  const registrants = usePagedList(cursor => fairRegistrants(id, { cursor }), id);

  if (data.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (data.status === 'error' || !data.data) return <EmptyState kind='error' title='加载失败' description={data.error} actionText='重试' onAction={data.reload} />;
  const { fair, booths } = data.data;
  return (
    <View className='ll-page'>
      <View className='ll-card'>
        <View className='sr-title'>{fair.title}</View>
        <View className='sr-sub'>
          {FAIR_KIND_LABELS[fair.kind]} · {formatDateTime(fair.startAt)} 至 {formatDateTime(fair.endAt)} · {fair.venue}
        </View>
        <View className='sr-sub'>
          展位 {fair.boothCount}/{fair.boothCapacity} · 报名 {fair.registrationCount} 人
        </View>
        <Button id='staff-fair-checkin' className='ll-button sr-input' onClick={() => void navigate('staffFairCheckIn', { id: fair.id })}>
          扫码签到
        </Button>
      </View>
      <View className='ll-card'>
        <View className='sr-title'>展位（{booths.length}）</View>
        {booths.length === 0 && <View className='sr-sub'>尚无企业预订</View>}
        {booths.map(booth => (
          <View key={booth.id} className='sr-row'>
            <View>{booth.enterpriseName}</View>
            <View className='sr-muted'>{booth.jobs.map(j => j.title).join('、') || '岗位已结束'}</View>
          </View>
        ))}
      </View>
      <View className='ll-card'>
        <View className='sr-title'>报名学生</View>
        {registrants.items.map(r => (
          <View key={r.id} id={`registrant-${r.id}`} className='sr-row'>
            <View>{[r.name, r.schoolName, r.degree ? DEGREE_LABELS[r.degree] : '', r.major].filter(Boolean).join(' · ')}</View>
            <View className={r.checkedInAt ? '' : 'sr-muted'}>{r.checkedInAt ? `已签到 ${formatDateTime(r.checkedInAt)}` : '未签到'}</View>
          </View>
        ))}
        <ListFooter list={registrants} empty={{ title: '暂无报名' }} compact />
      </View>
    </View>
  );
}
