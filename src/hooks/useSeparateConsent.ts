import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { ConsentPurpose, ConsentView } from '@contract/privacy';
import { useRequest } from '@/hooks/useRequest';
import { giveConsent, myConsents } from '@/services/api/privacy';
import { errorMessage } from '@/utils/errors';

/**
 * A purpose's separate consent (PIPL art. 29) on a page that asks for its sensitive field: whether it is
 * given (the field shows only then), and the sheet's state. 同意 records it on the server.
 */
export function useSeparateConsent(purpose: ConsentPurpose, enabled = true) {
  const consents = useRequest(() => (enabled ? myConsents() : Promise.resolve([] as ConsentView[])), `consents|${enabled}`, { refreshOnShow: true });
  const consent = consents.data?.find(c => c.purpose === purpose);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [agreeing, setAgreeing] = useState(false);
  const agree = async () => {
    if (!consent) return;
    setAgreeing(true);
    try {
      await giveConsent(purpose, consent.version);
      setSheetOpen(false);
      consents.reload();
    } catch (err) {
      setSheetOpen(false);
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setAgreeing(false);
    }
  };
  return {
    consent,
    consented: consent?.status === 'given',
    sheetOpen,
    agreeing,
    open: () => setSheetOpen(true),
    close: () => setSheetOpen(false),
    agree: () => void agree(),
  };
}
