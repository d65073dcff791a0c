import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import './index.scss';

export type TagTone = 'primary' | 'neutral' | 'success' | 'warning' | 'danger';

export interface TagProps {
  tone?: TagTone;
  children: ReactNode;
}

export default function Tag({ tone = 'neutral', children }: TagProps) {
  return <Text className={`ll-tag ll-tag--${tone}`}>{children}</Text>;
}
