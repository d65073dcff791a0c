import { View } from '@tarojs/components';
import './index.scss';

export type ListFooterState = 'idle' | 'loading' | 'done' | 'error';

const TEXT: Record<ListFooterState, string> = {
  idle: '上拉加载更多',
  loading: '加载中…',
  done: '没有更多了',
  error: '加载失败，点击重试',
};

export interface ListFooterProps {
  state: ListFooterState;
  onRetry?: () => void;
}

/** The last line of an infinite list. */
export default function ListFooter({ state, onRetry }: ListFooterProps) {
  return (
    <View className={`ll-list-footer ll-list-footer--${state}`} onClick={state === 'error' ? onRetry : undefined}>
      {TEXT[state]}
    </View>
  );
}
