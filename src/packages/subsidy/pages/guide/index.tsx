import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { SubsidyGuideView } from '@contract/subsidy';
import EmptyState from '@/components/EmptyState';
import Tag from '@/components/Tag';
import { useRequest } from '@/hooks/useRequest';
import { useResumedAction } from '@/hooks/useResumedAction';
import { useSession } from '@/hooks/useSession';
import { subsidyGuide } from '@/services/api/subsidy';
import { startSubsidy } from '@/services/subsidy-start';
import { pressable } from '@/utils/a11y';
import ExampleAmounts from '../../components/ExampleAmounts';
import './index.scss';

function Block({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <View id={id} className='ll-card subsidy-guide__block' role='region' aria-label={title}>
      <View className='subsidy-guide__heading' role='heading' aria-level={2}>
        {title}
      </View>
      {children}
    </View>
  );
}

function Guide({ guide }: { guide: SubsidyGuideView }) {
  const start = () => void startSubsidy(guide);
  useResumedAction('subsidy', guide.programId, start);
  return (
    <View className='ll-page subsidy-guide'>
      <View className='ll-card'>
        <View className='subsidy-guide__title-row'>
          <View id='guide-name' className='subsidy-guide__name' role='heading' aria-level={1}>
            {guide.name}
          </View>
          <Tag tone={guide.open ? 'success' : 'neutral'}>{guide.open ? '受理中' : '不在申请期'}</Tag>
        </View>
        <View className='subsidy-guide__amount'>补贴标准：{guide.amountSummary}</View>
        <View className='subsidy-guide__meta'>
          申请时间：{guide.opensAt} 至 {guide.closesAt}（{guide.period}年度）
        </View>
        <View className='subsidy-guide__meta'>政策依据：{guide.legalBasis}</View>
        {guide.note && <View className='subsidy-guide__meta'>{guide.note}</View>}
      </View>

      <Block id='guide-audience' title='申请对象'>
        <View className='subsidy-guide__text'>{guide.audience}</View>
      </Block>

      <Block id='guide-conditions' title='申请条件'>
        {guide.conditions.map((line, i) => (
          <View key={line} className='subsidy-guide__item'>
            {i + 1}. {line}
          </View>
        ))}
      </Block>

      <Block id='guide-amounts' title='补贴标准'>
        {guide.amounts.map(line => (
          <View key={line} className='subsidy-guide__item'>
            {line}
          </View>
        ))}
        {guide.standardNote && <View className='subsidy-guide__text'>{guide.standardNote}</View>}
        {guide.exampleAmounts && <ExampleAmounts />}
      </Block>

      <Block id='guide-materials' title='所需材料'>
        {guide.materials.map((m, i) => (
          <View key={m.kind} className='subsidy-guide__material'>
            <View className='subsidy-guide__material-name'>
              {i + 1}. {m.label}
            </View>
            {m.detail && <View className='subsidy-guide__text'>{m.detail}</View>}
            {m.example && <View className='subsidy-guide__example'>示例：{m.example}</View>}
          </View>
        ))}
        <View className='subsidy-guide__meta'>支持 PDF、PNG、JPEG 格式，在申请页逐项上传。</View>
      </Block>

      <Block id='guide-steps' title='办理流程与时限'>
        {guide.steps.map((step, i) => (
          <View key={step.label} className='subsidy-guide__step'>
            <View>
              {i + 1}. {step.label}
            </View>
            {step.workingDays !== undefined && <View className='subsidy-guide__days'>{step.workingDays} 个工作日内</View>}
          </View>
        ))}
        <View className='subsidy-guide__meta'>时限按工作日计算，不含法定节假日；退回补正期间不计入。</View>
      </Block>

      {guide.contacts.length > 0 && (
        <Block id='guide-contacts' title='咨询方式'>
          {guide.contacts.map(c => (
            <View key={c.unit} className='subsidy-guide__contact'>
              <View>{c.unit}</View>
              {c.phone && (
                <View
                  className='subsidy-guide__phone'
                  {...pressable(() => void Taro.makePhoneCall({ phoneNumber: c.phone ?? '' }), { role: 'link', label: `拨打${c.unit}电话 ${c.phone}` })}
                >
                  电话：{c.phone}
                </View>
              )}
              {c.address && <View className='subsidy-guide__meta'>地址：{c.address}</View>}
              {c.hours && <View className='subsidy-guide__meta'>时间：{c.hours}</View>}
            </View>
          ))}
        </Block>
      )}

      <View className='subsidy-guide__bar'>
        <Button id='guide-start' className='subsidy-guide__start' type='primary' disabled={!guide.open || undefined} onClick={start}>
          {guide.open ? '立即办理' : '不在申请期'}
        </Button>
      </View>
    </View>
  );
}

export default function SubsidyGuidePage() {
  const programId = useRouter().params.programId ?? '';
  const user = useSession();
  const guide = useRequest(() => subsidyGuide(programId), `subsidy-guide:${programId}:${user?.userId ?? ''}`);
  if (guide.status === 'loading') return <EmptyState kind='loading' title='正在加载…' />;
  if (guide.status === 'error' || !guide.data) {
    return <EmptyState kind='error' title='办事指南加载失败' description={guide.error} actionText='重新加载' onAction={guide.reload} />;
  }
  return <Guide guide={guide.data} />;
}
