import { Button, Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { ContestRegistrationInput, ContestView } from '@contract/growth';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { contests, registerContest } from '@/services/api/growth';
import { act } from '../../act';
import { useGrowthNotice, type WithNotice } from '../../notice';
import '../../growth.scss';

const EMPTY: ContestRegistrationInput = { teamName: '', members: [], projectTitle: '', projectSummary: '' };

function RegistrationForm({ contest, onDone, withNotice }: { contest: ContestView; onDone: () => void; withNotice: WithNotice }) {
  const [form, setForm] = useState(EMPTY);
  const [members, setMembers] = useState('');
  const [busy, setBusy] = useState(false);
  const problem =
    form.teamName.trim().length < 2 ? '请填写团队名称' : form.projectTitle.trim().length < 2 ? '请填写项目名称' : form.projectSummary.trim().length < 10 ? '项目简介至少 10 个字' : '';
  const submit = async () => {
    setBusy(true);
    const list = members.split(/[，,、\s]+/).map(m => m.trim()).filter(Boolean);
    const done = await act(() => withNotice(() => registerContest(contest.id, { ...form, members: list })), '报名已提交');
    setBusy(false);
    if (done) onDone();
  };
  return (
    <View className='growth-form'>
      <FormField label='团队名称' required>
        <Input id='contest-team' className='growth-input' maxlength={30} value={form.teamName} onInput={e => setForm({ ...form, teamName: e.detail.value })} />
      </FormField>
      <FormField label='其他成员' hint='用逗号分隔，最多 9 人；报名人为队长'>
        <Input id='contest-members' className='growth-input' value={members} onInput={e => setMembers(e.detail.value)} />
      </FormField>
      <FormField label='项目名称' required>
        <Input id='contest-project' className='growth-input' maxlength={40} value={form.projectTitle} onInput={e => setForm({ ...form, projectTitle: e.detail.value })} />
      </FormField>
      <FormField label='项目简介' required>
        <Textarea id='contest-summary' className='growth-textarea' maxlength={1000} value={form.projectSummary} onInput={e => setForm({ ...form, projectSummary: e.detail.value })} />
      </FormField>
      {problem && <View className='growth-error'>{problem}</View>}
      <View className='growth-card__actions'>
        <Button id='contest-submit' className='growth-button' disabled={busy || !!problem} onClick={submit}>
          提交报名
        </Button>
      </View>
    </View>
  );
}

export default function ContestsPage() {
  const list = useRequest(contests, 'growth-contests', { refreshOnShow: true });
  const [open, setOpen] = useState('');
  const withNotice = useGrowthNotice();

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const items = list.data ?? [];
  return (
    <View className='ll-page'>
      {items.length === 0 && <EmptyState title='暂无大赛' compact />}
      {items.map(contest => (
        <View key={contest.id} id={`contest-${contest.id}`} className='ll-card growth-card'>
          <View className='growth-card__head'>
            <View className='growth-card__title'>{contest.title}</View>
            {contest.status === 'cancelled' ? (
              <Tag tone='danger'>已取消</Tag>
            ) : contest.mine ? (
              <Tag tone={contest.mine.status === 'rejected' ? 'danger' : 'success'}>{contest.mine.status === 'submitted' ? '已报名' : contest.mine.statusLabel}</Tag>
            ) : (
              <Tag tone={contest.open ? 'primary' : 'neutral'}>{contest.open ? '报名中' : '已截止'}</Tag>
            )}
          </View>
          {contest.cancelReason && <View className='growth-card__note'>取消原因：{contest.cancelReason}</View>}
          <View className='growth-card__meta'>
            {contest.organiser} · 报名截止 {contest.registrationClosesOn} · 已报名 {contest.registrations} 队
          </View>
          {contest.summary && <View className='growth-card__text'>{contest.summary}</View>}
          {contest.mine && (
            <View className='growth-card__note'>
              {contest.mine.teamName}：{contest.mine.projectTitle}
              {contest.mine.members.length > 0 ? `（成员：${contest.mine.members.join('、')}）` : ''}
            </View>
          )}
          {!contest.mine && contest.open && open !== contest.id && (
            <View className='growth-card__actions'>
              <Button id={`contest-register-${contest.id}`} className='growth-button' onClick={() => setOpen(contest.id)}>
                我要报名
              </Button>
            </View>
          )}
          {!contest.mine && open === contest.id && (
            <RegistrationForm
              contest={contest}
              withNotice={withNotice}
              onDone={() => {
                setOpen('');
                void list.reload();
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
