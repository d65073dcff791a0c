import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { correctSubsidyAccount, mySubsidyApplications } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import ApplicationCard from '../../components/ApplicationCard';

export default function MySubsidyApplicationsPage() {
  const apps = useRequest(mySubsidyApplications, 'my-subsidy-applications', { refreshOnShow: true, refreshOnPullDown: true });

  if (apps.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (apps.status === 'error') return <EmptyState kind='error' title='加载失败' description={apps.error} actionText='重新加载' onAction={apps.reload} />;
  const list = apps.data ?? [];
  if (list.length === 0) return <EmptyState title='还没有补贴申请' description='在补贴项目中查看您可以申请的补贴' />;
  return (
    <View className='ll-page'>
      {list.map(app => (
        <ApplicationCard
          key={app.id}
          app={app}
          onContinue={() => navigate('subsidyApply', { programId: app.programId })}
          correctAccount={correctSubsidyAccount}
          onChanged={() => void apps.reload()}
        />
      ))}
    </View>
  );
}
