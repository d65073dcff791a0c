import WebSocket from 'ws';
import type { LiveServerEvent } from '../../../../server/src/contract/live';

/** A room client that records every server event and waits for the ones a test expects. */
export class Viewer {
  readonly events: LiveServerEvent[] = [];
  private waiters: Array<() => void> = [];
  closeCode?: number;

  constructor(readonly socket: WebSocket) {
    socket.on('message', data => {
      this.events.push(JSON.parse(data.toString()) as LiveServerEvent);
      this.waiters.forEach(w => w());
    });
    socket.on('close', code => {
      this.closeCode = code;
      this.waiters.forEach(w => w());
    });
  }

  send(event: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(event));
  }

  async next<T extends LiveServerEvent['type']>(type: T, match: (e: Extract<LiveServerEvent, { type: T }>) => boolean = () => true, ms = 5000) {
    const find = () => this.events.find((e): e is Extract<LiveServerEvent, { type: T }> => e.type === type && match(e as Extract<LiveServerEvent, { type: T }>));
    const until = Date.now() + ms;
    while (!find()) {
      if (Date.now() > until) throw new Error(`no ${type} event within ${ms} ms; got ${JSON.stringify(this.events.map(e => e.type))}`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return find()!;
  }

  /** Waits until `check` holds over the events received so far (e.g. a count of answers). */
  async until(check: (events: readonly LiveServerEvent[]) => boolean, what: string, ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (!check(this.events)) {
      if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}; got ${JSON.stringify(this.events.map(e => e.type))}`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async closed(ms = 5000): Promise<number> {
    const until = Date.now() + ms;
    while (this.closeCode === undefined && Date.now() < until) await new Promise(r => setTimeout(r, 50));
    return this.closeCode ?? -1;
  }
}

/** A viewer's socket to the room at `url`, kept in `open` so the test can close it; resolves once connected. */
export function joinRoom(url: string, open: Viewer[]): Promise<Viewer> {
  const socket = new WebSocket(url);
  const viewer = new Viewer(socket);
  open.push(viewer);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(viewer));
    socket.once('error', reject);
  });
}
