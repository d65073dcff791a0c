import { useState } from 'react';
import { Input, ScrollView, View } from '@tarojs/components';
import { JOB_KINDS, JOB_KIND_LABELS, type JobKind } from '@contract/job';
import { DISTRICTS, type DistrictCode } from '@contract/reference';
import Chip from '@/components/Chip';
import JobCard from '@/components/JobCard';
import ListFooter from '@/components/ListFooter';
import LoginPrompt from '@/components/LoginPrompt';
import { navigate } from '@/services/navigation';
import { usePagedList } from '@/hooks/usePagedList';
import { useSession } from '@/hooks/useSession';
import { listJobs, recommendedJobs } from '@/services/api/job';
import { pressable } from '@/utils/a11y';
import './index.scss';

export default function Jobs() {
  const [kind, setKind] = useState<JobKind>();
  const [district, setDistrict] = useState<DistrictCode>();
  const [mode, setMode] = useState<'newest' | 'recommended'>('newest');
  const [keyword, setKeyword] = useState('');
  const user = useSession();
  const student = Boolean(user?.roles.includes('student'));
  // Recommendations are built from a profile: a guest is invited to log in instead of getting a 401.
  const guestRecommended = mode === 'recommended' && !user;
  const filters = { kind, district, q: keyword || undefined };
  const list = usePagedList(
    cursor =>
      guestRecommended
        ? Promise.resolve({ items: [] })
        : mode === 'recommended'
          ? recommendedJobs({ ...filters, cursor })
          : listJobs({ ...filters, cursor }),
    { ...filters, mode, signedIn: Boolean(user) },
  );

  return (
    <View className='jobs'>
      <View className='jobs-filters'>
        <View className='jobs-search'>
          <Input
            id='job-search'
            className='jobs-search__input'
            aria-label='搜索岗位'
            placeholder='搜索岗位、企业、专业'
            confirmType='search'
            maxlength={30}
            onConfirm={e => setKeyword(e.detail.value.trim())}
          />
        </View>
        <View className='jobs-modes'>
          <Chip id='job-mode-newest' active={mode === 'newest'} onClick={() => setMode('newest')}>
            最新发布
          </Chip>
          <Chip id='job-mode-recommended' active={mode === 'recommended'} onClick={() => setMode('recommended')}>
            为我推荐
          </Chip>
          {student && (
            <View id='jobs-my-applications' className='jobs-modes__mine' {...pressable(() => void navigate('myApplications'), { role: 'link' })}>
              我的投递 ›
            </View>
          )}
        </View>
        <ScrollView scrollX className='jobs-filters__row' enhanced showScrollbar={false}>
          <Chip id='job-kind-all' active={!kind} onClick={() => setKind(undefined)}>
            全部类型
          </Chip>
          {JOB_KINDS.map(k => (
            <Chip key={k} id={`job-kind-${k}`} active={kind === k} onClick={() => setKind(k)}>
              {JOB_KIND_LABELS[k]}
            </Chip>
          ))}
        </ScrollView>
        <ScrollView scrollX className='jobs-filters__row' enhanced showScrollbar={false}>
          <Chip id='job-district-all' active={!district} onClick={() => setDistrict(undefined)}>
            全部区域
          </Chip>
          {DISTRICTS.map(d => (
            <Chip key={d.code} id={`job-district-${d.code}`} active={district === d.code} onClick={() => setDistrict(d.code)}>
              {d.name}
            </Chip>
          ))}
        </ScrollView>
      </View>

      <View className='ll-page'>
        {guestRecommended && <LoginPrompt id='job-login' title='登录后查看为你推荐的岗位' description='按你的专业、学历和求职意向推荐，也可以先看「最新发布」' />}
        {list.items.map(job => (
          <JobCard key={job.id} job={job} onClick={() => navigate('jobDetail', { id: job.id })} />
        ))}
        {!guestRecommended && (
          <ListFooter
            list={list}
            loadingTitle='正在加载岗位…'
            failed={{ title: '岗位加载失败' }}
            empty={{ title: '暂无符合条件的岗位', description: '换个类型或区域试试' }}
          />
        )}
      </View>
    </View>
  );
}
