import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ComplaintHotline, ComplaintHotlineInput } from '@contract/complaint';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { complaintHotlines, updateHotline } from '@/services/api/complaint';
import { errorMessage } from '@/utils/errors';
import { pressable } from '@/utils/a11y';
import './index.scss';

function Editor({ line, onSaved }: { line: ComplaintHotline; onSaved: () => void }) {
  const [form, setForm] = useState<ComplaintHotlineInput>({ name: line.name, phone: line.example ? '' : line.phone, hours: line.hours });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError('');
    try {
      await updateHotline(line.district, form);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='hotline__editor'>
      <Input className='hotline__input' value={form.name} placeholder='名称' onInput={e => setForm({ ...form, name: e.detail.value })} />
      <Input id={`hotline-phone-${line.district}`} className='hotline__input' value={form.phone} placeholder='电话，如 0411-12345678' onInput={e => setForm({ ...form, phone: e.detail.value })} />
      <Input className='hotline__input' value={form.hours} placeholder='受理时间' onInput={e => setForm({ ...form, hours: e.detail.value })} />
      {error && <View className='hotline__error'>{error}</View>}
      <Button id={`hotline-save-${line.district}`} size='mini' type='primary' disabled={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}

export default function HotlinesPage() {
  const user = useSession();
  const canEdit = !!user?.roles.includes('bureau');
  const list = useRequest(complaintHotlines, 'complaint-hotlines');
  const [editing, setEditing] = useState<string>();

  if (list.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (list.status === 'error') return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} />;
  const lines = list.data ?? [];
  const call = (line: ComplaintHotline) => {
    if (line.example) return;
    Taro.makePhoneCall({ phoneNumber: line.phone.replace(/-/g, '') }).catch(() => undefined);
  };
  return (
    <View className='ll-page hotline'>
      {lines.some(l => l.example) && <View className='ll-card hotline__warning'>标注“示例”的号码为演示数据，并非真实热线，请以人社部门公布的号码为准。</View>}
      {lines.length === 0 && <EmptyState title='暂未公布维权电话' compact />}
      {lines.map(line => (
        <View key={line.district} id={`hotline-${line.district}`} className='ll-card hotline__item'>
          <View className='hotline__head'>
            <View className='hotline__district'>{line.districtName}</View>
            {line.example && <Tag tone='warning'>示例</Tag>}
          </View>
          <View className='hotline__name'>{line.name}</View>
          <View className={`hotline__phone${line.example ? ' hotline__phone--example' : ''}`} {...pressable(() => call(line))}>
            {line.phone}
          </View>
          <View className='hotline__hours'>{line.hours}</View>
          {canEdit &&
            (editing === line.district ? (
              <Editor
                line={line}
                onSaved={() => {
                  setEditing(undefined);
                  void list.reload();
                }}
              />
            ) : (
              <View id={`hotline-edit-${line.district}`} className='hotline__edit' {...pressable(() => setEditing(line.district))}>
                编辑
              </View>
            ))}
        </View>
      ))}
    </View>
  );
}
