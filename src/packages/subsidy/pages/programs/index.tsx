import { View } from '@tarojs/components';
import EmptyState from '@/components/EmptyState';
import LoginPrompt from '@/components/LoginPrompt';
import { useRequest } from '@/hooks/useRequest';
import { useSession } from '@/hooks/useSession';
import { subsidyPrograms } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import ExampleAmounts from '../../components/ExampleAmounts';
import ProgramCard from '../../components/ProgramCard';

/** A guest reads the published subsidy policies and is asked to log in to see eligibility and apply. */
function Guest() {
  return (
    <View className='ll-page'>
      <LoginPrompt id='subsidy-login' title='登录后查看可申请的补贴' description='登录后可查看你的申请资格、在线申请和办理进度' />
      <View id='subsidy-policies' className='ll-card subsidy-programs__public' {...pressable(() => void navigate('policyList', { kind: 'policy' }), { role: 'link' })}>
        先看补贴政策原文 ›
      </View>
    </View>
  );
}

export default function SubsidyProgramsPage() {
  const user = useSession();
  const programs = useRequest(() => (user ? subsidyPrograms() : Promise.resolve([])), `subsidy-programs:${user?.userId ?? ''}`, { refreshOnShow: true });

  if (!user) return <Guest />;
  if (programs.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (programs.status === 'error') {
    return <EmptyState kind='error' title='加载失败' description={programs.error} actionText='重新加载' onAction={programs.reload} />;
  }
  // The server offers a student graduate programs only; the page does not rely on it.
  const list = (programs.data ?? []).filter(p => p.program.applicantKind === 'graduate');
  if (list.length === 0) return <EmptyState title='暂无可申请的补贴项目' />;
  return (
    <View className='ll-page'>
      <View id='subsidy-mine' className='subsidy-programs__mine' {...pressable(() => void navigate('subsidyApplications'), { role: 'link' })}>
        我的补贴申请 ›
      </View>
      {list.some(entry => entry.program.exampleAmounts) && <ExampleAmounts />}
      {list.map(entry => (
        <ProgramCard key={entry.program.id} entry={entry} onApply={() => navigate('subsidyApply', { programId: entry.program.id })} />
      ))}
    </View>
  );
}
