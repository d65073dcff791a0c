import { View } from '@tarojs/components';
import EmptyState, { type EmptyStateProps } from '@/components/EmptyState';
import type { PagedList } from '@/hooks/usePagedList';
import { pressable } from '@/utils/a11y';
import './index.scss';

type LineState = 'idle' | 'loading' | 'done' | 'error';

const LINE_TEXT: Record<LineState, string> = {
  idle: '上拉加载更多',
  loading: '加载中…',
  done: '没有更多了',
  error: '加载失败，点击重试',
};

export interface ListFooterProps<T> {
  list: PagedList<T>;
  /** Shown when the first page came back empty. */
  empty: Omit<EmptyStateProps, 'kind'>;
  /** Title while the first page loads. */
  loadingTitle?: string;
  /** Replaces parts of the first page's error view (加载失败 / 重新加载). */
  failed?: Partial<Pick<EmptyStateProps, 'title' | 'actionText' | 'onAction'>>;
  /** Smaller loading and error views, for a list inside a card. */
  compact?: boolean;
}

/**
 * Everything below a paged list's items: the first page's loading, error and empty views, then
 * the load-more line. While the first page is not ready there are no items, so one component
 * placed after them covers every state.
 */
export default function ListFooter<T>({ list, empty, loadingTitle = '正在加载…', failed, compact }: ListFooterProps<T>) {
  if (list.status === 'loading') return <EmptyState kind='loading' title={loadingTitle} compact={compact} />;
  if (list.status === 'error') {
    return <EmptyState kind='error' title='加载失败' description={list.error} actionText='重新加载' onAction={list.reload} compact={compact} {...failed} />;
  }
  if (list.items.length === 0) return <EmptyState compact={compact} {...empty} />;
  const state: LineState = list.more !== 'idle' ? list.more : list.hasMore ? 'idle' : 'done';
  // Tapping also loads: a first page shorter than the screen cannot be scrolled to its bottom.
  const tap = state === 'idle' || state === 'error' ? () => void list.loadMore() : undefined;
  return (
    <View className={`ll-list-footer ll-list-footer--${state}`} {...(tap ? pressable(tap) : {})}>
      {LINE_TEXT[state]}
    </View>
  );
}
