import { Button, View } from '@tarojs/components';
import type { ConsentView } from '@contract/privacy';
import '../PrivacyPopup/index.scss';

export interface ConsentSheetProps {
  consent: ConsentView;
  busy?: boolean;
  onAgree: () => void;
  onClose: () => void;
}

/**
 * The separate consent (PIPL art. 29) shown before sensitive fields can be filled: what, why, why it is
 * needed and what refusing means, with 同意 and 暂不同意.
 */
export default function ConsentSheet({ consent, busy, onAgree, onClose }: ConsentSheetProps) {
  return (
    <View className='ll-privacy-mask'>
      <View id='consent-sheet' className='ll-privacy' role='dialog' aria-modal='true' aria-labelledby='consent-sheet-title'>
        <View id='consent-sheet-title' className='ll-privacy__title'>
          {consent.title}
        </View>
        <View className='ll-privacy__list'>
          <View className='ll-privacy__item'>
            <View className='ll-privacy__item-name'>处理的敏感个人信息</View>
            <View className='ll-privacy__item-purpose'>{consent.items.join('、')}</View>
          </View>
          <View className='ll-privacy__item'>
            <View className='ll-privacy__item-name'>目的</View>
            <View className='ll-privacy__item-purpose'>{consent.purposeText}</View>
          </View>
          <View className='ll-privacy__item'>
            <View className='ll-privacy__item-name'>必要性</View>
            <View className='ll-privacy__item-purpose'>{consent.necessity}</View>
          </View>
          <View className='ll-privacy__item'>
            <View className='ll-privacy__item-name'>对您的影响</View>
            <View className='ll-privacy__item-purpose'>{consent.effect}</View>
          </View>
        </View>
        <View className='ll-privacy__text'>您可以随时在“我的 → 隐私与授权”中撤回同意。第{consent.version}版。</View>
        <View className='ll-privacy__actions'>
          <Button id='consent-sheet-cancel' className='ll-button ll-button--ghost ll-privacy__button' onClick={onClose}>
            暂不同意
          </Button>
          <Button id='consent-sheet-agree' className='ll-button ll-privacy__button' disabled={busy || undefined} onClick={onAgree}>
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
