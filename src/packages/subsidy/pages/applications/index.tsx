import { Button, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { REVIEW_STAGE_LABELS, type SubsidyApplicationView, type TimelineEntry } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { mySubsidyApplications } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { formatDate } from '@/utils/format';
import './index.scss';

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

export default function MySubsidyApplicationsPage() {
  const apps = useRequest(mySubsidyApplications, 'my-subsidy-applications', { refreshOnShow: true });

  usePullDownRefresh(async () => {
    await apps.reload();
    Taro.stopPullDownRefresh();
  });

  if (apps.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (apps.status === 'error') return <EmptyState kind='error' title='加载失败' description={apps.error} actionText='重新加载' onAction={apps.reload} />;
  const list = apps.data ?? [];
  if (list.length === 0) return <EmptyState title='还没有补贴申请' description='在补贴项目中查看您可以申请的补贴' />;
  return (
    <View className='ll-page'>
      {list.map(app => (
        <View key={app.id} id={`subsidy-application-${app.id}`} className='ll-card subsidy-app'>
          <View className='subsidy-app__head'>
            <View className='subsidy-app__name'>{app.programName}</View>
            <Tag tone={app.status === 'rejected' || app.status === 'returned' ? 'danger' : 'primary'}>{app.statusLabel}</Tag>
          </View>
          {app.amount !== undefined && <View className='subsidy-app__amount'>补贴金额：{app.amount} 元</View>}
          {app.stage && app.status === 'reviewing' && <View className='subsidy-app__stage'>当前环节：{REVIEW_STAGE_LABELS[app.stage]}</View>}
          <Timeline app={app} />
          {(app.status === 'draft' || app.status === 'returned') && (
            <Button size='mini' type='primary' onClick={() => navigate('subsidyApply', { programId: app.programId })}>
              {app.status === 'returned' ? '补正材料' : '继续填写'}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
