import { useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PERCENT_TARGETS, TARGET_KEYS, TARGET_LABELS, type TargetKey, type YearTargets } from '@contract/statistics';
import { chineseDate } from '@contract/time';
import EmptyState from '@/components/EmptyState';
import FormField from '@/components/FormField';
import SelectField from '@/components/SelectField';
import { useRequest } from '@/hooks/useRequest';
import { ApiError } from '@/services/http';
import { saveYearTargets, targetYears, yearTargets } from '@/services/api/statistics';
import { fieldLabelProps } from '@/utils/a11y';
import { errorMessage } from '@/utils/errors';
import { draftOf, figuresOf, problemCell, type TargetDraft } from '../../targets-form';
import './index.scss';

const FIRST_YEAR = 2022;
const thisYear = new Date().getFullYear();

type CellErrors = Partial<Record<`${TargetKey}.${'target' | 'stretch'}`, string>>;

/** The year's targets, or null when the bureau has set none (the server answers 404). */
async function loadYear(year: number): Promise<YearTargets | null> {
  try {
    return await yearTargets(year);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

interface EditorProps {
  year: number;
  current: YearTargets | null;
  template?: YearTargets;
  /** What the last save said, kept by the page across the reload that follows it. */
  notice?: string;
  onSaved: (notice?: string) => void;
}

function TargetEditor({ year, current, template, notice, onSaved }: EditorProps) {
  const [draft, setDraft] = useState<TargetDraft>(draftOf(current?.figures ?? {}));
  const [source, setSource] = useState(current?.source ?? '');
  const [reason, setReason] = useState('');
  const [cells, setCells] = useState<CellErrors>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(notice ? { text: notice, error: false } : undefined);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const cell = (key: TargetKey, part: 'target' | 'stretch', value: string) => {
    setDraft(d => ({ ...d, [key]: { ...d[key], [part]: value } }));
    setCells(c => ({ ...c, [`${key}.${part}`]: undefined }));
  };

  const copyTemplate = () => {
    if (!template) return;
    setDraft(draftOf(template.figures));
    setMessage({ text: `已填入${template.year}年的目标，请按${year}年工作方案修改后保存`, error: false });
  };

  const save = async () => {
    setBusy(true);
    setMessage(undefined);
    setCells({});
    try {
      const saved = await saveYearTargets(year, { figures: figuresOf(draft), source: source.trim(), version: current?.version ?? 0, reason: reason.trim() });
      onSaved(`已保存${year}年目标（第${saved.version}版），工作目标看板即时生效`);
    } catch (err) {
      const next: CellErrors = {};
      if (err instanceof ApiError) {
        for (const problem of err.problems ?? (err.field ? [{ field: err.field, message: err.message }] : [])) {
          const at = problemCell(problem.field);
          if (at) next[`${at.key}.${at.part}`] = problem.message;
        }
        setStale(err.code === 'CONFLICT');
      }
      setCells(next);
      setMessage({ text: err instanceof ApiError && err.problems && err.problems.length > 1 ? `有 ${err.problems.length} 处需要修改，见各项说明` : errorMessage(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      {current ? (
        <View id='targets-current' className='ll-card staff-targets__status'>
          <View>来源：{current.source}</View>
          <View className='staff-targets__meta'>
            第{current.version}版 · 更新于{chineseDate(new Date(current.updatedAt))}
          </View>
        </View>
      ) : (
        <View id='targets-none' className='ll-card staff-targets__status staff-targets__status--empty'>
          <View>{year}年尚未设定工作目标，看板暂不显示目标完成率。</View>
          {template && (
            <Button id='targets-copy' className='staff-targets__copy' size='mini' type='default' onClick={copyTemplate}>
              以{template.year}年目标为底稿
            </Button>
          )}
        </View>
      )}

      <View className='ll-card staff-targets__form'>
        <View className='staff-targets__hint'>人数填整数，比率填百分数（如 42 表示 42%）；当年方案未设定的项目留空，看板不显示该项。</View>
        {TARGET_KEYS.map(key => {
          const unit = PERCENT_TARGETS.includes(key) ? '%' : '人';
          return (
            <View key={key} id={`targets-row-${key}`} className='staff-targets__row'>
              <View className='staff-targets__label'>{TARGET_LABELS[key]}</View>
              <View className='staff-targets__pair'>
                <FormField label={`目标（${unit}）`} error={cells[`${key}.target`]}>
                  <Input id={`targets-${key}-target`} type='digit' value={draft[key].target} onInput={e => cell(key, 'target', e.detail.value)} {...fieldLabelProps(`${TARGET_LABELS[key]}目标（${unit}）`)} />
                </FormField>
                <FormField label={`力争（${unit}）`} error={cells[`${key}.stretch`]}>
                  <Input id={`targets-${key}-stretch`} type='digit' value={draft[key].stretch} onInput={e => cell(key, 'stretch', e.detail.value)} {...fieldLabelProps(`${TARGET_LABELS[key]}力争目标（${unit}）`)} />
                </FormField>
              </View>
            </View>
          );
        })}
        <FormField label='目标来源' required hint='工作方案名称或文号'>
          <Input id='targets-source' value={source} placeholder={`如：${year}年留连来连工作方案`} onInput={e => setSource(e.detail.value)} />
        </FormField>
        <FormField label='调整原因' required hint='记入操作日志'>
          <Input id='targets-reason' value={reason} placeholder={current ? '如：按年中调度会调整' : '如：按当年工作方案设定'} onInput={e => setReason(e.detail.value)} />
        </FormField>
        {message && (
          <View id='targets-message' className={`staff-targets__message${message.error ? ' staff-targets__message--error' : ''}`} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </View>
        )}
        <View className='staff-targets__actions'>
          {stale && (
            <Button id='targets-reload' size='mini' type='default' className='staff-targets__button' onClick={() => onSaved()}>
              重新加载
            </Button>
          )}
          <Button id='targets-save' size='mini' type='primary' className='staff-targets__button' disabled={busy} loading={busy} onClick={() => void save()}>
            保存{year}年目标
          </Button>
        </View>
      </View>
    </View>
  );
}

/** The bureau's page: one year's plan targets, which the dashboard measures that year against. */
export default function StaffTargetsPage() {
  const asked = Number(useRouter().params.year);
  const [year, setYear] = useState(asked >= FIRST_YEAR && asked <= thisYear + 1 ? asked : thisYear);
  const years = useRequest(targetYears, 'target-years');
  const chosen = useRequest(() => loadYear(year), `targets-${year}`);
  const [notice, setNotice] = useState<string>();
  const reloadAll = (text?: string) => {
    setNotice(text);
    void years.reload();
    void chosen.reload();
  };
  const chooseYear = (next: number) => {
    setNotice(undefined);
    setYear(next);
  };

  const known = new Set((years.data ?? []).map(y => y.year));
  const options = Array.from({ length: thisYear + 1 - FIRST_YEAR + 1 }, (_, i) => thisYear + 1 - i)
    .concat([...known].filter(y => y < FIRST_YEAR || y > thisYear + 1))
    .sort((a, b) => b - a)
    .map(y => ({ value: y, label: `${y}年${known.has(y) ? '' : '（未设定）'}` }));
  const template = (years.data ?? []).find(y => y.year !== year);

  return (
    <View className='ll-page staff-targets'>
      <View className='staff-targets__intro'>工作目标看板按所选年度的目标计算完成率。目标随年度工作方案调整，每次保存记入操作日志。</View>
      <View className='staff-targets__year'>
        <SelectField id='targets-year' title='年度' placeholder='选择年度' options={options} value={year} onChange={chooseYear} />
      </View>
      {chosen.status === 'loading' && <EmptyState kind='loading' title='正在加载…' />}
      {chosen.status === 'error' && <EmptyState kind='error' title='加载失败' description={chosen.error} actionText='重新加载' onAction={chosen.reload} />}
      {chosen.status === 'ready' && (
        <TargetEditor
          key={`${year}-${chosen.data?.version ?? 0}-${chosen.data?.updatedAt ?? ''}`}
          year={year}
          current={chosen.data ?? null}
          template={template}
          notice={notice}
          onSaved={reloadAll}
        />
      )}
    </View>
  );
}
