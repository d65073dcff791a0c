import { connect } from 'net';

/** Midway's koa framework starts listening without awaiting it: run() can resolve before the port accepts. */
export async function untilListening(port: number, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>(resolve => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`port ${port} not listening after ${ms} ms`);
    await new Promise(r => setTimeout(r, 20));
  }
}
