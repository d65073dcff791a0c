import { Button, View } from '@tarojs/components';
import { REVIEW_STAGE_LABELS, type SubsidyApplicationView } from '@contract/subsidy';
import Tag from '@/components/Tag';
import { formatDate } from '@/utils/format';
import { stepText } from '../timeline';
import './ApplicationCard.scss';

function Timeline({ app }: { app: SubsidyApplicationView }) {
  return (
    <View className='subsidy-app__timeline'>
      {app.timeline.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className={`subsidy-app__step subsidy-app__step--${entry.action}`}>
          <View className='subsidy-app__step-label'>{stepText(entry)}</View>
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
