import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REFERENCE_KIND_LABELS, REFERENCE_KINDS, type ReferenceItem, type ReferenceKind } from '@contract/reference';
import Chip from '@/components/Chip';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { navigate } from '@/services/navigation';
import { addReferenceItem, allReferenceItems, updateReferenceItem } from '@/services/api/reference';
import { errorMessage } from '@/utils/errors';
import '../../job-review.scss';

function ItemRow({ initial }: { initial: ReferenceItem }) {
  const [item, setItem] = useState(initial);
  const [description, setDescription] = useState(initial.description);
  const [busy, setBusy] = useState(false);
  const save = async (patch: { description?: string; active?: boolean }) => {
    setBusy(true);
    try {
      const next = await updateReferenceItem(item.id, patch);
      setItem(next);
      setDescription(next.description);
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id={`reference-${item.id}`} className='sr-row'>
      <View className={item.active ? '' : 'sr-muted'}>
        {item.value}
        {item.active ? '' : '（已停用）'}
      </View>
      <Input className='ll-input' value={description} maxlength={100} placeholder='说明' onInput={e => setDescription(e.detail.value)} onBlur={() => description !== item.description && void save({ description })} />
      <Button size='mini' disabled={busy} onClick={() => void save({ active: !item.active })}>
        {item.active ? '停用' : '启用'}
      </Button>
    </View>
  );
}

export default function ReferencePage() {
  const [kind, setKind] = useState<ReferenceKind>('chain');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const items = useRequest(allReferenceItems, 'reference-items');

  const add = async () => {
    if (!value.trim()) return;
    setBusy(true);
    try {
      await addReferenceItem({ kind, value: value.trim() });
      setValue('');
      await items.reload();
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (items.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (items.status === 'error' || !items.data) return <EmptyState kind='error' title='加载失败' description={items.error} actionText='重新加载' onAction={items.reload} />;
  const shown = items.data.filter(i => i.kind === kind);
  return (
    <View className='ll-page'>
      <View className='sr-tabs ll-tabs'>
        {REFERENCE_KINDS.map(k => (
          <Chip key={k} id={`reference-tab-${k}`} active={kind === k} onClick={() => setKind(k)}>
            {REFERENCE_KIND_LABELS[k]}
          </Chip>
        ))}
      </View>
      <Button id='reference-minimum-wages' className='ll-button ll-button--ghost' onClick={() => void navigate('staffMinimumWages')}>
        最低工资标准
      </Button>
      <View className='ll-card'>
        <View className='sr-sub'>名称保存后不可修改（企业登记时保存的就是它）；不再使用的项请停用，已登记的企业不受影响。</View>
        {shown.map(item => (
          <ItemRow key={item.id} initial={item} />
        ))}
        <View className='sr-row'>
          <Input id='reference-new' className='ll-input' placeholder={`新增${REFERENCE_KIND_LABELS[kind]}`} maxlength={30} value={value} onInput={e => setValue(e.detail.value)} />
          <Button id='reference-add' size='mini' type='primary' disabled={busy} onClick={() => void add()}>
            新增
          </Button>
        </View>
      </View>
    </View>
  );
}
