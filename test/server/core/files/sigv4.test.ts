import {
  amzDate,
  authorizationHeader,
  canonicalRequest,
  credentialScope,
  EMPTY_PAYLOAD_SHA256,
  sha256Hex,
  signature,
  signingKey,
  signRequest,
  stringToSign,
  uriEncode,
  type SigV4Credentials,
} from '../../../../server/src/core/files/sigv4';

// The examples in AWS's "Signature calculations for the Authorization header" page (S3 API reference).
const creds: SigV4Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const DATE = '20130524T000000Z';
const HOST = 'examplebucket.s3.amazonaws.com';

describe('SigV4 against the AWS S3 examples', () => {
  it('should sign the GET Object example with a Range header exactly as published', () => {
    const req = {
      method: 'GET',
      path: '/test.txt',
      headers: { Host: HOST, Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256, 'x-amz-date': DATE },
      payloadHash: EMPTY_PAYLOAD_SHA256,
    };
    const signed = signRequest(req, creds);
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        '',
        `host:${HOST}`,
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_PAYLOAD_SHA256}`,
        `x-amz-date:${DATE}`,
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_PAYLOAD_SHA256,
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe(
      ['AWS4-HMAC-SHA256', DATE, '20130524/us-east-1/s3/aws4_request', '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972'].join('\n'),
    );
    expect(signed.signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('should sign the PUT Object example over the payload hash, encoding $ in the key', () => {
    const payloadHash = sha256Hex('Welcome to Amazon S3.');
    expect(payloadHash).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signed = signRequest(
      {
        method: 'PUT',
        path: '/test$file.text',
        headers: {
          Host: HOST,
          Date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-date': DATE,
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': payloadHash,
        },
        payloadHash,
      },
      creds,
    );
    expect(signed.canonicalRequest.split('\n').slice(0, 2)).toEqual(['PUT', '/test%24file.text']);
    expect(signed.stringToSign.split('\n')[3]).toBe('9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d');
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
    expect(signed.authorization).toContain('SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,');
  });

  // Not an AWS example: the same request signed by botocore's S3SigV4Auth (an independent implementation), once, offline.
  it('should sign a path-style PUT with Content-MD5 and Content-Type as botocore does', () => {
    const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('é材料'.repeat(100))]);
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe('c9aa7d0e6a37616d77966904699b259e425f758c7cd733ca4a44dc5364788ef5');
    const signed = signRequest(
      {
        method: 'PUT',
        path: '/liulian/subsidy/0123456789abcdef0123456789abcdef.pdf',
        headers: {
          host: '127.0.0.1:9000',
          'content-type': 'application/pdf',
          'content-md5': 'g3SGc4Eu/MbZOGc/SKzsVA==',
          'x-amz-date': '20261130T060000Z',
          'x-amz-content-sha256': payloadHash,
        },
        payloadHash,
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret/+Key==', region: 'ap-guangzhou', service: 's3' },
    );
    expect(signed.signature).toBe('82742a9d05abd7d3511c82e0e33764d3725e8b943c17178d2da9404d52068282');
  });

  it('should give the same signature from the step-by-step functions as from signRequest', () => {
    const req = { method: 'DELETE', path: '/bucket/subsidy/ab.pdf', headers: { host: 'h', 'x-amz-date': DATE, 'x-amz-content-sha256': EMPTY_PAYLOAD_SHA256 }, payloadHash: EMPTY_PAYLOAD_SHA256 };
    const scope = credentialScope(DATE, creds);
    const sig = signature(signingKey(creds.secretAccessKey, DATE, creds.region, creds.service), stringToSign(DATE, scope, canonicalRequest(req)));
    expect(signRequest(req, creds).authorization).toBe(authorizationHeader(creds.accessKeyId, scope, 'host;x-amz-content-sha256;x-amz-date', sig));
  });

  it('should change the signature when one byte of the payload changes', () => {
    const sign = (body: string) =>
      signRequest({ method: 'PUT', path: '/b/k.pdf', headers: { host: 'h', 'x-amz-date': DATE, 'x-amz-content-sha256': sha256Hex(body) }, payloadHash: sha256Hex(body) }, creds).signature;
    expect(sign('%PDF-1.4 a')).not.toBe(sign('%PDF-1.4 b'));
  });

  it('should refuse to sign without x-amz-date', () => {
    expect(() => signRequest({ method: 'GET', path: '/', headers: { host: 'h' }, payloadHash: EMPTY_PAYLOAD_SHA256 }, creds)).toThrow(/x-amz-date/);
  });
});

describe('SigV4 details', () => {
  it('should encode paths the RFC 3986 way, keeping slashes only in paths', () => {
    expect(uriEncode("/b/a!b'c(d)e*f$g h", true)).toBe('/b/a%21b%27c%28d%29e%2Af%24g%20h');
    expect(uriEncode('/b/subsidy/0f.pdf', true)).toBe('/b/subsidy/0f.pdf');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
    expect(uriEncode('材料', false)).toBe('%E6%9D%90%E6%96%99');
    expect(uriEncode('A-z_0.9~', false)).toBe('A-z_0.9~');
  });

  it('should sort query parameters and headers and collapse header whitespace', () => {
    const canonical = canonicalRequest({
      method: 'get',
      path: '/',
      query: { prefix: 'J', 'max-keys': '2' },
      headers: { 'X-Amz-Date': DATE, Host: '  h  ', 'x-custom': 'a   b' },
      payloadHash: EMPTY_PAYLOAD_SHA256,
    });
    expect(canonical.split('\n')).toEqual(['GET', '/', 'max-keys=2&prefix=J', 'host:h', 'x-amz-date:' + DATE, 'x-custom:a b', '', 'host;x-amz-date;x-custom', EMPTY_PAYLOAD_SHA256]);
  });

  it('should format dates in the compact SigV4 form', () => {
    expect(amzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe(DATE);
  });
});
