import { Button, View } from '@tarojs/components';
import type { SubsidyGuideView } from '@contract/subsidy';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { subsidyGuides } from '@/services/api/subsidy';
import { pendingTarget } from '@/services/login-gate';
import { navigate } from '@/services/navigation';
import { startSubsidy } from '@/services/subsidy-start';
import { pressable } from '@/utils/a11y';
import './SubsidyOffer.scss';

function Offer({ guide }: { guide: SubsidyGuideView }) {
  return (
    <View id={`policy-program-${guide.programId}`} className='subsidy-offer__item'>
      <View className='subsidy-offer__name'>{guide.name}</View>
      <View className='subsidy-offer__amount'>
        补贴标准：{guide.amountSummary}
      </View>
      <View className='subsidy-offer__who'>{guide.audience}</View>
      <View className='subsidy-offer__actions'>
        <View
          id={`policy-guide-${guide.programId}`}
          className='subsidy-offer__guide'
          {...pressable(() => void navigate('subsidyGuide', { programId: guide.programId }), { role: 'link', label: `${guide.name}办事指南` })}
        >
          办事指南 ›
        </View>
        <Button id={`policy-start-${guide.programId}`} className='subsidy-offer__start' size='mini' type='primary' disabled={!guide.open || undefined} onClick={() => void startSubsidy(guide)}>
          {guide.open ? '立即办理' : '不在申请期'}
        </Button>
      </View>
    </View>
  );
}

/**
 * The subsidy programs that implement a policy, on its page: what each gives and to whom, its guide, and
 * 立即办理. The server lists only the programs the reader may apply to (guests see all).
 */
export default function SubsidyOffer({ policyId }: { policyId: string }) {
  const user = useSession();
  const guides = useRequest(() => subsidyGuides(policyId), `policy-subsidies:${policyId}:${user?.userId ?? ''}`);
  const waiting = pendingTarget('subsidy');
  const resumeTarget = guides.data?.find(g => g.programId === waiting);
  useResumedAction('subsidy', resumeTarget?.programId ?? '', () => resumeTarget && void startSubsidy(resumeTarget));
  if (guides.status !== 'ready' || !guides.data || guides.data.length === 0) return null;
  return (
    <View id='policy-subsidies' className='ll-card subsidy-offer' role='region' aria-label='可办理的补贴'>
      <View className='subsidy-offer__heading' role='heading' aria-level={2}>
        可办理的补贴
      </View>
      {guides.data.map(g => (
        <Offer key={g.programId} guide={g} />
      ))}
      {guides.data.some(g => g.exampleAmounts) && <View className='subsidy-offer__example'>以上金额为演示用示例金额，方案未规定具体标准，以正式文件为准。</View>}
    </View>
  );
}
