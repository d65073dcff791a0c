import { useCallback, useEffect, useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { OfferMatchRun, OfferProgramCounts } from '@contract/subsidy-offer';
import { monthDayTime } from '@contract/time';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { offerCounts, offerMatchRun, startOfferMatch } from '@/services/api/subsidy';
import { errorMessage } from '@/utils/errors';
import './index.scss';

const COUNTS: Array<[keyof Pick<OfferProgramCounts, 'offered' | 'confirmed' | 'declined' | 'expired'>, string]> = [
  ['offered', '待确认'],
  ['confirmed', '已确认'],
  ['declined', '不需要'],
  ['expired', '已过期'],
];

/** How often the page asks how far a running match got. */
const POLL_MS = 1000;

/** Where a run stands, in one sentence. */
function runLine(run: OfferMatchRun): string {
  const figures = `读取实名库 ${run.scanned} / ${run.total} 条，符合条件 ${run.matched} 人，新发提醒 ${run.created} 条`;
  if (run.status === 'running') return `正在比对（后台运行，可离开本页）：已${figures}`;
  if (run.status === 'failed') return `${run.finishedAt ? monthDayTime(new Date(run.finishedAt)) : ''} 比对中断：${run.error ?? '请重新运行'}（已${figures}）`;
  const seconds = run.elapsedMs === undefined ? '' : `，用时 ${(run.elapsedMs / 1000).toFixed(1)} 秒`;
  return `上次比对 ${run.finishedAt ? monthDayTime(new Date(run.finishedAt)) : ''} 完成：${figures}（已提醒过的不再重复），通知有账号的毕业生 ${run.notified} 人${seconds}`;
}

/**
 * One 免申即享 program: its offers by state, and the match. The match runs on the server after the start is
 * answered; the page polls the run while it runs (a start while one runs answers that one).
 */
function ProgramMatch({ program, onRan }: { program: OfferProgramCounts; onRan: () => void }) {
  const [busy, setBusy] = useState(false);
  const [run, setRun] = useState<OfferMatchRun | undefined>(program.lastRun);
  const [error, setError] = useState('');
  useEffect(() => setRun(program.lastRun), [program.lastRun]);
  const running = run?.status === 'running';
  const runId = running ? run.id : undefined;
  useEffect(() => {
    if (!runId) return undefined;
    let stopped = false;
    const timer = setTimeout(() => {
      offerMatchRun(runId)
        .then(next => {
          if (stopped) return;
          setRun(next);
          if (next.status !== 'running') onRan();
        })
        .catch(err => {
          if (!stopped) setError(errorMessage(err));
        });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // A new object for the same run polls again: each answer schedules the next question.
  }, [runId, run, onRan]);
  const start = async () => {
    setBusy(true);
    setError('');
    try {
      setRun(await startOfferMatch(program.programId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const percent = run && run.total > 0 ? Math.min(100, Math.round((run.scanned / run.total) * 100)) : 0;
  return (
    <View id={`offers-${program.programId}`} className='ll-card staff-offers__program'>
      <View className='staff-offers__name'>
        {program.programName}（{program.period}）{program.open ? '' : ' · 不在申报期内'}
      </View>
      <View className='staff-offers__counts'>
        {COUNTS.map(([key, label]) => (
          <View key={key} id={`offers-${program.programId}-${key}`} className='staff-offers__count'>
            <View className='staff-offers__figure'>{program[key]}</View>
            <View className='staff-offers__label'>{label}</View>
          </View>
        ))}
      </View>
      {run && (
        <View id={`offers-${program.programId}-run`} className='staff-offers__report' data-status={run.status}>
          {running && (
            <View className='staff-offers__bar' role='progressbar' aria-label='比对进度' aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
              <View className='staff-offers__bar-fill' style={{ width: `${percent}%` }} />
            </View>
          )}
          <View className={run.status === 'failed' ? 'staff-offers__error' : ''}>{runLine(run)}</View>
        </View>
      )}
      {error && <View className='staff-offers__error'>{error}</View>}
      <Button id={`offers-${program.programId}-start`} type='primary' disabled={busy || running || !program.open || undefined} onClick={() => void start()}>
        {running ? '正在比对…' : '运行数据比对'}
      </Button>
    </View>
  );
}

export default function StaffOffersPage() {
  const counts = useRequest(offerCounts, 'staff-offer-counts', { refreshOnShow: true, refreshOnPullDown: true });
  const { reload: reloadCounts } = counts;
  const reload = useCallback(() => void reloadCounts(), [reloadCounts]);
  if (counts.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (counts.status === 'error') return <EmptyState kind='error' title='加载失败' description={counts.error} actionText='重新加载' onAction={counts.reload} />;
  const list = counts.data ?? [];
  return (
    <View className='ll-page staff-offers'>
      <View className='staff-offers__intro'>
        “免申即享”项目按毕业生实名库、平台录用记录和社保参保记录比对，向符合条件的毕业生发送提醒，毕业生一键确认即提交申请，之后照常审核、公示和发放。同一人同一项目同一批次只提醒一次。
      </View>
      {list.length === 0 && <EmptyState title='还没有“免申即享”项目' description='在补贴项目中将项目设为“免申即享”（不要求上传材料）后可在此比对' />}
      {list.map(p => (
        <ProgramMatch key={p.programId} program={p} onRan={reload} />
      ))}
    </View>
  );
}
