import { View } from '@tarojs/components';
import { useState } from 'react';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { getMe } from '@/services/api/user';
import StaffContests from '../../components/StaffContests';
import StaffCourses from '../../components/StaffCourses';
import { PlaceReview, StoryReview } from '../../components/StaffReview';
import StaffSlots from '../../components/StaffSlots';
import '../../growth.scss';

type Tab = 'slots' | 'courses' | 'contests' | 'places' | 'stories';

const TAB_LABELS: Record<Tab, string> = {
  slots: '咨询时段',
  courses: '课程与培训',
  contests: '创业大赛',
  places: '入驻审核',
  stories: '故事审核',
};

export default function GrowthStaffPage() {
  const user = useSession();
  const me = useRequest(getMe, user?.userId ?? '');
  const roles = user?.roles ?? [];
  const bureau = roles.includes('bureau') || roles.includes('admin');
  const district = roles.includes('district');
  const staff = bureau || district || roles.includes('college');
  const tabs: Tab[] = ['slots', 'courses', 'contests', ...(bureau || district ? (['places'] as const) : []), ...(bureau ? (['stories'] as const) : [])];
  const [tab, setTab] = useState<Tab>('slots');

  if (!staff) return <EmptyState kind='error' title='仅工作人员可用' />;
  return (
    <View className='ll-page growth-staff'>
      <View className='growth-tabs'>
        {tabs.map(t => (
          <Chip key={t} id={`growth-staff-tab-${t}`} active={tab === t} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </Chip>
        ))}
      </View>
      {tab === 'slots' && <StaffSlots key={me.data?.nickname ?? ''} canMentor={bureau || district} defaultName={me.data?.nickname ?? ''} />}
      {tab === 'courses' && <StaffCourses canTrain={bureau || district} isBureau={bureau} />}
      {tab === 'contests' && <StaffContests canCreate={bureau || district} />}
      {tab === 'places' && <PlaceReview />}
      {tab === 'stories' && <StoryReview />}
    </View>
  );
}
