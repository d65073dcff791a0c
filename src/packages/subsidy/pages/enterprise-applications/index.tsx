import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { correctEnterpriseSubsidyAccount, enterpriseSubsidyApplications } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import ApplicationCard from '../../components/ApplicationCard';

/** Every application of the recruiter's enterprise, whichever of its recruiters started it. */
export default function EnterpriseSubsidyApplicationsPage() {
  const apps = useRequest(enterpriseSubsidyApplications, 'enterprise-subsidy-applications', { refreshOnShow: true, refreshOnPullDown: true });

  if (apps.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (apps.status === 'error') return <EmptyState kind='error' title='加载失败' description={apps.error} actionText='重新加载' onAction={apps.reload} />;
  const list = apps.data ?? [];
  if (list.length === 0) {
    return <EmptyState title='本企业还没有补贴申请' description='在企业补贴申请中查看可以申请的项目' actionText='查看项目' onAction={() => void navigate('subsidyEnterprisePrograms')} />;
  }
  return (
    <View className='ll-page'>
      {list.map(app => (
        <ApplicationCard
          key={app.id}
          app={app}
          onContinue={() => void navigate('subsidyEnterpriseApply', { programId: app.programId })}
          correctAccount={correctEnterpriseSubsidyAccount}
          onChanged={() => void apps.reload()}
        />
      ))}
    </View>
  );
}
