import { useEffect, useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import type { WorkingCalendarYear } from '@contract/subsidy-stages';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { putCalendarYear, stageSettings } from '@/services/api/subsidy';
import { pressable } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import './index.scss';

const lines = (text: string): string[] => text.split(/[\s,，、]+/).filter(Boolean);

/** One year: the days off and the worked weekend days, as the State Council's notice lists them. */
function YearEditor({ year, onSaved }: { year: WorkingCalendarYear; onSaved: () => void }) {
  const [holidays, setHolidays] = useState(year.holidays.join('\n'));
  const [workdays, setWorkdays] = useState(year.workdays.join('\n'));
  const [source, setSource] = useState(year.source);
  const [message, setMessage] = useState('');
  useEffect(() => {
    setHolidays(year.holidays.join('\n'));
    setWorkdays(year.workdays.join('\n'));
    setSource(year.source);
    setMessage('');
  }, [year]);

  const save = async () => {
    setMessage('');
    try {
      await putCalendarYear(year.year, { holidays: lines(holidays), workdays: lines(workdays), source });
      setMessage('已保存');
      onSaved();
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  return (
    <View id={`calendar-${year.year}`} className='ll-card staff-calendar__year'>
      {year.provisional && (
        <View id='calendar-provisional' className='staff-calendar__provisional'>
          <View className='staff-calendar__provisional-title'>{year.year}年：待国务院办公厅放假安排发布后核对</View>
          <View>
            目前只录入了《全国年节及纪念日放假办法》规定的法定节假日，调休上班日和节日逢周末的补假尚未录入，期间的办理期限可能偏短。国务院办公厅公布{year.year}
            年放假安排后，请按通知在下方补全放假日和调休上班日，把“依据”改为通知名称后保存；保存后不再显示此提示。
          </View>
        </View>
      )}
      <FormField label={`${year.year}年放假日`} hint='每行一个日期（YYYY-MM-DD），含调休放假的工作日'>
        <Textarea id='calendar-holidays' value={holidays} maxlength={-1} autoHeight onInput={e => setHolidays(e.detail.value)} />
      </FormField>
      <FormField label={`${year.year}年调休上班日`} hint='每行一个日期，通常是周六或周日'>
        <Textarea id='calendar-workdays' value={workdays} maxlength={-1} autoHeight onInput={e => setWorkdays(e.detail.value)} />
      </FormField>
      <FormField label='依据'>
        <Input id='calendar-source' value={source} placeholder='如：国务院办公厅关于2027年部分节假日安排的通知' onInput={e => setSource(e.detail.value)} />
      </FormField>
      {message && <View className={`staff-calendar__message${message === '已保存' ? '' : ' staff-calendar__message--error'}`}>{message}</View>}
      <Button id='calendar-save' type='primary' onClick={() => void save()}>
        保存{year.year}年日历
      </Button>
    </View>
  );
}

/** The bureau's working-day calendar: a year per tab; a year without data counts Monday to Friday. */
export default function SubsidyCalendarPage() {
  const settings = useRequest(stageSettings, 'subsidy-stage-settings');
  const [chosen, setChosen] = useState<number>();
  if (settings.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (settings.status === 'error' || !settings.data) return <EmptyState kind='error' title='加载失败' description={settings.error} actionText='重新加载' onAction={settings.reload} />;
  const known = settings.data.calendars;
  const last = known.length ? known[known.length - 1].year : new Date().getFullYear() - 1;
  const years = [...known, { year: last + 1, holidays: [], workdays: [], source: '' }];
  const year = years.find(y => y.year === chosen) ?? known.find(y => y.year === new Date().getFullYear()) ?? years[0];
  return (
    <View className='ll-page staff-calendar'>
      <View className='staff-calendar__intro'>办理时限按工作日计算。国务院办公厅每年公布放假安排后，在此录入下一年的放假日和调休上班日；未录入的年份按周一至周五计算。</View>
      <View className='staff-calendar__years' role='radiogroup'>
        {years.map(y => (
          <View key={y.year} id={`calendar-tab-${y.year}`} className='staff-calendar__tab' {...pressable(() => setChosen(y.year), { role: 'radio', checked: y.year === year.year })}>
            <Tag tone={y.year === year.year ? 'primary' : 'neutral'}>{known.some(k => k.year === y.year) ? `${y.year}年${'provisional' in y && y.provisional ? '（待核对）' : ''}` : `新增${y.year}年`}</Tag>
          </View>
        ))}
      </View>
      <YearEditor year={year} onSaved={() => void settings.reload()} />
    </View>
  );
}
