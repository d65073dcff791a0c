import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTestApp, type TestApp } from '../support/test-app';

describe('serving the h5 build', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'h5-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>留连来连</title>');
    writeFileSync(join(dir, 'js/app.1234.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'outside-h5.txt'), 'secret');
    t = await createTestApp({ h5Dir: dir });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should serve index.html at / without caching it', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('留连来连');
  });

  it('should serve hashed assets with a long cache lifetime', async () => {
    const res = await t.http().get('/js/app.1234.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('should not serve files outside the build folder', async () => {
    const res = await t.http().get('/..%2Foutside-h5.txt');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('secret');
  });

  it('should answer 404 JSON to a malformed path instead of failing', async () => {
    const res = await t.http().get('/%E0%A4%A');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('should leave /api routes to the API', async () => {
    const res = await t.http().get('/api/health');
    expect(res.body.database).toBe('connected');
  });
});
