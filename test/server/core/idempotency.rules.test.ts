import { isIdempotencyKey, keepsOutcome, recordId, requestFingerprint } from '../../../server/src/core/idempotency.rules';

describe('idempotency rules', () => {
  it('should take 16–64 letters, digits, - and _ as a key, and nothing else', () => {
    expect(isIdempotencyKey('3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e')).toBe(true);
    expect(isIdempotencyKey('lq3x9k2a_7f3k2j9d8s')).toBe(true);
    expect(isIdempotencyKey('short-key')).toBe(false);
    expect(isIdempotencyKey('x'.repeat(65))).toBe(false);
    expect(isIdempotencyKey('has spaces in the key')).toBe(false);
    expect(isIdempotencyKey('中文编号中文编号中文编号中文编号')).toBe(false);
  });

  it('should give a signed-in user one record per key wherever it comes from, and a guest one per address', () => {
    const key = 'k'.repeat(20);
    expect(recordId({ userId: 'u1', address: '10.0.0.1' }, key)).toBe(recordId({ userId: 'u1', address: '10.0.0.2' }, key));
    expect(recordId({ userId: 'u1', address: '10.0.0.1' }, key)).not.toBe(recordId({ userId: 'u2', address: '10.0.0.1' }, key));
    expect(recordId({ address: '10.0.0.1' }, key)).not.toBe(recordId({ address: '10.0.0.2' }, key));
    expect(recordId({ address: '10.0.0.1' }, key)).not.toContain(key);
  });

  it('should tell a resend from another request by method, path with query, and body', () => {
    const base = { method: 'POST', url: '/api/jobs?x=1', body: { title: '前端' } };
    expect(requestFingerprint(base)).toBe(requestFingerprint({ ...base, body: { title: '前端' } }));
    expect(requestFingerprint(base)).not.toBe(requestFingerprint({ ...base, body: { title: '后端' } }));
    expect(requestFingerprint(base)).not.toBe(requestFingerprint({ ...base, method: 'PUT' }));
    expect(requestFingerprint(base)).not.toBe(requestFingerprint({ ...base, url: '/api/jobs?x=2' }));
  });

  it('should tell multipart uploads apart by their boundary and length (the body is not read yet)', () => {
    const upload = { method: 'POST', url: '/api/files', body: undefined, contentType: 'multipart/form-data; boundary=a', contentLength: '1000' };
    expect(requestFingerprint(upload)).toBe(requestFingerprint({ ...upload }));
    expect(requestFingerprint(upload)).not.toBe(requestFingerprint({ ...upload, contentLength: '1001' }));
    expect(requestFingerprint(upload)).not.toBe(requestFingerprint({ ...upload, contentType: 'multipart/form-data; boundary=b' }));
  });

  it('should keep successes only: a refusal changed nothing, and the rest depends on the moment', () => {
    for (const status of [200, 201, 204]) expect(keepsOutcome(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504]) expect(keepsOutcome(status)).toBe(false);
  });
});
