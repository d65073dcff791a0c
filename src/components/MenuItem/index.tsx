import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { pressable } from '@/utils/a11y';
import './index.scss';

export interface MenuItemProps {
  id: string;
  title: string;
  /** Right-hand content before the arrow, e.g. an unread badge. */
  extra?: ReactNode;
  /** Said with the title, for what `extra` shows only visually (e.g. 3条未读). */
  extraLabel?: string;
  onPress: () => void;
}

/** A row of a settings-style menu (我的): a link with a title and an arrow. */
export default function MenuItem({ id, title, extra, extraLabel, onPress }: MenuItemProps) {
  return (
    <View id={id} className='ll-menu-item' {...pressable(onPress, { role: 'link', label: extraLabel ? `${title}，${extraLabel}` : undefined })}>
      <View className='ll-menu-item__title'>{title}</View>
      <View className='ll-menu-item__extra'>
        {extra}
        <View className='ll-menu-item__arrow' aria-hidden='true'>
          ›
        </View>
      </View>
    </View>
  );
}
