import { useState } from 'react';
import { Button, Input, Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import { useRequest } from '@/hooks/useRequest';
import { beijingDay } from '@contract/time';
import { liveNoticeConfig, scheduleLive } from '@/services/api/live';
import { myJobs } from '@/services/api/recruiter';
import { ApiError } from '@/services/http';
import { redirect } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatSalary } from '@/utils/format';
import { checkSchedule, type ScheduleDraft, type ScheduleField } from '../../schedule-form';
import '../../live.scss';
import { pressable } from '@/utils/a11y';

const EMPTY: ScheduleDraft = { title: '', coverUrl: '', date: '', time: '', jobIds: [], finderUserName: '' };

export default function LiveSchedulePage() {
  const jobs = useRequest(() => myJobs({ limit: 50 }), 'live-schedule-jobs');
  const config = useRequest(liveNoticeConfig, 'live-config');
  const mode = config.data?.mode ?? 'player';
  const [draft, setDraft] = useState<ScheduleDraft>(EMPTY);
  const [error, setError] = useState<{ field?: ScheduleField; message: string }>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => setDraft(prev => ({ ...prev, [key]: value }));
  const errorOf = (field: ScheduleField) => (error?.field === field ? error.message : undefined);

  const toggleJob = (id: string) => set('jobIds', draft.jobIds.includes(id) ? draft.jobIds.filter(j => j !== id) : [...draft.jobIds, id]);

  const submit = async () => {
    const checked = checkSchedule(draft, new Date(), mode);
    if ('field' in checked) {
      setError(checked);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const created = await scheduleLive(checked.input);
      void Taro.showToast({ title: created.status === 'pending' ? '已提交，等待审核' : '直播已创建', icon: 'none' });
      await redirect('liveHost', { id: created.id });
    } catch (err) {
      const field = err instanceof ApiError ? (err.field as ScheduleField | undefined) : undefined;
      setError({ field, message: errorMessage(err) });
      if (!field) void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const published = (jobs.data?.items ?? []).filter(j => j.status === 'published');
  return (
    <View className='ll-page live-form'>
      <View className='ll-card'>
        <FormField label='直播标题' required error={errorOf('title')}>
          <Input id='live-title' value={draft.title} maxlength={40} placeholder='如：星海软件 2026 届校园招聘直播' onInput={e => set('title', e.detail.value)} />
        </FormField>
        {mode === 'channels' && (
          <FormField label='视频号 ID' required error={errorOf('channels.finderUserName')} hint='本平台的直播在微信视频号进行：在视频号助手的账号设置中复制以 sph 开头的 ID，视频号须与小程序同一主体'>
            <Input id='live-finder' value={draft.finderUserName} maxlength={64} placeholder='sph…' onInput={e => set('finderUserName', e.detail.value)} />
          </FormField>
        )}
        <FormField label='封面图片地址' error={errorOf('coverUrl')} hint='选填，https 图片链接'>
          <Input id='live-cover' value={draft.coverUrl} placeholder='https://…' onInput={e => set('coverUrl', e.detail.value)} />
        </FormField>
        <FormField label='开播时间' required error={errorOf('startAt')} hint='北京时间'>
          <View className='live-manage__actions'>
            <Picker mode='date' value={draft.date} start={beijingDay(new Date())} onChange={e => set('date', e.detail.value)}>
              <View id='live-date' className='live-form__picker'>{draft.date || '选择日期'}</View>
            </Picker>
            <Picker mode='time' value={draft.time} onChange={e => set('time', e.detail.value)}>
              <View id='live-time' className='live-form__picker'>{draft.time || '选择时间'}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='推荐岗位' required error={errorOf('jobIds')} hint='观众可在直播间一键投递这些岗位'>
          {jobs.status === 'loading' ? <EmptyState compact kind='loading' title='正在加载岗位…' /> : null}
          {jobs.status === 'error' ? <EmptyState compact kind='error' title='岗位加载失败' description={jobs.error} actionText='重试' onAction={jobs.reload} /> : null}
          {jobs.status === 'ready' && published.length === 0 ? <EmptyState compact title='没有在招岗位' description='请先发布岗位' /> : null}
          {published.map(job => (
            <View key={job.id} id={`live-pick-${job.id}`} className='live-form__job' {...pressable(() => toggleJob(job.id), { role: 'checkbox', checked: draft.jobIds.includes(job.id) })}>
              <View className={`ll-check${draft.jobIds.includes(job.id) ? ' ll-check--on' : ''}`} aria-hidden='true'>
                {draft.jobIds.includes(job.id) ? '✓' : ''}
              </View>
              <View id={`live-pick-title-${job.id}`}>
                {job.title} · {formatSalary(job.salaryMin, job.salaryMax)}
              </View>
            </View>
          ))}
        </FormField>
      </View>
      <Button id='live-submit' className='ll-button' loading={busy} disabled={busy} onClick={() => void submit()}>
        提交
      </Button>
    </View>
  );
}
