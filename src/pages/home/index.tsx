import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ContentKind } from '@contract/policy';
import ContentCard from '@/components/ContentCard';
import EmptyState from '@/components/EmptyState';
import JobCard from '@/components/JobCard';
import Section from '@/components/Section';
import StaffDesk from '@/components/StaffDesk';
import { navigate, switchTab } from '@/services/navigation';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { listContents } from '@/services/api/content';
import { listJobs } from '@/services/api/job';
import { getMe } from '@/services/api/user';
import { refreshUnreadBadge } from '@/services/badge';
import { pressable } from '@/utils/a11y';
import { landsOnDesk } from '@/utils/staff-desk';
import './index.scss';

const PREVIEW_SIZE = 5;

interface QuickEntry {
  id: string;
  label: string;
  glyph: string;
  open: () => void;
}

const listOf = (kind: ContentKind) => () => navigate('policyList', { kind });

const QUICK_ENTRIES: QuickEntry[] = [
  { id: 'policy', label: '政策清单', glyph: '政', open: listOf('policy') },
  { id: 'service', label: '服务清单', glyph: '服', open: listOf('service') },
  { id: 'institution', label: '机构清单', glyph: '机', open: listOf('institution') },
  { id: 'jobs', label: '找岗位', glyph: '岗', open: () => switchTab('jobs') },
  { id: 'live', label: '直播带岗', glyph: '播', open: () => switchTab('live') },
  { id: 'growth', label: '成长服务', glyph: '长', open: () => navigate('growth') },
];

function ProfilePrompt() {
  const user = useSession();
  const me = useRequest(() => (user ? getMe() : Promise.resolve(undefined)), user?.userId ?? '', { refreshOnShow: true });
  if (!user?.roles.includes('student') || !me.data || me.data.profileComplete) return null;
  return (
    <View id='home-profile-prompt' className='home-prompt' {...pressable(() => void navigate('profile'), { role: 'link' })}>
      <View className='home-prompt__text'>
        <View className='home-prompt__title'>完善个人资料</View>
        <View className='home-prompt__description'>填写学校、专业和求职意向，获取更精准的政策和岗位推荐</View>
      </View>
      <View className='home-prompt__action'>去完善</View>
    </View>
  );
}

export default function Home() {
  const user = useSession();
  const policies = useRequest(() => listContents({ kind: 'policy', limit: PREVIEW_SIZE }), 'policies');
  const jobs = useRequest(() => listJobs({ limit: PREVIEW_SIZE }), 'jobs');
  useDidShow(() => {
    void refreshUnreadBadge();
  });

  return (
    <View className='home'>
      <View className='home-banner'>
        <View className='home-banner__title'>留连来连 · 就选大连</View>
        <View className='home-banner__tagline'>政策超前发力，服务精准到位，助力高校毕业生在连就业创业</View>
        {/* Two controls side by side (not one inside the other), so each is announced and tabbed to on its own. */}
        <View className='home-search' role='search'>
          <View id='home-search' className='home-search__placeholder' {...pressable(() => void navigate('policySearch', {}), { role: 'link' })}>
            搜索政策、服务、机构，如：住房补贴
          </View>
          <View id='home-search-forme' className='home-search__forme' {...pressable(() => void navigate('policySearch', { mode: 'forMe' }), { role: 'link', label: '为我推荐政策' })}>
            为我推荐
          </View>
        </View>
      </View>

      <View className='ll-page home-body'>
        {user && landsOnDesk(user.roles) && <StaffDesk userId={user.userId} roles={user.roles} />}
        <View className='home-entries'>
          {QUICK_ENTRIES.map(entry => (
            <View key={entry.id} id={`home-entry-${entry.id}`} className='home-entry' {...pressable(entry.open, { role: 'link' })}>
              <View className={`home-entry__icon home-entry__icon--${entry.id}`} aria-hidden='true'>
                {entry.glyph}
              </View>
              <View className='home-entry__label'>{entry.label}</View>
            </View>
          ))}
        </View>

        <ProfilePrompt />

        <Section title='最新政策' extra='全部' onExtra={listOf('policy')}>
          {policies.status === 'loading' && <EmptyState compact kind='loading' title='正在加载政策…' />}
          {policies.status === 'error' && (
            <EmptyState compact kind='error' title='政策加载失败' description={policies.error} actionText='重试' onAction={policies.reload} />
          )}
          {policies.status === 'ready' && policies.data?.items.length === 0 && <EmptyState compact title='暂无已发布的政策' />}
          {policies.data?.items.map(item => (
            <ContentCard key={item.id} item={item} onClick={() => navigate('policyDetail', { id: item.id })} />
          ))}
        </Section>

        {/* Shown once the policies above are in place: cards arriving above it would push it down the
            screen (layout shift 0.2–0.35 on a phone). Both lists are requested at once all the same. */}
        {policies.status !== 'loading' && (
          <Section title='推荐岗位' extra='更多' onExtra={() => switchTab('jobs')}>
            {jobs.status === 'loading' && <EmptyState compact kind='loading' title='正在加载岗位…' />}
            {jobs.status === 'error' && (
              <EmptyState compact kind='error' title='岗位加载失败' description={jobs.error} actionText='重试' onAction={jobs.reload} />
            )}
            {jobs.status === 'ready' && jobs.data?.items.length === 0 && <EmptyState compact title='暂无在招岗位' />}
            {jobs.data?.items.map(job => (
              <JobCard key={job.id} job={job} onClick={() => navigate('jobDetail', { id: job.id })} />
            ))}
          </Section>
        )}
      </View>
    </View>
  );
}
