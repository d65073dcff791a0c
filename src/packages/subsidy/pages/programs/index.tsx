import { Button, View } from '@tarojs/components';
import type { ProgramWithEligibility } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import Tag, { type TagTone } from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { subsidyPrograms } from '@/services/api/subsidy';
import { navigate } from '@/services/navigation';
import './index.scss';

const OUTCOME: Record<ProgramWithEligibility['eligibility']['outcome'], { text: string; tone: TagTone }> = {
  eligible: { text: '符合条件', tone: 'primary' },
  ineligible: { text: '暂不符合', tone: 'danger' },
  incomplete: { text: '待补充信息', tone: 'neutral' },
};

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
      {list.map(({ program, eligibility, open }) => {
        const outcome = OUTCOME[eligibility.outcome];
        return (
          <View key={program.id} id={`program-${program.id}`} className='ll-card subsidy-program'>
            <View className='subsidy-program__head'>
              <View className='subsidy-program__name'>{program.name}</View>
              <Tag tone={outcome.tone}>{outcome.text}</Tag>
            </View>
            <View className='subsidy-program__basis'>{program.legalBasis}</View>
            <View className='subsidy-program__why'>{eligibility.explanation}</View>
            {program.note && <View className='subsidy-program__note'>{program.note}</View>}
            <View className='subsidy-program__window'>
              申请时间：{program.opensAt} 至 {program.closesAt}
            </View>
            <Button
              className='subsidy-program__apply'
              size='mini'
              type='primary'
              disabled={!open || eligibility.outcome === 'ineligible'}
              onClick={() => navigate('subsidyApply', { programId: program.id })}
            >
              {open ? '去申请' : '不在申请期'}
            </Button>
          </View>
        );
      })}
    </View>
  );
}
