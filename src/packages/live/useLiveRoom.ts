import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { LiveClientEvent, LiveServerEvent } from '@contract/live';
import { useSession } from '@/hooks/useSession';
import { RoomConnection } from './connection';
import { INITIAL_ROOM, reduceRoom, sinceOf, type ConnectionStatus, type RoomState } from './room';

type Action = { kind: 'event'; event: LiveServerEvent; me: string } | { kind: 'status'; status: ConnectionStatus } | { kind: 'seen-error' };

function reducer(state: RoomState, action: Action): RoomState {
  switch (action.kind) {
    case 'event':
      return reduceRoom(state, action.event, action.me);
    case 'status':
      return state.connection === 'removed' ? state : { ...state, connection: action.status };
    case 'seen-error':
      return { ...state, error: undefined };
  }
}

/**
 * Joins the room of `sessionId` while `enabled` (signed in, session open) and leaves on unmount.
 * `send` answers false when the socket is not open.
 */
export function useLiveRoom(sessionId: string, enabled: boolean) {
  const me = useSession()?.userId ?? '';
  const [state, dispatch] = useReducer(reducer, INITIAL_ROOM);
  const messages = useRef(state.messages);
  messages.current = state.messages;
  const connection = useRef<RoomConnection>();

  useEffect(() => {
    if (!enabled || !sessionId || !me) return undefined;
    const conn = new RoomConnection({
      sessionId,
      since: () => sinceOf(messages.current),
      onEvent: event => dispatch({ kind: 'event', event, me }),
      onStatus: status => dispatch({ kind: 'status', status }),
    });
    connection.current = conn;
    conn.start();
    return () => {
      conn.stop();
      connection.current = undefined;
    };
  }, [sessionId, enabled, me]);

  const send = useCallback((event: LiveClientEvent) => connection.current?.send(event) ?? false, []);
  const clearError = useCallback(() => dispatch({ kind: 'seen-error' }), []);
  return { state, send, clearError, me };
}
