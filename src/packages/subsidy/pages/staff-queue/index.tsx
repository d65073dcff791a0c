import { View } from '@tarojs/components';
import { REVIEW_STAGE_LABELS, type SubsidyApplicationView } from '@contract/subsidy';
import { LIMITED_STAGE_LABELS } from '@contract/subsidy-stages';
import DataTable, { type DataColumn } from '@/components/DataTable';
import ListFooter from '@/components/ListFooter';
import Tag from '@/components/Tag';
import { usePagedList } from '@/hooks/usePagedList';
import { useRequest } from '@/hooks/useRequest';
import { overdueCounts, reviewQueue } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { useSession } from '@/hooks/useSession';
import { pressable } from '@/utils/a11y';
import { districtName, formatDate } from '@/utils/format';
import './index.scss';

/** One card per application on a phone (each value with its name), one line per application on a desktop. */
const QUEUE_COLUMNS: ReadonlyArray<DataColumn<SubsidyApplicationView>> = [
  { key: 'applicant', title: '申请人', render: app => `${app.applicantName}${app.applicantKind === 'enterprise' ? '（企业）' : ''}` },
  { key: 'program', title: '项目', size: 'wide', render: app => app.programName },
  { key: 'stage', title: '环节', render: app => (app.stage ? REVIEW_STAGE_LABELS[app.stage] : app.statusLabel) },
  { key: 'amount', title: '金额(元)', size: 'narrow', render: app => app.amount ?? '-' },
  { key: 'district', title: '就业地/企业所在地', render: app => districtName(app.form.employmentDistrict) },
  { key: 'submitted', title: '提交时间', render: app => <View className='staff-queue__date'>{formatDate(app.submittedAt)}</View> },
  {
    key: 'deadline',
    title: '办理期限',
    render: app => (
      <View className='staff-queue__date'>
        {app.progress ? app.progress.deadline : '-'}
        {app.progress?.overdue && <Tag tone='danger'>已超时</Tag>}
      </View>
    ),
  },
];

/** Applications past a stage's time limit, per unit and stage (the bureau sees every unit, reviewers their own). */
function OverdueCounts() {
  const counts = useRequest(overdueCounts, 'subsidy-overdue', { refreshOnShow: true, refreshOnPullDown: true });
  const rows = counts.data ?? [];
  if (counts.status !== 'ready') return null;
  return (
    <View id='subsidy-overdue' className='ll-card staff-queue__overdue'>
      <View className='staff-queue__overdue-title'>超时未办结</View>
      {rows.length === 0 ? (
        <View className='staff-queue__overdue-none'>没有超过办理时限的申请</View>
      ) : (
        rows.map(r => (
          <View key={`${r.stage}-${r.unit}`} className='staff-queue__overdue-row'>
            <View>
              {r.unit} · {LIMITED_STAGE_LABELS[r.stage]}
            </View>
            <Tag tone='danger'>{r.count} 件</Tag>
          </View>
        ))
      )}
    </View>
  );
}

/** A table on a desktop browser, rows of cards on a phone (the same markup, CSS decides). */
export default function SubsidyQueuePage() {
  const list = usePagedList(cursor => reviewQueue({ cursor }));
  const bureau = useSession()?.roles.includes('bureau') ?? false;
  return (
    <View className='ll-page staff-queue'>
      <View className='staff-queue__bar'>
        <View className='staff-queue__title'>待我审核的补贴申请</View>
        <View className='staff-queue__links'>
          {bureau && (
            <View id='queue-limits-link' className='staff-queue__link' {...pressable(() => void navigate('staffSubsidyLimits'))}>
              办理时限 ›
            </View>
          )}
          {bureau && (
            <View id='queue-offers-link' className='staff-queue__link' {...pressable(() => void navigate('staffSubsidyOffers'))}>
              免申即享 ›
            </View>
          )}
          {bureau && (
            <View id='queue-calendar-link' className='staff-queue__link' {...pressable(() => void navigate('staffSubsidyCalendar'))}>
              工作日历 ›
            </View>
          )}
          <View className='staff-queue__link' {...pressable(() => navigate('staffSubsidyBatches'), { role: 'link' })}>
            发放批次 ›
          </View>
        </View>
      </View>
      <OverdueCounts />
      {list.items.length > 0 && (
        <DataTable
          idPrefix='queue'
          columns={QUEUE_COLUMNS}
          rows={list.items}
          rowKey={app => app.id}
          onRowClick={app => void navigate('staffSubsidyReview', { id: app.id })}
        />
      )}
      <ListFooter list={list} empty={{ title: '没有待审核的申请', compact: true }} />
    </View>
  );
}
