import { createHash } from 'crypto';
import { amzDate, sha256Hex, signRequest } from '../../../server/src/core/files/sigv4';
import { startFakeS3, type FakeS3 } from './fake-s3';

/** The fake must refuse what real S3 refuses, or the backend tests prove nothing. */
describe('fake S3 server', () => {
  let fake: FakeS3;

  beforeAll(async () => {
    fake = await startFakeS3();
  });

  afterAll(async () => {
    await fake.close();
  });

  interface Tamper {
    body?: Buffer;
    payloadHash?: string;
    extraUnsigned?: Record<string, string>;
    at?: Date;
    bucket?: string;
    md5?: string;
  }

  async function put(data: Buffer, tamper: Tamper = {}): Promise<{ status: number; code: string }> {
    const path = `/${tamper.bucket ?? fake.bucket}/subsidy/k.pdf`;
    const url = new URL(fake.url + path);
    const payloadHash = tamper.payloadHash ?? sha256Hex(data);
    const headers: Record<string, string> = {
      'content-type': 'application/pdf',
      'content-md5': tamper.md5 ?? createHash('md5').update(data).digest('base64'),
      'x-amz-date': amzDate(tamper.at ?? new Date()),
      'x-amz-content-sha256': payloadHash,
    };
    const { authorization } = signRequest(
      { method: 'PUT', path, headers: { ...headers, host: url.host }, payloadHash },
      { accessKeyId: fake.accessKeyId, secretAccessKey: fake.secretAccessKey, region: fake.region, service: 's3' },
    );
    const res = await fetch(url, { method: 'PUT', headers: { ...headers, ...tamper.extraUnsigned, authorization }, body: new Uint8Array(tamper.body ?? data) });
    const text = await res.text();
    return { status: res.status, code: /<Code>(\w+)<\/Code>/.exec(text)?.[1] ?? '' };
  }

  const data = Buffer.from('%PDF-1.4 fake');

  it('should accept a correctly signed PUT', async () => {
    expect(await put(data)).toEqual({ status: 200, code: '' });
    expect(fake.objects.get('subsidy/k.pdf')?.body).toEqual(data);
  });

  it('should refuse a request without a signature', async () => {
    const res = await fetch(`${fake.url}/${fake.bucket}/subsidy/k.pdf`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('should refuse a body that differs from the signed hash', async () => {
    expect(await put(data, { body: Buffer.from('%PDF-1.4 swapped') })).toEqual({ status: 400, code: 'XAmzContentSHA256Mismatch' });
  });

  it('should refuse an unsigned payload', async () => {
    expect(await put(data, { payloadHash: 'UNSIGNED-PAYLOAD' })).toEqual({ status: 403, code: 'AccessDenied' });
  });

  it('should refuse an x-amz header that was not signed', async () => {
    expect(await put(data, { extraUnsigned: { 'x-amz-acl': 'public-read' } })).toEqual({ status: 403, code: 'AccessDenied' });
  });

  it('should refuse a wrong Content-MD5, a stale date and an unknown bucket', async () => {
    expect(await put(data, { md5: createHash('md5').update('other').digest('base64') })).toEqual({ status: 400, code: 'BadDigest' });
    expect(await put(data, { at: new Date(Date.now() - 20 * 60_000) })).toEqual({ status: 403, code: 'RequestTimeTooSkewed' });
    expect(await put(data, { bucket: 'someone-elses' })).toEqual({ status: 404, code: 'NoSuchBucket' });
  });

  it('should refuse a GET whose payload hash is not that of the empty body', async () => {
    const url = new URL(`${fake.url}/${fake.bucket}/subsidy/k.pdf`);
    const headers = { 'x-amz-date': amzDate(new Date()), 'x-amz-content-sha256': sha256Hex('x') };
    const { authorization } = signRequest(
      { method: 'GET', path: url.pathname, headers: { ...headers, host: url.host }, payloadHash: headers['x-amz-content-sha256'] },
      { accessKeyId: fake.accessKeyId, secretAccessKey: fake.secretAccessKey, region: fake.region, service: 's3' },
    );
    const res = await fetch(url, { headers: { ...headers, authorization } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });
});
