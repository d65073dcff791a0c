import { Button, View } from '@tarojs/components';
import { REVIEW_STAGE_LABELS, type SubsidyApplicationView, type TimelineEntry } from '@contract/subsidy';
import Tag from '@/components/Tag';
import { formatDate } from '@/utils/format';
import './ApplicationCard.scss';

const ACTIONS: Record<TimelineEntry['action'], string> = {
  saved: '保存草稿',
  submitted: '提交申请',
  resubmitted: '补正后重新提交',
  approved: '审核通过',
  returned: '退回补正',
  rejected: '不予通过',
  batched: '进入发放批次',
  paid: '已发放',
  payFailed: '发放失败',
};

function Timeline({ app }: { app: SubsidyApplicationView }) {
  return (
    <View className='subsidy-app__timeline'>
      {app.timeline.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className={`subsidy-app__step subsidy-app__step--${entry.action}`}>
          <View className='subsidy-app__step-label'>
            {entry.stage ? `${REVIEW_STAGE_LABELS[entry.stage]}：` : ''}
            {ACTIONS[entry.action]}
          </View>
          <View className='subsidy-app__step-time'>{formatDate(entry.at)}</View>
          {entry.reason && <View className='subsidy-app__step-reason'>{entry.reason}</View>}
        </View>
      ))}
    </View>
  );
}

/** One application with its status and every step so far; drafts and returned ones can be continued. */
export default function ApplicationCard({ app, onContinue }: { app: SubsidyApplicationView; onContinue: () => void }) {
  return (
    <View id={`subsidy-application-${app.id}`} className='ll-card subsidy-app'>
      <View className='subsidy-app__head'>
        <View className='subsidy-app__name'>{app.programName}</View>
        <Tag tone={app.status === 'rejected' || app.status === 'returned' ? 'danger' : 'primary'}>{app.statusLabel}</Tag>
      </View>
      {app.amount !== undefined && <View className='subsidy-app__amount'>补贴金额：{app.amount} 元</View>}
      {app.stage && app.status === 'reviewing' && <View className='subsidy-app__stage'>当前环节：{REVIEW_STAGE_LABELS[app.stage]}</View>}
      {app.status === 'approved' && <View className='subsidy-app__stage'>审核已通过，等待发放</View>}
      <Timeline app={app} />
      {(app.status === 'draft' || app.status === 'returned') && (
        <Button size='mini' type='primary' onClick={onContinue}>
          {app.status === 'returned' ? '补正材料' : '继续填写'}
        </Button>
      )}
    </View>
  );
}
