import { useSyncExternalStore } from 'react';
import * as session from '@/services/session';

/** The signed-in user (or null); re-renders on login and logout. */
export function useSession(): session.SessionInfo | null {
  return useSyncExternalStore(session.subscribe, session.current);
}
