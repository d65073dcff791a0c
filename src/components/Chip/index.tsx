import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface ChipProps {
  id?: string;
  active: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A selectable pill, for filters and multi-select fields. */
export default function Chip({ id, active, onClick, children }: ChipProps) {
  return (
    <View id={id} className={`ll-chip${active ? ' ll-chip--active' : ''}`} {...pressable(onClick, { role: 'checkbox', checked: active })}>
      {children}
    </View>
  );
}
