import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { LIMITED_STAGES, LIMITED_STAGE_LABELS, type StageLimits, type StageSettingsView } from '@contract/subsidy-stages';
import EmptyState from '@/components/EmptyState';
import SwitchRow from '@/components/SwitchRow';
import Tag from '@/components/Tag';
import FormField from '@/components/FormField';
import { useRequest } from '@/hooks/useRequest';
import { setBatchSchedule, setProgramOfferMode, setStageLimits, stageSettings } from '@/services/api/subsidy';
import { confirmAction } from '@/services/confirm';
import { errorMessage } from '@/utils/errors';
import './index.scss';

type Draft = Record<keyof StageLimits, string>;
const draftOf = (limits: StageLimits): Draft => Object.fromEntries(LIMITED_STAGES.map(s => [s, String(limits[s])])) as Draft;

type ProgramSettings = StageSettingsView['programs'][number];

/**
 * 免申即享 on or off. Turning it on asks first (graduates will be told once a match runs); a program that cannot be
 * 免申即享 says why before anyone tries, and the server's own rule stands behind it.
 */
function OfferModeSwitch({ program, onSaved }: { program: ProgramSettings; onSaved: () => void }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const on = program.offerMode === 'auto';
  const blocked = !on && program.offerModeBlocked !== undefined;
  const toggle = async () => {
    if (busy || blocked) return;
    if (
      !on &&
      !(await confirmAction({
        content: `将“${program.name}”设为免申即享后，可在“免申即享”页运行数据比对：系统按实名库、录用和社保记录找出符合条件的毕业生并发送提醒，毕业生一键确认即提交申请。确定开启吗？`,
        confirmText: '开启',
      }))
    ) {
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      await setProgramOfferMode(program.id, on ? 'apply' : 'auto');
      setMessage(on ? '已关闭免申即享，已发出的提醒仍可确认' : '已开启免申即享');
      onSaved();
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='staff-limits__offer'>
      <SwitchRow
        id={`offer-mode-${program.id}`}
        title='免申即享'
        hint='系统根据登记和社保数据主动匹配，毕业生一键确认'
        on={on}
        words={{ on: '已开启', off: '未开启' }}
        disabled={blocked || busy}
        onToggle={() => void toggle()}
      />
      {blocked && (
        <View id={`offer-mode-${program.id}-blocked`} className='staff-limits__hint'>
          不能开启：{program.offerModeBlocked}
        </View>
      )}
      {message && (
        <View id={`offer-mode-${program.id}-message`} className={`staff-limits__message${message.startsWith('已') ? '' : ' staff-limits__message--error'}`}>
          {message}
        </View>
      )}
    </View>
  );
}

/** One program's limits: whole working days, checked by the server (a 0 or a negative is refused, naming the stage). */
function ProgramLimits({ program, onSaved }: { program: ProgramSettings; onSaved: () => void }) {
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
        {program.offerMode === 'auto' && (
          <View className='staff-limits__tag'>
            <Tag tone='primary'>免申即享</Tag>
          </View>
        )}
      </View>
      <OfferModeSwitch program={program} onSaved={onSaved} />
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
  const [publicity, setPublicity] = useState(String(schedule.publicityWorkingDays));
  const [message, setMessage] = useState('');
  const save = async () => {
    setMessage('');
    try {
      const daysOfMonth = days.split(/[、,，\s]+/).filter(Boolean).map(Number);
      const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
      await setBatchSchedule({ daysOfMonth, bankWorkingDays: number(bank), publicityWorkingDays: number(publicity) });
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
      <FormField label='发放前公示期（工作日）' hint='1至30个工作日；新发布的公示按此计算，已发布的不变'>
        <Input id='schedule-publicity' type='number' value={publicity} onInput={e => setPublicity(e.detail.value)} />
      </FormField>
      {message && <View className={`staff-limits__message${message === '已保存' ? '' : ' staff-limits__message--error'}`}>{message}</View>}
      <Button id='schedule-save' size='mini' type='primary' onClick={() => void save()}>
        保存日程
      </Button>
    </View>
  );
}

/** The bureau's page: each program's stage limits and 免申即享 switch, and the payment batch schedule. */
export default function SubsidyLimitsPage() {
  const settings = useRequest(stageSettings, 'subsidy-stage-settings');
  if (settings.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (settings.status === 'error' || !settings.data) return <EmptyState kind='error' title='加载失败' description={settings.error} actionText='重新加载' onAction={settings.reload} />;
  const reload = () => void settings.reload();
  return (
    <View className='ll-page staff-limits'>
      <View className='staff-limits__intro'>时限按工作日计算（节假日与调休见“工作日历”），从进入该环节的次日起算；超时的申请在审核列表中标出，并提醒市人社局督办。开启“免申即享”的项目在“免申即享”页运行数据比对。</View>
      <Schedule schedule={settings.data.schedule} onSaved={reload} />
      {settings.data.programs.map(p => (
        <ProgramLimits key={p.id} program={p} onSaved={reload} />
      ))}
    </View>
  );
}
