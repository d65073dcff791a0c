import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { OfferMatchReport, OfferProgramCounts } from '@contract/subsidy-offer';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { offerCounts, runOfferMatch } from '@/services/api/subsidy';
import { errorMessage } from '@/utils/errors';
import './index.scss';

const COUNTS: Array<[keyof Pick<OfferProgramCounts, 'offered' | 'confirmed' | 'declined' | 'expired'>, string]> = [
  ['offered', '待确认'],
  ['confirmed', '已确认'],
  ['declined', '不需要'],
  ['expired', '已过期'],
];

/** One 免申即享 program: its offers by state, and the match (rerunning it offers no one twice). */
function ProgramMatch({ program, onRan }: { program: OfferProgramCounts; onRan: () => void }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<OfferMatchReport>();
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      setReport(await runOfferMatch(program.programId));
      onRan();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
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
      {report && (
        <View id={`offers-${program.programId}-report`} className='staff-offers__report'>
          本次比对：读取实名库 {report.scanned} 条，符合条件 {report.matched} 人，新发提醒 {report.created} 条（已提醒过的不再重复），通知有账号的毕业生 {report.notified} 人，用时 {(report.elapsedMs / 1000).toFixed(1)} 秒
        </View>
      )}
      {error && <View className='staff-offers__error'>{error}</View>}
      <Button id={`offers-${program.programId}-run`} type='primary' disabled={busy || !program.open || undefined} onClick={() => void run()}>
        {busy ? '正在比对…' : '运行数据比对'}
      </Button>
    </View>
  );
}

export default function StaffOffersPage() {
  const counts = useRequest(offerCounts, 'staff-offer-counts', { refreshOnShow: true, refreshOnPullDown: true });
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
        <ProgramMatch key={p.programId} program={p} onRan={() => void counts.reload()} />
      ))}
    </View>
  );
}
