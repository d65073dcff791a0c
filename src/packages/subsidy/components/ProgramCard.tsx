import { Button, View } from '@tarojs/components';
import type { ProgramWithEligibility } from '@contract/subsidy';
import Tag, { type TagTone } from '@/components/Tag';
import { navigate } from '@/services/navigation';
import { pressable } from '@/utils/a11y';
import './ProgramCard.scss';

const OUTCOME: Record<ProgramWithEligibility['eligibility']['outcome'], { text: string; tone: TagTone }> = {
  eligible: { text: '符合条件', tone: 'primary' },
  ineligible: { text: '暂不符合', tone: 'danger' },
  incomplete: { text: '待补充信息', tone: 'neutral' },
};

export interface ProgramCardProps {
  entry: ProgramWithEligibility;
  /** False while the applicant may not apply at all (e.g. an enterprise not yet verified). */
  allowed?: boolean;
  onApply: () => void;
}

/** A program with the rules' verdict on the applicant and why. */
export default function ProgramCard({ entry, allowed = true, onApply }: ProgramCardProps) {
  const { program, eligibility, open } = entry;
  const outcome = OUTCOME[eligibility.outcome];
  return (
    <View id={`program-${program.id}`} className='ll-card subsidy-program'>
      <View className='subsidy-program__head'>
        <View className='subsidy-program__name'>{program.name}</View>
        <Tag tone={outcome.tone}>{outcome.text}</Tag>
      </View>
      {program.offerMode === 'auto' && (
        <View id={`program-auto-${program.id}`} className='subsidy-program__auto'>
          <Tag tone='primary'>免申即享</Tag>
          <View className='subsidy-program__auto-text'>系统根据登记和社保数据主动匹配，符合条件的会在“我的补贴申请”收到提醒，一键确认即可</View>
        </View>
      )}
      <View id={`program-amount-${program.id}`} className='subsidy-program__amount'>
        补贴标准：{entry.amountSummary}
      </View>
      <View className='subsidy-program__basis'>{program.legalBasis}</View>
      <View className='subsidy-program__why'>{eligibility.explanation}</View>
      {program.note && <View className='subsidy-program__note'>{program.note}</View>}
      <View className='subsidy-program__window'>
        申请时间：{program.opensAt} 至 {program.closesAt}
      </View>
      <View className='subsidy-program__actions'>
        <View
          id={`program-guide-${program.id}`}
          className='subsidy-program__guide'
          {...pressable(() => void navigate('subsidyGuide', { programId: program.id }), { role: 'link', label: `${program.name}办事指南` })}
        >
          办事指南 ›
        </View>
        <Button
          id={`program-apply-${program.id}`}
          className='subsidy-program__apply'
          size='mini'
          type='primary'
          disabled={!allowed || !open || eligibility.outcome === 'ineligible' || undefined}
          onClick={onApply}
        >
          {open ? '去申请' : '不在申请期'}
        </Button>
      </View>
    </View>
  );
}
