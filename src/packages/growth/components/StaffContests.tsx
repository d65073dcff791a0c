import { Button, Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import { useRequest } from '@/hooks/useRequest';
import { contestRegistrationsFor, createContest, staffContests } from '@/services/api/growth';
import { formatDate } from '@/utils/format';
import { act } from '../act';

function Registrations({ contestId }: { contestId: string }) {
  const list = useRequest(() => contestRegistrationsFor(contestId), `contest-registrations-${contestId}`);
  if (list.status === 'loading') return <EmptyState compact kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = list.data ?? [];
  if (items.length === 0) return <View className='growth-card__note'>还没有团队报名</View>;
  return (
    <View className='growth-form'>
      {items.map(r => (
        <View key={r.id} className='growth-card__note'>
          {r.teamName}（队长 {r.leaderName}
          {r.members.length ? `，成员 ${r.members.join('、')}` : ''}）：{r.projectTitle} · {formatDate(r.registeredAt)}
          {'\n'}
          {r.projectSummary}
        </View>
      ))}
    </View>
  );
}

export default function StaffContests({ canCreate }: { canCreate: boolean }) {
  const list = useRequest(staffContests, 'growth-staff-contests');
  const [title, setTitle] = useState('');
  const [organiser, setOrganiser] = useState('');
  const [summary, setSummary] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [url, setUrl] = useState('');
  const [open, setOpen] = useState('');
  const [busy, setBusy] = useState(false);
  const problem =
    title.trim().length < 2
      ? '请填写大赛名称'
      : organiser.trim().length < 2
        ? '请填写主办单位'
        : !/^\d{4}-\d{2}-\d{2}$/.test(closesOn)
          ? '请填写报名截止日期（格式 2026-06-30）'
          : url && !/^https?:\/\/\S+$/i.test(url)
            ? '官网链接须以 http(s):// 开头'
            : '';

  const submit = async () => {
    setBusy(true);
    const done = await act(() => createContest({ title: title.trim(), organiser: organiser.trim(), summary: summary.trim(), registrationClosesOn: closesOn, url: url.trim() }), '已发布');
    setBusy(false);
    if (done) {
      setTitle('');
      await list.reload();
    }
  };

  return (
    <View>
      {canCreate && (
        <View className='ll-card growth-card'>
          <View className='growth-card__title'>发布大赛</View>
          <FormField label='大赛名称' required>
            <Input id='contest-title' className='growth-input' maxlength={60} value={title} onInput={e => setTitle(e.detail.value)} />
          </FormField>
          <FormField label='主办单位' required>
            <Input id='contest-organiser' className='growth-input' maxlength={60} value={organiser} onInput={e => setOrganiser(e.detail.value)} />
          </FormField>
          <FormField label='报名截止日期' required hint='格式 2026-06-30，当天有效'>
            <Input id='contest-closes' className='growth-input' value={closesOn} onInput={e => setClosesOn(e.detail.value)} />
          </FormField>
          <FormField label='官网链接'>
            <Input id='contest-url' className='growth-input' maxlength={500} value={url} onInput={e => setUrl(e.detail.value)} />
          </FormField>
          <FormField label='简介'>
            <Textarea id='contest-description' className='growth-textarea' maxlength={1000} value={summary} onInput={e => setSummary(e.detail.value)} />
          </FormField>
          {problem && <View className='growth-error'>{problem}</View>}
          <View className='growth-card__actions'>
            <Button id='contest-create' className='growth-button' disabled={busy || !!problem} onClick={submit}>
              发布大赛
            </Button>
          </View>
        </View>
      )}
      {list.status === 'loading' && <EmptyState compact kind='loading' title='正在加载…' />}
      {list.status === 'error' && <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />}
      {list.status === 'ready' && (list.data ?? []).length === 0 && <EmptyState compact title='本单位还没有发布大赛' />}
      {(list.data ?? []).map(c => (
        <View key={c.id} className='ll-card growth-card'>
          <View className='growth-card__title'>{c.title}</View>
          <View className='growth-card__meta'>
            {c.organiser} · 截止 {c.registrationClosesOn} · {c.registrations} 队报名
          </View>
          <View className='growth-card__link' onClick={() => setOpen(open === c.id ? '' : c.id)}>
            {open === c.id ? '收起' : '查看报名'}
          </View>
          {open === c.id && <Registrations contestId={c.id} />}
        </View>
      ))}
    </View>
  );
}
