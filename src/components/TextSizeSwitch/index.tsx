import { useState } from 'react';
import { View } from '@tarojs/components';
import SwitchRow from '@/components/SwitchRow';
import { setTextSizeMode, textSizeMode } from '@/services/text-size';
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
      <SwitchRow id='text-size-switch' title='大字模式' hint='字更大、按钮更大，适合长辈使用；未开启时跟随微信字体大小' on={large} onToggle={toggle} />
    </View>
  );
}
