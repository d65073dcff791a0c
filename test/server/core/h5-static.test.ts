import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'zlib';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { acceptedEncodings } from '../../../server/src/core/content-encoding.rules';
import { createTestApp, type TestApp } from '../support/test-app';

const SCRIPT = `console.log(${JSON.stringify('留连来连 '.repeat(400))})`;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent: HTTP clients (supertest, fetch) would decompress them. */
  body: Buffer;
}

function rawGet(server: Server, path: string, acceptEncoding: string): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('which precompressed copy a client accepts', () => {
  it.each([
    ['br, gzip, deflate', ['br', 'gzip']],
    ['gzip, deflate', ['gzip']],
    ['gzip;q=1.0, br;q=0', ['gzip']],
    ['identity', []],
    ['*', ['br', 'gzip']],
    ['*, br;q=0', ['gzip']],
    ['', []],
    [undefined, []],
  ])('should read Accept-Encoding %p as %p', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});

describe('serving the h5 build', () => {
  let t: TestApp;
  let server: Server;
  const dir = mkdtempSync(join(tmpdir(), 'h5-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>留连来连</title>');
    writeFileSync(join(dir, 'js/app.1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'js/home.abcd1234.js'), SCRIPT);
    writeFileSync(join(dir, 'js/home.abcd1234.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'js/home.abcd1234.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(tmpdir(), 'outside-h5.txt'), 'secret');
    t = await createTestApp({ h5Dir: dir });
    server = createServer(t.app.callback());
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
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

  it('should send a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await rawGet(server, '/js/home.abcd1234.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('should send the gzip copy when brotli is not accepted, and the file itself when nothing is', async () => {
    const gz = await rawGet(server, '/js/home.abcd1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await rawGet(server, '/js/home.abcd1234.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(SCRIPT);
    // Each encoding is its own representation for a cache.
    expect(new Set([gz.headers.etag, plain.headers.etag]).size).toBe(2);
  });

  it('should answer 304 to a revalidation of an unchanged index.html', async () => {
    const first = await t.http().get('/');
    expect(first.headers.etag).toBeTruthy();
    const again = await t.http().get('/').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
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
