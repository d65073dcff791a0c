import { useState } from 'react';
import { Button, Input, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { JobSummary } from '@contract/job';
import { OVERDUE_LABELS, SUPPORT_SERVICE_KINDS, SUPPORT_SERVICE_LABELS, type SupportCaseView, type SupportServiceKind } from '@contract/support';
import DataTable, { type DataColumn } from '@/components/DataTable';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { caseMatches, claimCase, recommendJobs, recordCaseService, saveCasePlan, supportCase } from '@/services/api/support';
import { errorMessage } from '@/utils/errors';
import { districtName, formatDate, formatSalary } from '@/utils/format';
import { progressText, remainingSteps } from '../../progress';
import './index.scss';

const MAX_PER_ROUND = 20;

function Matches({ caseId, onSent }: { caseId: string; onSent: (c: SupportCaseView) => void }) {
  const matches = useRequest(() => caseMatches(caseId), caseId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const toggle = (id: string) =>
    setSelected(prev => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else if (next.size < MAX_PER_ROUND) next.add(id);
      else Taro.showToast({ title: `每轮最多推荐 ${MAX_PER_ROUND} 个岗位`, icon: 'none' });
      return next;
    });
  const send = async () => {
    setBusy(true);
    try {
      const updated = await recommendJobs(caseId, [...selected]);
      setSelected(new Set());
      Taro.showToast({ title: `已推荐 ${selected.size} 个岗位`, icon: 'success' });
      onSent(updated);
      await matches.reload();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const columns: Array<DataColumn<JobSummary>> = [
    { key: 'title', title: '岗位', size: 'wide', render: j => j.title },
    { key: 'enterprise', title: '单位', size: 'wide', render: j => j.enterpriseName },
    { key: 'district', title: '区市县', size: 'narrow', render: j => districtName(j.district) },
    { key: 'salary', title: '薪资', render: j => formatSalary(j.salaryMin, j.salaryMax) },
    { key: 'reasons', title: '匹配理由', size: 'wide', render: j => (j.reasons?.length ? j.reasons.join('、') : '—') },
  ];
  const rows = matches.data ?? [];
  return (
    <View className='ll-card case-section'>
      <View className='case-section__head'>
        <View className='case-section__title'>推荐一轮岗位（从匹配岗位中选择）</View>
        <Button id='case-recommend' size='mini' className='case-primary' disabled={busy || selected.size === 0} onClick={() => void send()}>
          推荐所选（{selected.size}）
        </Button>
      </View>
      {matches.status === 'loading' && <EmptyState kind='loading' title='正在匹配岗位…' compact />}
      {matches.status === 'error' && <EmptyState kind='error' title='匹配失败' description={matches.error} actionText='重试' onAction={matches.reload} compact />}
      {matches.status === 'ready' &&
        (rows.length === 0 ? (
          <EmptyState title='暂无可推荐的在招岗位' compact />
        ) : (
          <DataTable
            idPrefix='match'
            columns={columns}
            rows={rows}
            rowKey={j => j.id}
            selected={selected}
            onToggle={toggle}
            onToggleAll={() => setSelected(prev => (prev.size > 0 ? new Set() : new Set(rows.slice(0, MAX_PER_ROUND).map(j => j.id))))}
          />
        ))}
    </View>
  );
}

function CaseFile({ initial }: { initial: SupportCaseView }) {
  const user = useSession();
  const [c, setC] = useState(initial);
  const [plan, setPlan] = useState(initial.plan);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = c.caseworkerId === user?.userId;
  const isDistrict = Boolean(user?.roles.includes('district'));

  const run = async (work: () => Promise<SupportCaseView>, done: string) => {
    setBusy(true);
    try {
      setC(await work());
      Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const record = (kind: SupportServiceKind) =>
    run(async () => {
      const updated = await recordCaseService(c.id, kind, note.trim());
      setNote('');
      return updated;
    }, `已记录${SUPPORT_SERVICE_LABELS[kind]}`);

  const left = remainingSteps(c.progress);
  return (
    <View className='ll-page case'>
      <View className='ll-card case-header'>
        <View className='case-header__name'>{c.name}</View>
        <View className='case-header__meta'>
          {districtName(c.districtCode)} · {c.registeredBy === 'self' ? '本人登记' : '工作人员登记'} · 建档 {formatDate(c.createdAt)}
          {c.linked ? ' · 已关联平台账号（可在线查看推荐并投递）' : ' · 未关联平台账号'}
        </View>
        {c.intention && <View className='case-header__meta'>就业意向：{c.intention}</View>}
        <View id='case-progress' className='case-header__progress'>
          {progressText(c.progress)}
        </View>
        {c.progress.complete ? (
          <View className='case-header__done'>1311 服务已全部完成</View>
        ) : (
          <View className='case-header__left'>待完成：{left.join('；')}</View>
        )}
        {c.overdue.length > 0 && <View className='case-header__overdue'>逾期提醒：{c.overdue.map(r => OVERDUE_LABELS[r]).join('；')}</View>}
        {!c.caseworkerId && isDistrict && (
          <Button id='case-claim' size='mini' className='case-primary' disabled={busy} onClick={() => void run(() => claimCase(c.id), '已认领')}>
            认领为责任人
          </Button>
        )}
      </View>

      <View className='case-grid'>
        <View className='ll-card case-section'>
          <View className='case-section__title'>一人一策</View>
          <Textarea
            id='case-plan'
            className='case-plan'
            value={plan}
            maxlength={2000}
            disabled={!mine}
            placeholder={mine ? '根据意向、技能和困难情况制定帮扶计划' : '认领后由责任人制定'}
            onInput={e => setPlan(e.detail.value)}
          />
          {mine && (
            <Button id='case-plan-save' size='mini' className='case-primary' disabled={busy || !plan.trim() || plan === c.plan} onClick={() => void run(() => saveCasePlan(c.id, plan.trim()), '已保存')}>
              保存帮扶计划
            </Button>
          )}
        </View>

        <View className='ll-card case-section'>
          <View className='case-section__title'>记录服务与回访</View>
          {mine ? (
            <View>
              <View id='case-note' className='case-note'>
                <Input value={note} maxlength={500} placeholder='说明（选填），如：推荐参加电商运营培训班' onInput={e => setNote(e.detail.value)} />
              </View>
              <View className='case-actions'>
                {SUPPORT_SERVICE_KINDS.map(kind => (
                  <Button key={kind} id={`case-service-${kind}`} size='mini' disabled={busy} onClick={() => void record(kind)}>
                    {kind === 'visit' ? '记录回访' : `提供${SUPPORT_SERVICE_LABELS[kind]}`}
                  </Button>
                ))}
              </View>
            </View>
          ) : (
            <View className='case-muted'>仅责任人可以记录服务</View>
          )}
          {c.services.length === 0 ? (
            <View className='case-muted'>暂无服务记录</View>
          ) : (
            [...c.services].reverse().map((s, i) => (
              <View key={`${s.at}-${i}`} className='case-log'>
                {formatDate(s.at)} {SUPPORT_SERVICE_LABELS[s.kind]}
                {s.note ? `：${s.note}` : ''}
              </View>
            ))
          )}
        </View>
      </View>

      <View className='ll-card case-section'>
        <View className='case-section__title'>已推荐岗位（{c.rounds.length} 轮）</View>
        {c.rounds.length === 0 && <View className='case-muted'>尚未推荐岗位</View>}
        {c.rounds.map((round, i) => (
          <View key={round.at} id={`case-round-${i + 1}`} className='case-log'>
            第 {i + 1} 轮 · {formatDate(round.at)}：{round.jobs.map(j => `${j.title}（${j.enterpriseName}）`).join('、')}
          </View>
        ))}
      </View>

      {mine && <Matches caseId={c.id} onSent={setC} />}
    </View>
  );
}

export default function SupportCasePage() {
  const { params } = useRouter<{ id: string }>();
  const id = params.id ?? '';
  const data = useRequest(() => supportCase(id), id);
  if (data.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (data.status === 'error' || !data.data) return <EmptyState kind='error' title='加载失败' description={data.error} actionText='重新加载' onAction={data.reload} />;
  return <CaseFile key={data.data.id} initial={data.data} />;
}
