import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@contract/common';
import type { ListFooterState } from '@/components/ListFooter';
import { errorMessage } from '@/utils/errors';

export interface PagedList<T> {
  items: T[];
  /** State of the first page: drives the whole-list loading / error / empty views. */
  status: 'loading' | 'error' | 'ready';
  error: string;
  footer: ListFooterState;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * Cursor pagination for a list page. `query` is compared by value: a new filter restarts
 * the list, and answers to an older query are dropped.
 */
export function usePagedList<T, Q>(fetchPage: (query: Q, cursor?: string) => Promise<Page<T>>, query: Q): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [error, setError] = useState('');
  const [footer, setFooter] = useState<ListFooterState>('idle');
  const cursor = useRef<string | undefined>();
  const generation = useRef(0);
  const busy = useRef(false);
  const key = JSON.stringify(query);
  const latest = useRef({ fetchPage, query });
  latest.current = { fetchPage, query };

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    busy.current = true;
    setStatus(current => (current === 'ready' ? current : 'loading'));
    try {
      const page = await latest.current.fetchPage(latest.current.query);
      if (mine !== generation.current) return;
      cursor.current = page.nextCursor;
      setItems(page.items);
      setFooter(page.nextCursor ? 'idle' : 'done');
      setStatus('ready');
    } catch (err) {
      if (mine !== generation.current) return;
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
    setFooter('loading');
    try {
      const page = await latest.current.fetchPage(latest.current.query, cursor.current);
      if (mine !== generation.current) return;
      cursor.current = page.nextCursor;
      setItems(previous => [...previous, ...page.items]);
      setFooter(page.nextCursor ? 'idle' : 'done');
    } catch {
      if (mine === generation.current) setFooter('error');
    } finally {
      if (mine === generation.current) busy.current = false;
    }
  }, []);

  useEffect(() => {
    setItems([]);
    setStatus('loading');
    cursor.current = undefined;
    void reload();
  }, [key, reload]);

  return { items, status, error, footer, reload, loadMore };
}
