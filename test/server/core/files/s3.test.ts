import { createHash } from 'crypto';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { S3Settings } from '../../../../server/src/interface';
import { contentTypeOf, objectUrl, parseS3Error, S3Backend, S3Error } from '../../../../server/src/core/files/s3';
import { startFakeS3, type FakeS3 } from '../../support/fake-s3';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('毕业证扫描件 '.repeat(50))]);

describe('S3Backend against the fake S3 server', () => {
  let fake: FakeS3;
  let settings: S3Settings;

  beforeAll(async () => {
    fake = await startFakeS3();
    settings = fake.settings();
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('should refuse to start without endpoint, bucket or keys', () => {
    expect(() => new S3Backend({ ...settings, endpoint: '', bucket: '', secretAccessKey: '' })).toThrow(/S3_ENDPOINT.*S3_BUCKET.*S3_SECRET_ACCESS_KEY/);
  });

  it('should put, get and delete an object, signing the payload hash', async () => {
    const s3 = new S3Backend(settings);
    await s3.write('subsidy/0123456789abcdef0123456789abcdef.pdf', PDF, 'application/pdf');
    expect(fake.objects.get('subsidy/0123456789abcdef0123456789abcdef.pdf')).toEqual({ body: PDF, contentType: 'application/pdf' });
    expect(fake.requests[0]).toMatchObject({ method: 'PUT', path: `/${fake.bucket}/subsidy/0123456789abcdef0123456789abcdef.pdf`, status: 200 });
    expect(fake.requests[0].payloadHash).toBe(createHash('sha256').update(PDF).digest('hex'));

    expect(await s3.read('subsidy/0123456789abcdef0123456789abcdef.pdf')).toEqual(PDF);

    await s3.delete('subsidy/0123456789abcdef0123456789abcdef.pdf');
    expect(fake.objects.has('subsidy/0123456789abcdef0123456789abcdef.pdf')).toBe(false);
    await expect(s3.delete('subsidy/0123456789abcdef0123456789abcdef.pdf')).resolves.toBeUndefined();
    expect(fake.requests.map(r => r.status)).toEqual([200, 200, 204, 204]);
  });

  it('should report a missing object as NoSuchKey with the request id, without retrying', async () => {
    const s3 = new S3Backend(settings);
    const err = await s3.read('subsidy/ffffffffffffffffffffffffffffffff.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: 'NoSuchKey', status: 404, serviceMessage: 'The specified key does not exist.' });
    expect((err as S3Error).requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(fake.requests).toHaveLength(1);
  });

  it('should fail clearly with SignatureDoesNotMatch when the secret is wrong, and not retry', async () => {
    const s3 = new S3Backend({ ...settings, secretAccessKey: `${settings.secretAccessKey}x` });
    const err = await s3.write('subsidy/00000000000000000000000000000001.pdf', PDF, 'application/pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect((err as Error).message).toMatch(/PutObject subsidy\/0+1\.pdf failed: 403 SignatureDoesNotMatch: The request signature we calculated does not match.*check S3_SECRET_ACCESS_KEY and S3_REGION$/);
    expect(fake.requests).toHaveLength(1);
    expect(fake.objects.has('subsidy/00000000000000000000000000000001.pdf')).toBe(false);
  });

  it('should refuse an unknown access key id', async () => {
    const s3 = new S3Backend({ ...settings, accessKeyId: 'SOMEONEELSE000000000' });
    await expect(s3.read('subsidy/00000000000000000000000000000001.pdf')).rejects.toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
  });

  it('should retry once after a 500 and then succeed', async () => {
    const s3 = new S3Backend(settings);
    fake.failNext(1);
    await s3.write('subsidy/00000000000000000000000000000002.png', PDF, 'image/png');
    expect(fake.requests.map(r => [r.status, r.code])).toEqual([[500, 'InternalError'], [200, undefined]]);
    expect(fake.objects.get('subsidy/00000000000000000000000000000002.png')?.contentType).toBe('image/png');
  });

  it('should give up after exactly one retry when the service keeps failing', async () => {
    const s3 = new S3Backend(settings);
    fake.failNext(3);
    await expect(s3.read('subsidy/00000000000000000000000000000002.png')).rejects.toMatchObject({ code: 'InternalError', status: 500, retryable: true });
    expect(fake.requests).toHaveLength(2);
    fake.failNext(0);
  });

  it('should time out a stalled attempt and retry it', async () => {
    const s3 = new S3Backend({ ...settings, timeoutMs: 300 });
    fake.delayNext(1, 1000);
    await s3.write('subsidy/00000000000000000000000000000003.pdf', PDF, 'application/pdf');
    expect(fake.objects.get('subsidy/00000000000000000000000000000003.pdf')?.body).toEqual(PDF);
  });

  it('should time out a download that stalls halfway and fetch it again', async () => {
    const s3 = new S3Backend({ ...settings, timeoutMs: 300 });
    await s3.write('subsidy/00000000000000000000000000000005.pdf', PDF, 'application/pdf');
    fake.stallBodyNext(1, 1500);
    const started = Date.now();
    expect(await s3.read('subsidy/00000000000000000000000000000005.pdf')).toEqual(PDF);
    // Longer than one timeout, shorter than the stall: the first attempt was abandoned, the second served.
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('should report a download that stalls on every attempt as a Timeout', async () => {
    const s3 = new S3Backend({ ...settings, timeoutMs: 200 });
    await s3.write('subsidy/00000000000000000000000000000006.pdf', PDF, 'application/pdf');
    fake.stallBodyNext(2, 600);
    await expect(s3.read('subsidy/00000000000000000000000000000006.pdf')).rejects.toMatchObject({ code: 'Timeout', status: 0, retryable: true });
  });

  it('should report a network failure after one retry', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    const s3 = new S3Backend({ ...settings, endpoint: `http://127.0.0.1:${port}` });
    await expect(s3.read('subsidy/00000000000000000000000000000004.pdf')).rejects.toMatchObject({ code: 'NetworkError', status: 0 });
  });
});

describe('S3 helpers', () => {
  const base = { endpoint: 'https://cos.ap-guangzhou.myqcloud.com', bucket: 'liulian-1250000000' };

  it('should build path-style URLs by default and virtual-hosted ones by config', () => {
    expect(objectUrl({ ...base, forcePathStyle: true }, 'subsidy/ab.pdf').href).toBe('https://cos.ap-guangzhou.myqcloud.com/liulian-1250000000/subsidy/ab.pdf');
    expect(objectUrl({ ...base, forcePathStyle: false }, 'subsidy/ab.pdf').href).toBe('https://liulian-1250000000.cos.ap-guangzhou.myqcloud.com/subsidy/ab.pdf');
    expect(objectUrl({ endpoint: 'http://127.0.0.1:9000', bucket: 'b', forcePathStyle: true }, 'a b.pdf').href).toBe('http://127.0.0.1:9000/b/a%20b.pdf');
  });

  it('should parse S3 XML errors, unescaping entities, and fall back to the status', () => {
    const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access &amp; more denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>';
    expect(parseS3Error(403, xml, '', 'GetObject', 'k')).toMatchObject({ code: 'AccessDenied', serviceMessage: 'Access & more denied', requestId: '4442587FB7D0A2F9', status: 403 });
    expect(parseS3Error(502, '', 'HDR1', 'GetObject', 'k')).toMatchObject({ code: 'Http502', requestId: 'HDR1', retryable: true });
  });

  it('should send the content type that matches the key', () => {
    expect(contentTypeOf('subsidy/ab.pdf')).toBe('application/pdf');
    expect(contentTypeOf('licences/ab.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('complaints/ab.png')).toBe('image/png');
    expect(contentTypeOf('x/ab.bin')).toBe('application/octet-stream');
  });
});
