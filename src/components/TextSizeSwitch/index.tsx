import { useState } from 'react';
import { View } from '@tarojs/components';
import { setTextSizeMode, textSizeMode } from '@/services/text-size';
import { pressable } from '@/utils/a11y';
import './index.scss';

/** 我的 → 大字模式 (长辈模式): larger text and controls, remembered on this device. */
export default function TextSizeSwitch() {
  const [large, setLarge] = useState(() => textSizeMode() === 'large');
  const toggle = () => {
    const next = !large;
    setTextSizeMode(next ? 'large' : 'standard');
    setLarge(next);
  };
  return (
    <View className='ll-card ll-text-size'>
      <View id='text-size-switch' className='ll-text-size__row' {...pressable(toggle, { role: 'switch', checked: large })}>
        <View className='ll-text-size__text'>
          <View className='ll-text-size__title'>大字模式</View>
          <View className='ll-text-size__hint'>字更大、按钮更大，适合长辈使用；未开启时跟随微信字体大小</View>
        </View>
        <View className='ll-text-size__state'>
          <View className='ll-text-size__word'>{large ? '已开启' : '已关闭'}</View>
          <View className={`ll-text-size__track${large ? ' ll-text-size__track--on' : ''}`} aria-hidden='true'>
            <View className='ll-text-size__knob' />
          </View>
        </View>
      </View>
    </View>
  );
}
