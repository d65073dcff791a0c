import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface SectionProps {
  title: string;
  /** A link on the right of the title, e.g. 查看全部. */
  extra?: string;
  onExtra?: () => void;
  children: ReactNode;
}

export default function Section({ title, extra, onExtra, children }: SectionProps) {
  return (
    <View className='ll-section'>
      <View className='ll-section__header'>
        <View className='ll-section__title'>{title}</View>
        {extra && (
          <View className='ll-section__extra' {...pressable(() => onExtra?.(), { role: 'link', label: `${extra}${title}` })}>
            {extra}
            <View className='ll-section__arrow' aria-hidden='true'>
              ›
            </View>
          </View>
        )}
      </View>
      {children}
    </View>
  );
}
