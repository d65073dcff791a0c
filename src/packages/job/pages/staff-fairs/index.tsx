import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { FAIR_KIND_LABELS, FAIR_KINDS } from '@contract/job';
import { DISTRICTS } from '@contract/reference';
import FormField from '@/components/FormField';
import ListFooter from '@/components/ListFooter';
import SelectField from '@/components/SelectField';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { createFair, upcomingFairs } from '@/services/api/fair';
import { ApiError } from '@/services/http';
import { navigate } from '@/services/navigation';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import { checkFairForm, emptyFairForm, type FairForm, type FairFormErrors } from './form';
import '../../job-review.scss';
import { pressable } from '@/utils/a11y';

const kindOptions = FAIR_KINDS.map(k => ({ value: k, label: FAIR_KIND_LABELS[k] }));
const districtOptions = DISTRICTS.map(d => ({ value: d.code, label: d.name }));

function CreateFair({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState<FairForm>(emptyFairForm);
  const [errors, setErrors] = useState<FairFormErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FairForm>(key: K, value: FairForm[K]) => {
    setForm(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };
  const submit = async () => {
    const checked = checkFairForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await createFair(checked.input);
      setForm(emptyFairForm);
      void Taro.showToast({ title: '已发布', icon: 'success' });
      onCreated();
    } catch (err) {
      const field = err instanceof ApiError && err.field && err.field in emptyFairForm ? (err.field as keyof FairForm) : undefined;
      if (field) setErrors({ [field]: errorMessage(err) });
      else void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='ll-card'>
      <View className='sr-title'>发布招聘会</View>
      <FormField label='类型' required error={errors.kind}>
        <SelectField id='fair-form-kind' title='招聘会类型' placeholder='请选择' options={kindOptions} value={form.kind} onChange={v => set('kind', v)} />
      </FormField>
      <FormField label='名称' required error={errors.title}>
        <Input id='fair-form-title' className='ll-input' maxlength={60} value={form.title} onInput={e => set('title', e.detail.value)} />
      </FormField>
      <FormField label='开始时间' required error={errors.startAt} hint='北京时间'>
        <Input id='fair-form-start' className='ll-input' placeholder='2026-06-01 09:00' value={form.startAt} onInput={e => set('startAt', e.detail.value)} />
      </FormField>
      <FormField label='结束时间' required error={errors.endAt} hint='北京时间'>
        <Input id='fair-form-end' className='ll-input' placeholder='2026-06-01 16:00' value={form.endAt} onInput={e => set('endAt', e.detail.value)} />
      </FormField>
      <FormField label='地点' required error={errors.venue}>
        <Input id='fair-form-venue' className='ll-input' maxlength={100} value={form.venue} onInput={e => set('venue', e.detail.value)} />
      </FormField>
      <FormField label='所在区市县' error={errors.district}>
        <SelectField id='fair-form-district' title='所在区市县' placeholder='全市（选填）' options={districtOptions} value={form.district} onChange={v => set('district', v)} />
      </FormField>
      <FormField label='展位数' required error={errors.boothCapacity}>
        <Input id='fair-form-capacity' className='ll-input' type='number' value={form.boothCapacity} onInput={e => set('boothCapacity', e.detail.value)} />
      </FormField>
      <FormField label='介绍' error={errors.description}>
        <Textarea className='ll-textarea' maxlength={2000} value={form.description} onInput={e => set('description', e.detail.value)} />
      </FormField>
      <Button id='fair-form-submit' className='ll-button sr-input' loading={busy} disabled={busy} onClick={() => void submit()}>
        发布
      </Button>
    </View>
  );
}

export default function StaffFairsPage() {
  const [creating, setCreating] = useState(false);
  const list = usePagedList(cursor => upcomingFairs({ cursor }));
  return (
    <View className='ll-page'>
      {creating ? (
        <CreateFair
          onCreated={() => {
            setCreating(false);
            void list.reload();
          }}
        />
      ) : (
        <Button id='staff-fair-new' className='ll-button sr-input' onClick={() => setCreating(true)}>
          发布招聘会
        </Button>
      )}
      {list.items.map(fair => (
        <View key={fair.id} id={`staff-fair-${fair.id}`} className='ll-card' {...pressable(() => void navigate('staffFairDetail', { id: fair.id }), { role: 'link' })}>
          <View className='sr-head'>
            <View className='sr-title'>{fair.title}</View>
            <Tag tone='primary'>{FAIR_KIND_LABELS[fair.kind]}</Tag>
          </View>
          <View className='sr-sub'>
            {formatDateTime(fair.startAt)} 至 {formatDateTime(fair.endAt)} · {fair.venue}
          </View>
          <View className='sr-sub'>
            展位 {fair.boothCount}/{fair.boothCapacity} · 报名 {fair.registrationCount} 人
          </View>
        </View>
      ))}
      <ListFooter list={list} empty={{ title: '近期没有招聘会', compact: true }} />
    </View>
  );
}
