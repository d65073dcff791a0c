import { Button, View } from '@tarojs/components';
import type { AccountCorrectionInput, SubsidyApplicationView } from '@contract/subsidy';
import { LIMITED_STAGE_LABELS, type StageProgress } from '@contract/subsidy-stages';
import Tag from '@/components/Tag';
import { formatDate, formatDateTime } from '@/utils/format';
import { actorText, stepText } from '../timeline';
import AccountCorrection from './AccountCorrection';
import './ApplicationCard.scss';

function Timeline({ app }: { app: SubsidyApplicationView }) {
  return (
    <View className='subsidy-app__timeline'>
      {app.timeline.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className={`subsidy-app__step subsidy-app__step--${entry.action}`}>
          <View className='subsidy-app__step-label'>{stepText(entry)}</View>
          <View className='subsidy-app__step-time'>
            {formatDateTime(entry.at)}
            {entry.actorRole !== 'applicant' && ` · ${actorText(entry)}`}
          </View>
          {entry.reason && <View className='subsidy-app__step-reason'>{entry.reason}</View>}
          {entry.nextStep && <View className='subsidy-app__step-next'>下一步：{entry.nextStep}</View>}
        </View>
      ))}
    </View>
  );
}

/** The stage it waits at against its time limit, and when the money should arrive. */
function Progress({ progress }: { progress: StageProgress }) {
  return (
    <View className={`subsidy-app__progress${progress.overdue ? ' subsidy-app__progress--overdue' : ''}`}>
      <View className='subsidy-app__progress-stage'>
        当前环节：{LIMITED_STAGE_LABELS[progress.stage]}
        {progress.overdue && <Tag tone='danger'>已超时</Tag>}
      </View>
      <View>
        自 {formatDate(progress.since)} 起，已用 {progress.workingDaysSpent} 个工作日（时限 {progress.limit} 个工作日）
      </View>
      <View id='subsidy-progress-deadline'>本环节办理期限：{progress.deadline}</View>
      <View id='subsidy-progress-payment' className='subsidy-app__progress-payment'>
        预计到账：{progress.expectedPaymentDay} 前
      </View>
    </View>
  );
}

export interface ApplicationCardProps {
  app: SubsidyApplicationView;
  onContinue: () => void;
  /** After a bank return: sends the corrected account. */
  correctAccount: (id: string, input: AccountCorrectionInput) => Promise<SubsidyApplicationView>;
  onChanged: () => void;
}

/** One application with its status, its time limit and every step so far; drafts and returned ones can be continued. */
export default function ApplicationCard({ app, onContinue, correctAccount, onChanged }: ApplicationCardProps) {
  const warn = app.status === 'rejected' || app.status === 'returned' || app.status === 'payReturned';
  return (
    <View id={`subsidy-application-${app.id}`} className='ll-card subsidy-app'>
      <View className='subsidy-app__head'>
        <View className='subsidy-app__name'>{app.programName}</View>
        <Tag tone={warn ? 'danger' : 'primary'}>{app.statusLabel}</Tag>
      </View>
      {app.amount !== undefined && <View className='subsidy-app__amount'>补贴金额：{app.amount} 元</View>}
      {app.status === 'approved' && <View className='subsidy-app__stage'>审核已通过，等待发放</View>}
      {app.progress && <Progress progress={app.progress} />}
      {app.status === 'payReturned' && <AccountCorrection app={app} correct={correctAccount} onDone={onChanged} />}
      <Timeline app={app} />
      {(app.status === 'draft' || app.status === 'returned') && (
        <Button size='mini' type='primary' onClick={onContinue}>
          {app.status === 'returned' ? '补正材料' : '继续填写'}
        </Button>
      )}
    </View>
  );
}
