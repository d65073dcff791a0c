import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/utils/errors';
import { useReloadOnPullDown, useReloadOnShow } from './pageReload';

export interface RequestState<T> {
  data: T | undefined;
  status: 'loading' | 'error' | 'ready';
  error: string;
  reload: () => Promise<void>;
}

export interface RequestOptions {
  /** Reload whenever the page is shown again (e.g. back from an edit page). */
  refreshOnShow?: boolean;
  /** Reload when the user pulls the page down (the page config must set `enablePullDownRefresh`). */
  refreshOnPullDown?: boolean;
}

/**
 * Loads one resource for a page. `key` names what is loaded: a new key reloads, and an
 * answer for an older key is dropped.
 */
export function useRequest<T>(load: () => Promise<T>, key: string, { refreshOnShow = false, refreshOnPullDown = false }: RequestOptions = {}): RequestState<T> {
  const [data, setData] = useState<T>();
  const [status, setStatus] = useState<RequestState<T>['status']>('loading');
  const [error, setError] = useState('');
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const result = await latestLoad.current();
      if (mine !== generation.current) return;
      setData(result);
      setStatus('ready');
    } catch (err) {
      if (mine !== generation.current) return;
      setError(errorMessage(err));
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    setStatus('loading');
    setData(undefined);
    void reload();
  }, [key, reload]);

  useReloadOnShow(reload, refreshOnShow);
  useReloadOnPullDown(reload, refreshOnPullDown);

  return { data, status, error, reload };
}
