import { Button, Input, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { PlaceApplicationInput } from '@contract/growth';
import type { ContentSummary } from '@contract/policy';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { applyPlace, incubators, myPlaces } from '@/services/api/growth';
import { navigate } from '@/services/navigation';
import { districtName } from '@/utils/format';
import { act } from '../../act';
import { useGrowthNotice, type WithNotice } from '../../notice';
import '../../growth.scss';
import { pressable } from '@/utils/a11y';

function ApplyForm({ institution, onDone, withNotice }: { institution: ContentSummary; onDone: () => void; withNotice: WithNotice }) {
  const [form, setForm] = useState<Omit<PlaceApplicationInput, 'institutionId'>>({ projectTitle: '', projectSummary: '', teamSize: 1, needs: '' });
  const [busy, setBusy] = useState(false);
  const problem = form.projectTitle.trim().length < 2 ? '请填写项目名称' : form.projectSummary.trim().length < 10 ? '项目简介至少 10 个字' : '';
  const submit = async () => {
    setBusy(true);
    const done = await act(() => withNotice(() => applyPlace({ ...form, institutionId: institution.id })), '已提交申请');
    setBusy(false);
    if (done) onDone();
  };
  return (
    <View className='growth-form'>
      <FormField label='项目名称' required>
        <Input id='place-project' className='growth-input' maxlength={40} value={form.projectTitle} onInput={e => setForm({ ...form, projectTitle: e.detail.value })} />
      </FormField>
      <FormField label='项目简介' required>
        <Textarea id='place-summary' className='growth-textarea' maxlength={1000} value={form.projectSummary} onInput={e => setForm({ ...form, projectSummary: e.detail.value })} />
      </FormField>
      <FormField label='团队人数' required>
        <Input id='place-team' className='growth-input' type='number' value={String(form.teamSize)} onInput={e => setForm({ ...form, teamSize: Math.max(1, Math.min(50, Number(e.detail.value) || 1)) })} />
      </FormField>
      <FormField label='需要的支持' hint='如工位数量、注册地址、创业导师'>
        <Input id='place-needs' className='growth-input' maxlength={300} value={form.needs} onInput={e => setForm({ ...form, needs: e.detail.value })} />
      </FormField>
      {problem && <View className='growth-error'>{problem}</View>}
      <View className='growth-card__actions'>
        <Button id='place-submit' className='growth-button' disabled={busy || !!problem} onClick={submit}>
          提交入驻申请
        </Button>
      </View>
    </View>
  );
}

export default function IncubatorsPage() {
  const list = useRequest(incubators, 'growth-incubators');
  const mine = useRequest(myPlaces, 'growth-my-places', { refreshOnShow: true });
  const [open, setOpen] = useState('');
  const withNotice = useGrowthNotice();

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const pending = new Set((mine.data ?? []).filter(p => p.status === 'submitted').map(p => p.institutionId));
  const items = list.data ?? [];
  return (
    <View className='ll-page'>
      <View className='growth-card__note'>创业孵化平台、科技企业孵化器、大学科技园、众创空间为大学生创业提供工作空间、网络空间、社交空间和资源共享空间。</View>
      {items.length === 0 && <EmptyState title='暂无孵化器或众创空间' compact />}
      {items.map(item => (
        <View key={item.id} id={`incubator-${item.id}`} className='ll-card growth-card'>
          <View className='growth-card__head'>
            <View className='growth-card__title' {...pressable(() => navigate('policyDetail', { id: item.id }), { role: 'link' })}>
              {item.title}
            </View>
            {pending.has(item.id) && <Tag tone='warning'>审核中</Tag>}
          </View>
          <View className='growth-card__meta'>
            {districtName(item.institution?.district ?? item.district)} · {item.institution?.address}
          </View>
          {item.summary && <View className='growth-card__text'>{item.summary}</View>}
          {!pending.has(item.id) && open !== item.id && (
            <View className='growth-card__actions'>
              <Button id={`incubator-apply-${item.id}`} className='growth-button' onClick={() => setOpen(item.id)}>
                申请入驻
              </Button>
            </View>
          )}
          {!pending.has(item.id) && open === item.id && (
            <ApplyForm
              institution={item}
              withNotice={withNotice}
              onDone={() => {
                setOpen('');
                void mine.reload();
              }}
            />
          )}
        </View>
      ))}
    </View>
  );
}
