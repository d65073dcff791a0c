import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

interface SwitchRowProps {
  id: string;
  title: string;
  hint: string;
  on: boolean;
  /** The state in words (status never by colour alone). */
  words?: { on: string; off: string };
  disabled?: boolean;
  onToggle: () => void;
}

/** A setting that is on or off: title and hint on the left, the state in words and a track on the right; one switch control. */
export default function SwitchRow({ id, title, hint, on, words = { on: '已开启', off: '已关闭' }, disabled = false, onToggle }: SwitchRowProps) {
  return (
    <View id={id} className='ll-switch' {...pressable(onToggle, { role: 'switch', checked: on, disabled })}>
      <View className='ll-switch__text'>
        <View className='ll-switch__title'>{title}</View>
        <View className='ll-switch__hint'>{hint}</View>
      </View>
      <View className='ll-switch__state'>
        <View className='ll-switch__word'>{on ? words.on : words.off}</View>
        <View className={`ll-switch__track${on ? ' ll-switch__track--on' : ''}`} aria-hidden='true'>
          <View className='ll-switch__knob' />
        </View>
      </View>
    </View>
  );
}
