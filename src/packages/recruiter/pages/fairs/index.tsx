import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FAIR_KIND_LABELS, type FairView, type RecruiterJob } from '@contract/job';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { fairBooths, upcomingFairs } from '@/services/api/fair';
import { bookBooth, myEnterprise, myJobs } from '@/services/api/recruiter';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import '../../recruiter.scss';
import { pressable } from '@/utils/a11y';

function FairRow({ fair, enterpriseId, jobs }: { fair: FairView; enterpriseId: string; jobs: RecruiterJob[] }) {
  const [open, setOpen] = useState(false);
  const [booked, setBooked] = useState<string[] | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const expand = async () => {
    setOpen(!open);
    if (open || booked) return;
    try {
      const mine = (await fairBooths(fair.id)).find(b => b.enterpriseId === enterpriseId);
      if (mine) setBooked(mine.jobs.map(j => j.title));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const toggle = (id: string) => setChosen(c => (c.includes(id) ? c.filter(x => x !== id) : [...c, id]));

  const book = async () => {
    if (chosen.length === 0) {
      setError('请至少选择一个携带的岗位');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const booth = await bookBooth(fair.id, chosen);
      setBooked(booth.jobs.map(j => j.title));
      void Taro.showToast({ title: '展位已预订', icon: 'success' });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const full = fair.boothCount >= fair.boothCapacity;
  return (
    <View id={`rfair-${fair.id}`} className='ll-card'>
      <View className='rc-head' {...pressable(() => void expand())}>
        <View className='rc-title'>{fair.title}</View>
        <Tag tone='primary'>{FAIR_KIND_LABELS[fair.kind]}</Tag>
      </View>
      <View className='rc-sub'>
        {formatDateTime(fair.startAt)} · {fair.venue}
      </View>
      <View className='rc-sub'>
        展位 {fair.boothCount}/{fair.boothCapacity}
        {full ? '（已订满）' : ''}
      </View>
      {open && booked && <View className='rc-note'>本企业已预订展位，携带岗位：{booked.join('、')}</View>}
      {open && !booked && !full && (
        <View>
          <View className='rc-note'>选择携带的在招岗位：</View>
          <View className='rc-chips'>
            {jobs.map(job => (
              <Chip key={job.id} id={`rfair-job-${job.id}`} active={chosen.includes(job.id)} onClick={() => toggle(job.id)}>
                {job.title}
              </Chip>
            ))}
          </View>
          {jobs.length === 0 && <View className='rc-note'>暂无在招岗位，请先发布岗位</View>}
          <Button className='ll-button rc-input' loading={busy} disabled={busy || jobs.length === 0} onClick={() => void book()}>
            预订展位
          </Button>
        </View>
      )}
      {!open && <View className='rc-action rc-input' {...pressable(() => void expand())}>{full ? '查看' : '预订展位 ›'}</View>}
      {error && <View className='rc-error'>{error}</View>}
    </View>
  );
}

export default function RecruiterFairsPage() {
  const context = useRequest(async () => {
    const [enterprise, jobs] = await Promise.all([myEnterprise(), myJobs({ limit: 50 })]);
    return { enterprise, jobs: jobs.items.filter(j => j.status === 'published') };
  }, 'recruiter-fairs');
  const list = usePagedList(cursor => upcomingFairs({ cursor }));

  if (context.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (context.status === 'error' || !context.data) return <EmptyState kind='error' title='加载失败' description={context.error} actionText='重新加载' onAction={context.reload} />;
  const { enterprise, jobs } = context.data;
  if (enterprise.status !== 'verified') return <EmptyState title='企业通过审核后才能预订展位' />;
  return (
    <View className='ll-page'>
      {list.items.map(fair => (
        <FairRow key={fair.id} fair={fair} enterpriseId={enterprise.id} jobs={jobs} />
      ))}
      <ListFooter list={list} empty={{ title: '近期没有招聘会' }} />
    </View>
  );
}
