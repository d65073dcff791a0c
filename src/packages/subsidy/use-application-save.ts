import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '@/services/http';
import { redirect } from '@/services/navigation';
import { withSubscribe } from '@/services/subscribe-tap';
import { errorMessage } from '@/utils/errors';
import { useSubsidyTemplate } from './use-subsidy-template';

/** A problem to show on an application page, with the field it belongs to when the server named one. */
export interface ApplyError {
  field?: string;
  message: string;
}

/**
 * Saving an application, for the graduate's and the enterprise's page alike: the busy flag and the
 * error the page shows, the subscribe popup on the submit tap, the toast, and after submitting the
 * way to `listPage`.
 */
export function useApplicationSave(listPage: 'subsidyApplications' | 'subsidyEnterpriseApplications') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApplyError>();
  const template = useSubsidyTemplate();

  /** Runs `send` (a draft, or the submission with consent) and hands its answer to `saved`. */
  const save = async <T>(submit: boolean, send: () => Promise<T>, saved: (answer: T) => void): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      saved(await withSubscribe(submit ? template : undefined, send));
      if (submit) {
        await Taro.showToast({ title: '已提交', icon: 'success' });
        await redirect(listPage);
      } else {
        await Taro.showToast({ title: '草稿已保存', icon: 'success' });
      }
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return { busy, setBusy, error, setError, save };
}
