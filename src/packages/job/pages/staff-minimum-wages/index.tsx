import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DISTRICTS, type DistrictCode, type MinimumWage } from '@contract/reference';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { minimumWages, saveMinimumWage } from '@/services/api/reference';
import { errorMessage } from '@/utils/errors';
import { checkMinimumWageForm, emptyMinimumWageForm, figuresInForce, formFromWage, type MinimumWageForm, type MinimumWageFormErrors } from '../../minimum-wage-form';
import '../../job-review.scss';

const yuan = (n: number) => `${n.toLocaleString('en-US')} 元/月`;

function Editor({ initial, onSaved }: { initial: MinimumWageForm; onSaved: () => void }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<MinimumWageFormErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (key: 'amount' | 'effectiveFrom' | 'source', value: string) => {
    setForm(current => ({ ...current, [key]: value }));
    setErrors(current => ({ ...current, [key]: undefined }));
  };
  const setArea = (district: DistrictCode, value: string) => {
    setForm(current => ({ ...current, areas: { ...current.areas, [district]: value } }));
    setErrors(current => ({ ...current, [district]: undefined }));
  };

  const save = async () => {
    const checked = checkMinimumWageForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await saveMinimumWage(checked.input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id='wage-editor' className='ll-card'>
      <View className='sr-title'>新增或更正标准</View>
      <View className='sr-sub'>同一执行日期再次保存即更正该条；新文件请按其执行日期新增一条，旧标准保留为历史。岗位月薪下限不得低于发布当日执行的标准。</View>
      <FormField label='全市标准（元/月）' required error={errors.amount} hint='下方未单列的区市县按此执行'>
        <Input id='wage-amount' className='ll-input' type='number' maxlength={5} value={form.amount} onInput={e => set('amount', e.detail.value)} />
      </FormField>
      <FormField label='执行日期' required error={errors.effectiveFrom} hint='格式 2025-01-01'>
        <Input id='wage-effective' className='ll-input' maxlength={10} value={form.effectiveFrom} onInput={e => set('effectiveFrom', e.detail.value)} />
      </FormField>
      <FormField label='依据（文件名称与文号）' required error={errors.source}>
        <Input id='wage-source' className='ll-input' maxlength={200} value={form.source} onInput={e => set('source', e.detail.value)} />
      </FormField>
      <View className='sr-sub'>分区标准（文件将某区市县列入其他档次时填写，留空即按全市标准）</View>
      {DISTRICTS.map(d => (
        <FormField key={d.code} label={`${d.name}（元/月）`} error={errors[d.code]}>
          <Input id={`wage-area-${d.code}`} className='ll-input' type='number' maxlength={5} placeholder='同全市' value={form.areas[d.code] ?? ''} onInput={e => setArea(d.code, e.detail.value)} />
        </FormField>
      ))}
      <Button id='wage-save' className='ll-button' loading={busy} disabled={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}

function History({ wages, inForce, onEdit }: { wages: MinimumWage[]; inForce?: MinimumWage; onEdit: (wage: MinimumWage) => void }) {
  return (
    <View id='wage-history' className='ll-card'>
      <View className='sr-title'>历史标准</View>
      {[...wages].reverse().map(w => (
        <View key={w.id} id={`wage-${w.effectiveFrom}`} className='sr-row'>
          <View>
            <View>
              {w.effectiveFrom} 起 · {yuan(w.amount)}
              {w.id === inForce?.id ? ' ' : ''}
              {w.id === inForce?.id && <Tag tone='success'>执行中</Tag>}
            </View>
            {(w.areas ?? []).length > 0 && (
              <View className='sr-sub'>{(w.areas ?? []).map(a => `${DISTRICTS.find(d => d.code === a.district)?.name ?? a.district} ${a.amount}元`).join('，')}</View>
            )}
            <View className='sr-sub'>{w.source}</View>
          </View>
          <Button id={`wage-edit-${w.effectiveFrom}`} size='mini' onClick={() => onEdit(w)}>
            更正
          </Button>
        </View>
      ))}
    </View>
  );
}

export default function MinimumWagesPage() {
  const wages = useRequest(minimumWages, 'minimum-wages');
  const [editing, setEditing] = useState<{ key: string; form: MinimumWageForm }>({ key: 'new', form: emptyMinimumWageForm() });

  if (wages.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (wages.status === 'error' || !wages.data) return <EmptyState kind='error' title='加载失败' description={wages.error} actionText='重新加载' onAction={wages.reload} />;
  const { standard, rows } = figuresInForce(wages.data, new Date());

  return (
    <View className='ll-page'>
      <View id='wage-current' className='ll-card'>
        <View className='sr-head'>
          <View className='sr-title'>现行标准</View>
          {standard && <Tag tone='primary'>{standard.effectiveFrom} 起执行</Tag>}
        </View>
        {standard ? (
          <View>
            <View className='sr-sub'>依据：{standard.source}</View>
            {rows.map(r => (
              <View key={r.district} className='sr-row'>
                <View>{r.name}</View>
                <View>
                  {yuan(r.amount)}
                  {r.tier ? '（单列）' : ''}
                </View>
              </View>
            ))}
          </View>
        ) : (
          <View className='sr-sub'>尚无执行中的标准：岗位月薪下限暂不按最低工资校验。</View>
        )}
      </View>
      <Editor
        key={editing.key}
        initial={editing.form}
        onSaved={() => {
          setEditing({ key: `new-${Date.now()}`, form: emptyMinimumWageForm() });
          void wages.reload();
        }}
      />
      <History wages={wages.data} inForce={standard} onEdit={w => setEditing({ key: `${w.id}-${Date.now()}`, form: formFromWage(w) })} />
    </View>
  );
}
