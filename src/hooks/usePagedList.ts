import { useCallback, useEffect, useRef, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import type { Page } from '@contract/common';
import { errorMessage } from '@/utils/errors';
import { useReloadOnPullDown, useReloadOnShow } from './pageReload';

export interface PagedList<T> {
  items: T[];
  /** State of the first page: drives the whole-list loading / error / empty views. */
  status: 'loading' | 'error' | 'ready';
  /** Why the first page failed, for the user. */
  error: string;
  /** The server has pages after the loaded ones. */
  hasMore: boolean;
  /** State of the page being added at the bottom. */
  more: 'idle' | 'loading' | 'error';
  /** Loads the first page again, keeping the shown items until it arrives. */
  reload: () => Promise<void>;
  /** Appends the next page; does nothing while a page is loading or after the last one. */
  loadMore: () => Promise<void>;
}

export interface PagedListOptions<T> {
  /** Reload whenever the page is shown again (e.g. back from an edit page). */
  refreshOnShow?: boolean;
  /** Identity of an item, to drop one a later page repeats; defaults to its `id`. */
  itemKey?: (item: T) => string;
}

function defaultKey(item: unknown): string | undefined {
  return typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' ? item.id : undefined;
}

/**
 * Cursor pagination for a list page. `loadPage(cursor)` fetches one page; `filters` names what the
 * list shows and is compared by value: a change starts the list again, and answers for older
 * filters are dropped. Pull-down (when the page config enables it) reloads and reaching the bottom
 * loads the next page.
 */
export function usePagedList<T>(loadPage: (cursor?: string) => Promise<Page<T>>, filters?: unknown, options: PagedListOptions<T> = {}): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [error, setError] = useState('');
  const [hasMore, setHasMore] = useState(false);
  const [more, setMore] = useState<PagedList<T>['more']>('idle');
  const cursor = useRef<string | undefined>();
  const generation = useRef(0);
  const busy = useRef(false);
  const latest = useRef({ loadPage, itemKey: options.itemKey });
  latest.current = { loadPage, itemKey: options.itemKey };
  const filterKey = JSON.stringify(filters ?? null);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busy.current = true;
    setStatus(current => (current === 'ready' ? current : 'loading'));
    try {
      const page = await latest.current.loadPage();
      if (mine !== generation.current) return;
      cursor.current = page.nextCursor;
      setItems(page.items);
      setHasMore(Boolean(page.nextCursor));
      setMore('idle');
      setStatus('ready');
    } catch (err) {
      if (mine !== generation.current) return;
      cursor.current = undefined;
      setItems([]);
      setHasMore(false);
      setError(errorMessage(err));
      setStatus('error');
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (busy.current || !cursor.current) return;
    const mine = generation.current;
    busy.current = true;
    setMore('loading');
    try {
      const page = await latest.current.loadPage(cursor.current);
      if (mine !== generation.current) return;
      cursor.current = page.nextCursor;
      const keyOf: (item: T) => string | undefined = latest.current.itemKey ?? defaultKey;
      setItems(previous => {
        // A record that moved between two page loads (e.g. edited, so sorted anew) can come twice.
        const seen = new Set(previous.map(keyOf));
        const added = page.items.filter(item => {
          const key = keyOf(item);
          return key === undefined || !seen.has(key);
        });
        return [...previous, ...added];
      });
      setHasMore(Boolean(page.nextCursor));
      setMore('idle');
    } catch {
      if (mine === generation.current) setMore('error');
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, []);

  useEffect(() => {
    setItems([]);
    setStatus('loading');
    setHasMore(false);
    setMore('idle');
    cursor.current = undefined;
    void reload();
  }, [filterKey, reload]);

  useReloadOnShow(reload, options.refreshOnShow ?? false);
  useReloadOnPullDown(reload);
  useReachBottom(() => {
    void loadMore();
  });

  return { items, status, error, hasMore, more, reload, loadMore };
}
