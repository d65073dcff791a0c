import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { JOB_KIND_LABELS, type RecruiterJob } from '@contract/job';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { reportedJobs, restoreJob, takeDownJob } from '@/services/api/job';
import { confirmAction } from '@/services/confirm';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { districtName, formatSalary } from '@/utils/format';
import '../../job-review.scss';
import { pressable } from '@/utils/a11y';

function ReportedJob({ initial }: { initial: RecruiterJob }) {
  const [job, setJob] = useState(initial);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (what: 'take-down' | 'restore') => {
    if (reason.trim().length < 2) {
      setError(what === 'take-down' ? '请写明下架原因' : '请写明核查结论');
      return;
    }
    const confirmed = await confirmAction(
      what === 'take-down'
        ? { content: `下架后，“${job.title}”（${job.enterpriseName}）不再对学生展示，也不能再投递；企业会看到原因“${reason.trim()}”。`, confirmText: '下架', danger: true }
        : { content: `恢复后，“${job.title}”重新对学生展示、可以投递。核查结论：${reason.trim()}`, confirmText: '恢复' },
    );
    if (!confirmed) return;
    setBusy(true);
    setError('');
    try {
      setJob(what === 'take-down' ? await takeDownJob(job.id, reason.trim()) : await restoreJob(job.id, reason.trim()));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const open = job.status === 'published' || job.status === 'frozen';
  return (
    <View id={`reported-${job.id}`} className='ll-card'>
      <View className='sr-head'>
        <View className='sr-title sr-link' {...pressable(() => job.status === 'published' && void navigate('jobDetail', { id: job.id }), { role: 'link' })}>
          {job.title}
        </View>
        <Tag tone={job.status === 'frozen' ? 'warning' : job.status === 'taken-down' ? 'danger' : 'success'}>
          {job.status === 'frozen' ? '已冻结' : job.status === 'taken-down' ? '已下架' : '展示中'}
        </Tag>
      </View>
      <View className='sr-sub'>
        {job.enterpriseName} · {JOB_KIND_LABELS[job.kind]} · {formatSalary(job.salaryMin, job.salaryMax)} · {districtName(job.district)}
      </View>
      <View className='sr-sub'>{job.description.slice(0, 120)}</View>
      {open && (
        <View>
          <Input className='ll-input sr-input' placeholder='下架原因或核查结论（必填，记入审计）' maxlength={200} value={reason} onInput={e => setReason(e.detail.value)} />
          <View className='sr-actions'>
            <Button id={`reported-take-down-${job.id}`} type='warn' size='mini' disabled={busy} onClick={() => void act('take-down')}>
              下架
            </Button>
            {job.status === 'frozen' && (
              <Button id={`reported-restore-${job.id}`} size='mini' disabled={busy} onClick={() => void act('restore')}>
                核查无误，恢复
              </Button>
            )}
          </View>
        </View>
      )}
      {error && <View className='sr-error'>{error}</View>}
    </View>
  );
}

export default function ReportedJobsPage() {
  const list = usePagedList(reportedJobs, undefined, { refreshOnShow: true });
  return (
    <View className='ll-page'>
      <View className='sr-sub'>学生举报的岗位，举报最多的在前；被多次举报的岗位已自动冻结，等待核查。</View>
      {list.items.map(job => (
        <ReportedJob key={`${job.id}-${job.status}`} initial={job} />
      ))}
      <ListFooter list={list} empty={{ title: '没有被举报的岗位' }} />
    </View>
  );
}
