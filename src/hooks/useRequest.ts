import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { errorMessage } from '@/utils/errors';

export interface RequestState<T> {
  data: T | undefined;
  status: 'loading' | 'error' | 'ready';
  error: string;
  reload: () => Promise<void>;
}

export interface RequestOptions {
  /** Reload whenever the page is shown again (e.g. back from an edit page). */
  refreshOnShow?: boolean;
}

/**
 * Loads one resource for a page. `key` names what is loaded: a new key reloads, and an
 * answer for an older key is dropped.
 */
export function useRequest<T>(load: () => Promise<T>, key: string, { refreshOnShow = false }: RequestOptions = {}): RequestState<T> {
  const [data, setData] = useState<T>();
  const [status, setStatus] = useState<RequestState<T>['status']>('loading');
  const [error, setError] = useState('');
  const generation = useRef(0);
  const shown = useRef(false);
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

  useDidShow(() => {
    // The first show is the mount, which the effect above already loads for.
    if (refreshOnShow && shown.current) void reload();
    shown.current = true;
  });

  return { data, status, error, reload };
}
