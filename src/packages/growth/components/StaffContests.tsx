import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ContestInput, ContestRegistrationView, ContestView } from '@contract/growth';
import type { DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { cancelContest, contestRegistrationsFor, createContest, decideRegistration, staffContests, updateContest } from '@/services/api/growth';
import { ApiError } from '@/services/http';
import { errorMessage } from '@/utils/errors';
import { formatDate } from '@/utils/format';
import { act } from '../act';
import CancelPanel, { cancelThenReload } from './CancelPanel';
import PublishedTable, { actionsColumn } from './PublishedTable';
import { pressable } from '@/utils/a11y';

type Field = keyof ContestInput;

function problemsOf(f: ContestInput): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (f.title.trim().length < 2) out.title = '请填写大赛名称（2–60 个字）';
  if (f.organiser.trim().length < 2) out.organiser = '请填写主办单位';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.registrationClosesOn) || Number.isNaN(Date.parse(f.registrationClosesOn))) out.registrationClosesOn = '请填写报名截止日期，格式 2026-06-30';
  if (f.url.trim() && !/^https?:\/\/\S+$/i.test(f.url.trim())) out.url = '官网链接须以 http:// 或 https:// 开头';
  return out;
}

const blank: ContestInput = { title: '', organiser: '', summary: '', registrationClosesOn: '', url: '' };

