import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { enterpriseSubsidyOverview } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import EnterpriseInfo from '../../components/EnterpriseInfo';
import ExampleAmounts from '../../components/ExampleAmounts';
import ProgramCard from '../../components/ProgramCard';
import { pressable } from '@/utils/a11y';

/** Recruiters: the programs an enterprise can apply for, and whether this one qualifies and why. */
export default function EnterpriseSubsidyProgramsPage() {
  const overview = useRequest(enterpriseSubsidyOverview, 'enterprise-subsidy-programs', { refreshOnShow: true, refreshOnPullDown: true });

  if (overview.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (overview.status === 'error' || !overview.data) {
    // Most often: no enterprise registered yet (ENTERPRISE_REQUIRED).
    return <EmptyState kind='error' title='暂不能申请企业补贴' description={overview.error} actionText='我的企业' onAction={() => void navigate('recruiterEnterprise')} />;
  }
  const { enterprise, programs } = overview.data;
  return (
    <View className='ll-page'>
      <EnterpriseInfo enterprise={enterprise} />
      <View id='enterprise-subsidy-mine' className='subsidy-programs__mine' {...pressable(() => void navigate('subsidyEnterpriseApplications'), { role: 'link' })}>
        本企业的补贴申请 ›
      </View>
      {programs.some(entry => entry.program.exampleAmounts) && <ExampleAmounts />}
      {programs.length === 0 ? (
        <EmptyState title='暂无面向企业的补贴项目' compact />
      ) : (
        programs.map(entry => (
          <ProgramCard
            key={entry.program.id}
            entry={entry}
            allowed={enterprise.status === 'verified'}
            onApply={() => void navigate('subsidyEnterpriseApply', { programId: entry.program.id })}
          />
        ))
      )}
    </View>
  );
}
