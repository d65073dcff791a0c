import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

interface Props {
  id?: string;
  checked: boolean;
  /** What it switches (read out with its state). */
  label: string;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}

/**
 * An on/off control with a tap target of the text size's target (44 px, 60 in large text). Taro's Switch draws
 * WeChat's 52×32 box and only that box takes the tap.
 */
export default function ToggleSwitch({ id, checked, label, disabled, onChange }: Props) {
  return (
    <View id={id} className={`ll-toggle${disabled ? ' ll-toggle--disabled' : ''}`} {...pressable(() => onChange(!checked), { role: 'switch', checked, label, disabled })}>
      <View className={`ll-toggle__track${checked ? ' ll-toggle__track--on' : ''}`} aria-hidden='true'>
        <View className='ll-toggle__knob' />
      </View>
    </View>
  );
}
