import { useEffect, useSyncExternalStore } from 'react';
import { Button, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, agree, currentPrompt, disagree, openGuide, promptShown, subscribePrompt } from '@/services/privacy';
import { pressable } from '@/utils/a11y';
import './index.scss';

/**
 * WeChat's privacy popup, our own: shown while a gated call waits for agreement. Put it on every page
 * that makes a gated call (WeChat renders nothing of ours outside the current page).
 */
export default function PrivacyPopup() {
  const prompt = useSyncExternalStore(subscribePrompt, currentPrompt, currentPrompt);
  useEffect(() => {
    if (prompt) promptShown();
  }, [prompt]);
  if (!prompt) return null;
  const shown = prompt.added.length > 0 && prompt.added.length < prompt.types.length ? prompt.added : prompt.types;
  return (
    <View className='ll-privacy-mask'>
      <View id='privacy-popup' className='ll-privacy' role='dialog' aria-modal='true' aria-labelledby='privacy-popup-title'>
        <View id='privacy-popup-title' className='ll-privacy__title'>
          {prompt.added.length < prompt.types.length && prompt.added.length > 0 ? '隐私保护指引已更新' : '用户隐私保护提示'}
        </View>
        <View className='ll-privacy__text'>
          在使用前，请阅读并同意
          <View id='privacy-popup-contract' className='ll-privacy__link' {...pressable(openGuide, { role: 'link' })}>
            《留连来连隐私保护指引》
          </View>
          。我们会在您使用相关功能时处理以下信息：
        </View>
        <View className='ll-privacy__list'>
          {shown.map(type => (
            <View key={type.scope} className='ll-privacy__item'>
              <View className='ll-privacy__item-name'>{type.declaration}</View>
              <View className='ll-privacy__item-purpose'>用于{type.purpose}</View>
            </View>
          ))}
        </View>
        <View className='ll-privacy__actions'>
          <Button id='privacy-disagree' className='ll-button ll-button--ghost ll-privacy__button' onClick={disagree}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='ll-button ll-privacy__button'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => agree(AGREE_BUTTON_ID)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
