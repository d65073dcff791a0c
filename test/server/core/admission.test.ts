import { createServer, request, type ClientRequest, type Server } from 'http';
import type { AddressInfo } from 'net';
import { AdmissionGate } from '../../../server/src/core/admission';
import { createTestApp, type TestApp } from '../support/test-app';

describe('AdmissionGate', () => {
  const settings = { maxInFlight: 2, maxQueue: 1, queueTimeoutMs: 200, retryAfterSeconds: 1 };

  it('should admit up to maxInFlight at once, queue the next and turn away the rest', async () => {
    const gate = new AdmissionGate(settings);
    expect(await gate.enter()).toBe(true);
    expect(await gate.enter()).toBe(true);
    const queued = gate.enter();
    expect(await gate.enter()).toBe(false);
    expect(gate.stats()).toEqual({ inFlight: 2, waiting: 1, turnedAway: 1 });
    gate.leave();
    expect(await queued).toBe(true);
    expect(gate.stats()).toEqual({ inFlight: 2, waiting: 0, turnedAway: 1 });
  });

  it('should turn a queued request away when no slot frees in time, and not leak its place', async () => {
    const gate = new AdmissionGate(settings);
    await gate.enter();
    await gate.enter();
    const started = Date.now();
    expect(await gate.enter()).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(gate.stats().waiting).toBe(0);
    gate.leave();
    gate.leave();
    expect(gate.stats().inFlight).toBe(0);
    expect(await gate.enter()).toBe(true);
  });

  it('should hand slots over in arrival order', async () => {
    const gate = new AdmissionGate({ ...settings, maxInFlight: 1, maxQueue: 5, queueTimeoutMs: 1000 });
    await gate.enter();
    const order: number[] = [];
    const waits = [1, 2, 3].map(n => gate.enter().then(ok => ok && order.push(n)));
    gate.leave();
    gate.leave();
    gate.leave();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('admission over HTTP', () => {
  let t: TestApp;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ admission: { maxInFlight: 1, maxQueue: 0, queueTimeoutMs: 100, retryAfterSeconds: 3 } });
    server = createServer(t.app.callback());
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    await t.close();
  });

  /** Starts a multipart upload and never finishes its body, so it holds its slot. */
  function holdASlot(auth: string): ClientRequest {
    const req = request(`${base}/api/subsidy/applications/0123456789abcdef01234567/documents?kind=diploma`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'multipart/form-data; boundary=xyz', 'Content-Length': '100000' },
    });
    req.on('error', () => undefined);
    req.write('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n');
    return req;
  }

  it('should answer 503 SERVER_BUSY with Retry-After when full, keep /api/health answering, and recover', async () => {
    const student = await t.user({ profile: { name: '排队', degree: 'bachelor' } });
    const held = holdASlot(student.auth);
    await new Promise(r => setTimeout(r, 300));

    const busy = await fetch(`${base}/api/contents?kind=policy`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('3');
    expect(await busy.json()).toMatchObject({ code: 'SERVER_BUSY', message: expect.stringContaining('稍后') });

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);

    held.destroy();
    let after = 0;
    for (let i = 0; i < 50 && after !== 200; i++) {
      await new Promise(r => setTimeout(r, 100));
      after = (await fetch(`${base}/api/contents?kind=policy`)).status;
    }
    expect(after).toBe(200);
  });
});
