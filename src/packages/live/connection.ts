import Taro from '@tarojs/taro';
import type { LiveClientEvent, LiveServerEvent } from '@contract/live';
import * as session from '@/services/session';
import { isFinalClose, reconnectDelay, restartReconnectDelay, RESTART_CLOSE, roomSocketUrl, type ConnectionStatus } from './room';

export interface RoomConnectionOptions {
  sessionId: string;
  /** Highest message seq shown, asked for on every (re)join so nothing is sent twice. */
  since: () => number;
  onEvent: (event: LiveServerEvent) => void;
  onStatus: (status: ConnectionStatus) => void;
}

/** The page's origin in h5 (the API is same-origin there); weapp builds use an absolute API_BASE. */
function pageOrigin(): string {
  return typeof location === 'undefined' ? '' : location.origin;
}

/**
 * One live-room socket (Taro.connectSocket: wx.connectSocket in weapp, WebSocket in h5) that rejoins
 * with backoff after a drop, renews an expired token once, and gives up on a final close (removed,
 * session gone).
 */
export class RoomConnection {
  private task?: Taro.SocketTask;
  /** wx's SocketTask has no readyState, so the open state is tracked here. */
  private opened = false;
  private attempt = 0;
  private renewed = false;
  private stopped = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: RoomConnectionOptions) {}

  start(): void {
    this.stopped = false;
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const task = this.task;
    this.task = undefined;
    task?.close({ code: 1000, reason: 'leave' });
  }

  /** False while not connected; the caller tells the user to retry. */
  send(event: LiveClientEvent): boolean {
    if (!this.task || !this.opened) return false;
    this.task.send({ data: JSON.stringify(event) });
    return true;
  }

  private async open(): Promise<void> {
    const token = session.accessToken();
    if (!token) {
      this.options.onStatus('closed');
      return;
    }
    const url = roomSocketUrl(API_BASE, pageOrigin(), this.options.sessionId, token, this.options.since());
    let task: Taro.SocketTask;
    try {
      task = await Taro.connectSocket({ url });
    } catch {
      this.retry();
      return;
    }
    if (this.stopped) {
      task.close({ code: 1000, reason: 'leave' });
      return;
    }
    this.task = task;
    this.opened = false;
    task.onOpen(() => {
      this.opened = true;
      this.attempt = 0;
    });
    task.onMessage(res => {
      if (typeof res.data !== 'string') return;
      let event: LiveServerEvent;
      try {
        event = JSON.parse(res.data) as LiveServerEvent;
      } catch {
        return;
      }
      if (event.type === 'welcome') this.renewed = false;
      this.options.onEvent(event);
    });
    task.onClose(res => {
      if (this.task !== task) return;
      this.task = undefined;
      this.opened = false;
      if (this.stopped) return;
      if (res.code === 4401 && !this.renewed) {
        // The access token lapsed while watching: renew it once, then rejoin.
        this.renewed = true;
        session.refresh().then(() => this.retry(), () => this.options.onStatus('closed'));
        return;
      }
      if (isFinalClose(res.code)) {
        this.options.onStatus(res.code === 4403 ? 'removed' : 'closed');
        return;
      }
      this.retry(res.code === RESTART_CLOSE);
    });
  }

  private retry(restart = false): void {
    if (this.stopped) return;
    this.attempt += 1;
    this.options.onStatus('reconnecting');
    this.timer = setTimeout(() => void this.open(), restart ? restartReconnectDelay(Math.random()) : reconnectDelay(this.attempt));
  }
}
