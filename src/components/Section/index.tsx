import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
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
          <View className='ll-section__extra' onClick={onExtra}>
            {extra} ›
          </View>
        )}
      </View>
      {children}
    </View>
  );
}