function ContestForm({ editing, onSaved, onStale, onClose }: { editing?: ContestView; onSaved: () => void; onStale: () => void; onClose: () => void }) {
  const [form, setForm] = useState<ContestInput>(() =>
    editing ? { title: editing.title, organiser: editing.organiser, summary: editing.summary, registrationClosesOn: editing.registrationClosesOn, url: editing.url } : blank,
  );
  const [shown, setShown] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const problems = problemsOf(form);
  const errorOf = (field: Field) => (shown ? problems[field] : undefined) ?? (serverError?.field === field ? serverError.message : undefined);
  const set = (patch: Partial<ContestInput>) => setForm(current => ({ ...current, ...patch }));

  const save = async () => {
    setShown(true);
    setServerError(undefined);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const input = { title: form.title.trim(), organiser: form.organiser.trim(), summary: form.summary.trim(), registrationClosesOn: form.registrationClosesOn, url: form.url.trim() };
    try {
      if (editing) await updateContest(editing.id, { ...input, version: editing.version ?? 0 });
      else await createContest(input);
      void Taro.showToast({ title: editing ? '已保存修改' : '已发布', icon: 'success' });
      if (!editing) {
        setForm(blank);
        setShown(false);
      }
      onSaved();
    } catch (err) {
      setServerError({ field: err instanceof ApiError && err.field !== 'version' ? err.field : undefined, message: errorMessage(err) });
      if (err instanceof ApiError && (err.code === 'GROWTH_STALE' || err.code === 'GROWTH_CANCELLED')) onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id='contest-form' className='ll-card growth-card growth-staff-form'>
      <View className='growth-card__head'>
        <View className='growth-card__title'>{editing ? `修改大赛：${editing.title}` : '发布大赛'}</View>
        {editing && (
          <View className='growth-card__link' {...pressable(onClose)}>
            放弃修改
          </View>
        )}
      </View>
      <FormField label='大赛名称' required error={errorOf('title')}>
        <Input id='contest-title' className='growth-input' maxlength={60} value={form.title} onInput={e => set({ title: e.detail.value })} />
      </FormField>
      <View className='growth-staff-form__row'>
        <FormField label='主办单位' required error={errorOf('organiser')}>
          <Input id='contest-organiser' className='growth-input' maxlength={60} value={form.organiser} onInput={e => set({ organiser: e.detail.value })} />
        </FormField>
        <FormField label='报名截止日期' required hint='格式 2026-06-30，当天有效' error={errorOf('registrationClosesOn')}>
          <Input id='contest-closes' className='growth-input' value={form.registrationClosesOn} onInput={e => set({ registrationClosesOn: e.detail.value })} />
        </FormField>
      </View>
      <FormField label='官网链接' error={errorOf('url')}>
        <Input id='contest-url' className='growth-input' maxlength={500} value={form.url} onInput={e => set({ url: e.detail.value })} />
      </FormField>
      <FormField label='大赛介绍' error={errorOf('summary')}>
        <Textarea id='contest-description' className='growth-textarea' maxlength={1000} value={form.summary} onInput={e => set({ summary: e.detail.value })} />
      </FormField>
      {shown && Object.keys(problems).length > 0 && <View className='growth-error'>请按提示修改标红的项目</View>}
      {serverError && !serverError.field && <View id='contest-form-error' className='growth-error'>{serverError.message}</View>}
      <View className='growth-card__actions'>
        <Button id={editing ? 'contest-save' : 'contest-create'} className='growth-button' disabled={busy} onClick={save}>
          {editing ? '保存修改' : '发布大赛'}
        </Button>
      </View>
    </View>
  );
}

function Registrations({ contest, canDecide }: { contest: ContestView; canDecide: boolean }) {
  const list = useRequest(() => contestRegistrationsFor(contest.id), `contest-registrations-${contest.id}`);
  const [rows, setRows] = useState<Record<string, ContestRegistrationView>>({});
  const [rejecting, setRejecting] = useState('');
  const [reason, setReason] = useState('');
  if (list.status === 'loading') return <EmptyState compact kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState compact kind='error' title='加载失败' description={list.error} actionText='重试' onAction={list.reload} />;
  const items = (list.data ?? []).map(r => rows[r.id] ?? r);
  const decide = async (r: ContestRegistrationView, approve: boolean) => {
    const next = await act(() => decideRegistration(r.id, approve ? { decision: 'approve' } : { decision: 'reject', reason: reason.trim() }), '已通知报名团队');
    if (next) setRows(current => ({ ...current, [next.id]: next }));
    setRejecting('');
    setReason('');
  };
  return (
    <View id='contest-registrations' className='ll-card growth-card'>
      <View className='growth-card__title'>报名团队：{contest.title}</View>
      {items.length === 0 && <View className='growth-card__note'>还没有团队报名</View>}
      {items.map(r => (
        <View key={r.id} id={`registration-${r.id}`} className='growth-form'>
          <View className='growth-card__head'>
            <View>
              {r.teamName}（队长 {r.leaderName}
              {r.members.length ? `，成员 ${r.members.join('、')}` : ''}）
            </View>
            <Tag tone={r.status === 'accepted' ? 'success' : r.status === 'rejected' ? 'danger' : 'warning'}>{r.statusLabel}</Tag>
          </View>
          <View className='growth-card__meta'>
            {r.projectTitle} · {formatDate(r.registeredAt)}
          </View>
          <View className='growth-card__note'>{r.projectSummary}</View>
          {r.reason && <View className='growth-card__note'>未通过原因：{r.reason}</View>}
          {canDecide && r.status !== 'rejected' && (
            <View className='growth-card__actions'>
              {r.status === 'submitted' && (
                <Button id={`registration-accept-${r.id}`} className='growth-button' onClick={() => decide(r, true)}>
                  通过
                </Button>
              )}
              <Button id={`registration-reject-${r.id}`} className='growth-button growth-button--danger' onClick={() => setRejecting(rejecting === r.id ? '' : r.id)}>
                不通过
              </Button>
            </View>
          )}
          {rejecting === r.id && (
            <View>
              <FormField label='不通过的原因' required hint='报名团队会收到这条说明'>
                <Input id={`registration-reason-${r.id}`} className='growth-input' maxlength={200} value={reason} onInput={e => setReason(e.detail.value)} />
              </FormField>
              <View className='growth-card__actions'>
                <Button id={`registration-reject-confirm-${r.id}`} className='growth-button growth-button--danger' disabled={reason.trim().length < 2} onClick={() => decide(r, false)}>
                  确认不通过
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

type Panel = { kind: 'edit' | 'cancel' | 'registrations'; contest: ContestView } | undefined;

export default function StaffContests({ canCreate }: { canCreate: boolean }) {
  const list = useRequest(staffContests, 'growth-staff-contests');
  const [panel, setPanel] = useState<Panel>();
  const open = (kind: NonNullable<Panel>['kind'], contest: ContestView) =>
    setPanel(panel?.kind === kind && panel.contest.id === contest.id ? undefined : { kind, contest });

  const columns: Array<DataColumn<ContestView>> = [
    { key: 'title', title: '大赛', size: 'wide', render: c => <View className='growth-card__title'>{c.title}</View> },
    { key: 'organiser', title: '主办单位', render: c => c.organiser },
    { key: 'closes', title: '报名截止', size: 'narrow', render: c => c.registrationClosesOn },
    { key: 'teams', title: '报名团队', size: 'narrow', render: c => `${c.registrations} 队` },
    {
      key: 'status',
      title: '状态',
      size: 'narrow',
      render: c => (c.status === 'cancelled' ? <Tag tone='danger'>已取消</Tag> : c.open ? <Tag tone='success'>报名中</Tag> : <Tag>已截止</Tag>),
    },
    actionsColumn<ContestView, 'registrations'>(c => ({
      idPrefix: 'staff-contest',
      id: c.id,
      editable: canCreate && c.status === 'open',
      cancelText: '取消大赛',
      more: { key: 'registrations', text: '报名团队' },
      onOpen: kind => open(kind, c),
    })),
  ];

  const refresh = async () => {
    setPanel(undefined);
    await list.reload();
  };

  return (
    <View className='growth-staff'>
      {canCreate &&
        (panel?.kind === 'edit' ? (
          <ContestForm key={`edit-${panel.contest.id}`} editing={panel.contest} onSaved={() => void refresh()} onStale={() => void list.reload()} onClose={() => setPanel(undefined)} />
        ) : (
          <ContestForm key='new' onSaved={() => void list.reload()} onStale={() => void list.reload()} onClose={() => setPanel(undefined)} />
        ))}
      {panel?.kind === 'cancel' && (
        <CancelPanel
          key={panel.contest.id}
          id='contest-cancel'
          title={`取消大赛：${panel.contest.title}`}
          audience={panel.contest.registrations > 0 ? `已报名的 ${panel.contest.registrations} 支团队会收到取消通知。` : '目前还没有团队报名。'}
          onConfirm={cancelThenReload(reason => cancelContest(panel.contest.id, { version: panel.contest.version ?? 0, reason }), '已取消大赛', list.reload)}
          onClose={() => setPanel(undefined)}
        />
      )}
      <PublishedTable title='本单位发布的大赛' empty='本单位还没有发布大赛' idPrefix='staff-contest' columns={columns} list={list} />
      {panel?.kind === 'registrations' && <Registrations key={panel.contest.id} contest={panel.contest} canDecide={canCreate} />}
    </View>
  );
}
