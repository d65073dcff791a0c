import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { LIMITED_STAGES, LIMITED_STAGE_LABELS, type StageLimits, type StageSettingsView } from '@contract/subsidy-stages';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import { useRequest } from '@/hooks/useRequest';
import { setBatchSchedule, setStageLimits, stageSettings } from '@/services/api/subsidy';
import { errorMessage } from '@/utils/errors';
import './index.scss';

type Draft = Record<keyof StageLimits, string>;
const draftOf = (limits: StageLimits): Draft => Object.fromEntries(LIMITED_STAGES.map(s => [s, String(limits[s])])) as Draft;

/** One program's limits: whole working days, checked by the server (a 0 or a negative is refused, naming the stage). */
function ProgramLimits({ program, onSaved }: { program: StageSettingsView['programs'][number]; onSaved: () => void }) {
  const [draft, setDraft] = useState<Draft>(draftOf(program.limits));
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setDraft(draftOf(program.limits)), [program.limits]);

  const save = async () => {
    setBusy(true);
    setMessage('');
    try {
      const limits = Object.fromEntries(LIMITED_STAGES.map(s => [s, draft[s].trim() === '' ? Number.NaN : Number(draft[s])])) as StageLimits;
      await setStageLimits(program.id, limits);
      setMessage('已保存');
      onSaved();
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id={`limits-${program.id}`} className='ll-card staff-limits__program'>
      <View className='staff-limits__name'>
        {program.name}（{program.period}）{program.custom ? '' : ' · 默认时限'}
      </View>
      <View className='staff-limits__grid'>
        {LIMITED_STAGES.map(stage => (
          <FormField key={stage} label={`${LIMITED_STAGE_LABELS[stage]}（工作日）`}>
            <Input id={`limits-${program.id}-${stage}`} type='number' value={draft[stage]} onInput={e => setDraft(d => ({ ...d, [stage]: e.detail.value }))} />
          </FormField>
        ))}
      </View>
      {message && <View className={`staff-limits__message${message === '已保存' ? '' : ' staff-limits__message--error'}`}>{message}</View>}
      <Button id={`limits-${program.id}-save`} size='mini' type='primary' disabled={busy} onClick={() => void save()}>
        保存时限
      </Button>
    </View>
  );
}

function Schedule({ schedule, onSaved }: { schedule: StageSettingsView['schedule']; onSaved: () => void }) {
  const [days, setDays] = useState(schedule.daysOfMonth.join('、'));
  const [bank, setBank] = useState(String(schedule.bankWorkingDays));
  const [message, setMessage] = useState('');
  const save = async () => {
    setMessage('');
    try {
      const daysOfMonth = days.split(/[、,，\s]+/).filter(Boolean).map(Number);
      await setBatchSchedule({ daysOfMonth, bankWorkingDays: bank.trim() === '' ? Number.NaN : Number(bank) });
      setMessage('已保存');
      onSaved();
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };
  return (
    <View id='schedule' className='ll-card staff-limits__program'>
      <View className='staff-limits__name'>发放日程（预计到账日期按此计算）</View>
      <FormField label='每月发放日' hint='1至28日，多个用顿号分隔；遇节假日顺延到下一个工作日'>
        <Input id='schedule-days' value={days} onInput={e => setDays(e.detail.value)} />
      </FormField>
      <FormField label='银行到账所需工作日'>
        <Input id='schedule-bank' type='number' value={bank} onInput={e => setBank(e.detail.value)} />
      </FormField>
      {message && <View className={`staff-limits__message${message === '已保存' ? '' : ' staff-limits__message--error'}`}>{message}</View>}
      <Button id='schedule-save' size='mini' type='primary' onClick={() => void save()}>
        保存日程
      </Button>
    </View>
  );
}

/** The bureau's page: each program's stage limits and the payment batch schedule. */
export default function SubsidyLimitsPage() {
  const settings = useRequest(stageSettings, 'subsidy-stage-settings');
  if (settings.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (settings.status === 'error' || !settings.data) return <EmptyState kind='error' title='加载失败' description={settings.error} actionText='重新加载' onAction={settings.reload} />;
  const reload = () => void settings.reload();
  return (
    <View className='ll-page staff-limits'>
      <View className='staff-limits__intro'>时限按工作日计算（节假日与调休见“工作日历”），从进入该环节的次日起算；超时的申请在审核列表中标出，并提醒市人社局督办。</View>
      <Schedule schedule={settings.data.schedule} onSaved={reload} />
      {settings.data.programs.map(p => (
        <ProgramLimits key={p.id} program={p} onSaved={reload} />
      ))}
    </View>
  );
}
