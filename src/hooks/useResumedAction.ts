import { useEffect, useRef, useState } from 'react';
import { resume, type GatedAction } from '@/services/login-gate';
import { useSession } from './useSession';

/**
 * True once this page is back, signed in, from the login page that `action` on `target` opened.
 * `onResume` runs then, once: for harmless acts (a booking, a like) the page does it at once;
 * for the others the page shows the step ready to confirm.
 */
export function useResumedAction(action: GatedAction, target: string, onResume?: () => void): boolean {
  const signedIn = !!useSession();
  const [resumed, setResumed] = useState(false);
  const run = useRef(onResume);
  run.current = onResume;
  useEffect(() => {
    if (!signedIn || !target || !resume(action, target)) return;
    setResumed(true);
    run.current?.();
  }, [signedIn, action, target]);
  return resumed;
}
