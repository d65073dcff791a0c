import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import { useRequest } from '@/hooks/useRequest';
import { subsidyPrograms } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import ProgramCard from '../../components/ProgramCard';

export default function SubsidyProgramsPage() {
  const programs = useRequest(subsidyPrograms, 'subsidy-programs', { refreshOnShow: true });

  if (programs.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (programs.status === 'error') {
    return <EmptyState kind='error' title='加载失败' description={programs.error} actionText='重新加载' onAction={programs.reload} />;
  }
  const list = (programs.data ?? []).filter(p => p.program.applicantKind === 'graduate');
  if (list.length === 0) return <EmptyState title='暂无可申请的补贴项目' />;
  return (
    <View className='ll-page'>
      <View className='subsidy-programs__mine' onClick={() => navigate('subsidyApplications')}>
        我的补贴申请 ›
      </View>
      {list.map(entry => (
        <ProgramCard key={entry.program.id} entry={entry} onApply={() => navigate('subsidyApply', { programId: entry.program.id })} />
      ))}
    </View>
  );
}
