import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AbnormalEntry } from '@contract/job';
import Chip from '@/components/Chip';
import FormField from '@/components/FormField';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { ApiError } from '@/services/http';
import { abnormalList, addAbnormalEntry, removeAbnormalEntry } from '@/services/api/standing';
import { fieldLabelProps } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { formatDateTime } from '@/utils/format';
import { ABNORMAL_KIND_LABELS, ABNORMAL_SUBJECT_LABELS, checkAbnormalForm, EMPTY_ABNORMAL_FORM, type AbnormalForm, type AbnormalFormErrors } from '../../abnormal-form';
import '../../job-review.scss';

function AddForm({ onAdded }: { onAdded: (entry: AbnormalEntry) => void }) {
  const [form, setForm] = useState<AbnormalForm>(EMPTY_ABNORMAL_FORM);
  const [errors, setErrors] = useState<AbnormalFormErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof AbnormalForm>(key: K, value: AbnormalForm[K]) => {
    setForm(current => ({ ...current, [key]: value }));
    setErrors(current => ({ ...current, [key]: undefined }));
  };

  const submit = async () => {
    const checked = checkAbnormalForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '列入异常名录',
      content: `列入后，${checked.input.name}的岗位将下线、直播将下线或取消，且不能再登记或认证。此操作记入审计。`,
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const entry = await addAbnormalEntry(checked.input);
      setForm({ ...EMPTY_ABNORMAL_FORM, kind: form.kind });
      onAdded(entry);
      void Taro.showToast({ title: '已列入', icon: 'success' });
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === 'subject' || field === 'name' || field === 'reason' || field === 'evidence') setErrors({ [field]: errorMessage(err) });
      else void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id='abnormal-add' className='ll-card'>
      <View className='sr-title'>列入异常名录</View>
      <View className='sr-sub'>列入的企业或个人不能再登记企业或实名认证，其岗位与直播随即下线；个人只保存身份证号的加密摘要和脱敏号码。</View>
      <View className='sr-tabs ll-tabs'>
        {(['enterprise', 'person'] as const).map(kind => (
          <Chip key={kind} id={`abnormal-kind-${kind}`} active={form.kind === kind} onClick={() => set('kind', kind)}>
            {ABNORMAL_KIND_LABELS[kind]}
          </Chip>
        ))}
      </View>
      <FormField label={ABNORMAL_SUBJECT_LABELS[form.kind]} required error={errors.subject}>
        <Input id='abnormal-subject' className='ll-input' maxlength={24} value={form.subject} onInput={e => set('subject', e.detail.value)} />
      </FormField>
      <FormField label={form.kind === 'enterprise' ? '企业名称' : '姓名'} required error={errors.name}>
        <Input id='abnormal-name' className='ll-input' maxlength={60} value={form.name} onInput={e => set('name', e.detail.value)} />
      </FormField>
      <FormField label='列入原因' required error={errors.reason}>
        <Textarea id='abnormal-reason' className='ll-textarea' maxlength={200} value={form.reason} placeholder='如：发布虚假招聘信息，经核实' onInput={e => set('reason', e.detail.value)} />
      </FormField>
      <FormField label='证据或依据' error={errors.evidence} hint='处罚决定书文号、投诉编号或核查记录'>
        <Textarea id='abnormal-evidence' className='ll-textarea' maxlength={500} value={form.evidence} onInput={e => set('evidence', e.detail.value)} />
      </FormField>
      <Button id='abnormal-submit' className='ll-button ll-button--danger' loading={busy} disabled={busy} onClick={() => void submit()}>
        列入异常名录
      </Button>
    </View>
  );
}

function EntryRow({ entry, onRemoved }: { entry: AbnormalEntry; onRemoved: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (reason.trim().length < 2) {
      setError('请写明移出原因');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await removeAbnormalEntry(entry.id, reason.trim());
      void Taro.showToast({ title: '已移出', icon: 'success' });
      onRemoved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id={`abnormal-${entry.id}`} className='ll-card'>
      <View className='sr-head'>
        <View className='sr-title'>{entry.name}</View>
        <Tag tone='danger'>{ABNORMAL_KIND_LABELS[entry.kind]}</Tag>
      </View>
      <View className='sr-sub'>
        {ABNORMAL_SUBJECT_LABELS[entry.kind]}：{entry.subject}
      </View>
      <View className='sr-sub'>原因：{entry.reason}</View>
      {entry.evidence && <View className='sr-sub'>依据：{entry.evidence}</View>}
      <View className='sr-sub'>列入时间：{formatDateTime(entry.listedAt)}</View>
      <Input id={`abnormal-remove-reason-${entry.id}`} {...fieldLabelProps(`移出${entry.name}的原因`)} className='ll-input sr-input' placeholder='移出原因（必填，记入审计）' maxlength={200} value={reason} onInput={e => setReason(e.detail.value)} />
      {error && <View className='sr-error'>{error}</View>}
      <View className='sr-actions'>
        <Button id={`abnormal-remove-${entry.id}`} size='mini' disabled={busy} onClick={() => void remove()}>
          移出名录
        </Button>
      </View>
    </View>
  );
}

export default function AbnormalListPage() {
  const list = usePagedList(cursor => abnormalList({ cursor }), null);
  return (
    <View className='ll-page'>
      <AddForm onAdded={() => void list.reload()} />
      <View className='sr-title'>在列名单</View>
      {list.items.map(entry => (
        <EntryRow key={entry.id} entry={entry} onRemoved={() => void list.reload()} />
      ))}
      <ListFooter list={list} empty={{ title: '名录中暂无企业或个人', compact: true }} />
    </View>
  );
}
