import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { S3Settings } from '../../../server/src/interface';

/**
 * A small S3-compatible server for tests. It checks every request's SigV4 signature on its own
 * (written from the AWS spec, sharing no code with the server's signer), keeps objects in memory
 * and answers with S3's XML errors.
 */

export interface FakeS3Object {
  body: Buffer;
  contentType: string;
}

export interface FakeS3Request {
  method: string;
  path: string;
  status: number;
  code?: string;
  payloadHash?: string;
}

export interface FakeS3 {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Objects by key (without the bucket). */
  objects: Map<string, FakeS3Object>;
  /** When each object was last written (ListObjectsV2's LastModified); tests may set it back. */
  modified: Map<string, Date>;
  /** Objects per ListObjectsV2 page at most (S3's is 1000; small here to exercise continuation). */
  pageSize: number;
  requests: FakeS3Request[];
  /** Storage driver settings that reach this server: path-style addressing, a 2 s timeout. */
  settings(): S3Settings;
  /** The next `count` authenticated requests get `500 InternalError`. */
  failNext(count: number): void;
  /** The next `count` requests wait `ms` before being handled (for client timeouts). */
  delayNext(count: number, ms: number): void;
  /** The next `count` successful GETs send half the body, then wait `ms` before the rest. */
  stallBodyNext(count: number, ms: number): void;
  close(): Promise<void>;
}

export interface FakeS3Options {
  bucket?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

const SKEW_MS = 15 * 60 * 1000;

class S3Fault {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

// RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex.
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map(part => encodeSegment(decodeURIComponent(part)))
    .join('/');
}

function canonicalQueryString(search: URLSearchParams): string {
  const pairs: string[] = [];
  search.forEach((value, name) => pairs.push(`${encodeSegment(name)}=${encodeSegment(value)}`));
  return pairs.sort().join('&');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function errorXml(code: string, message: string, resource: string, requestId: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${esc(message)}</Message><Resource>${esc(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`
  );
}

export async function startFakeS3(options: FakeS3Options = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'liulian-test';
  const region = options.region ?? 'us-east-1';
  const accessKeyId = options.accessKeyId ?? 'FAKEACCESSKEY0000001';
  const secretAccessKey = options.secretAccessKey ?? randomBytes(30).toString('base64');
  const objects = new Map<string, FakeS3Object>();
  const modified = new Map<string, Date>();
  const listing = { pageSize: 1000 };
  const requests: FakeS3Request[] = [];
  let failures = 0;
  let delays = 0;
  let delayMs = 0;
  let stalls = 0;
  let stallMs = 0;

  /** Throws an S3Fault unless the request carries a valid SigV4 signature over its headers and body. */
  function verify(req: IncomingMessage, url: URL, body: Buffer): string {
    const auth = headerValue(req, 'authorization');
    if (!auth) throw new S3Fault(403, 'AccessDenied', 'Anonymous access is not allowed');
    const m = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) throw new S3Fault(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
    const [, keyId, scopeDate, scopeRegion, signedList, given] = m;
    if (keyId !== accessKeyId) throw new S3Fault(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (scopeRegion !== region) throw new S3Fault(400, 'AuthorizationHeaderMalformed', `the region '${scopeRegion}' is wrong; expecting '${region}'`);

    const signed = signedList.split(';');
    const sortedUnique = [...new Set(signed)].sort();
    if (sortedUnique.join(';') !== signedList) throw new S3Fault(400, 'AuthorizationHeaderMalformed', 'SignedHeaders must be sorted and unique');
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
      if (!signed.includes(required)) throw new S3Fault(403, 'AccessDenied', `${required} must be signed`);
    }
    for (const name of Object.keys(req.headers)) {
      const mustSign = name.startsWith('x-amz-') || name === 'content-md5' || name === 'content-type';
      if (mustSign && !signed.includes(name)) throw new S3Fault(403, 'AccessDenied', `header ${name} is present but not signed`);
    }

    const date = headerValue(req, 'x-amz-date') ?? '';
    const at = parseAmzDate(date);
    if (Number.isNaN(at) || date.slice(0, 8) !== scopeDate) throw new S3Fault(403, 'AccessDenied', 'x-amz-date is missing, malformed or outside the credential scope');
    if (Math.abs(Date.now() - at) > SKEW_MS) throw new S3Fault(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');

    // This bucket insists on signed payloads: the body hash is part of the signature.
    const payloadHash = headerValue(req, 'x-amz-content-sha256') ?? '';
    const actual = createHash('sha256').update(body).digest('hex');
    if (payloadHash === 'UNSIGNED-PAYLOAD') throw new S3Fault(403, 'AccessDenied', 'Unsigned payloads are not accepted');
    if (payloadHash !== actual) throw new S3Fault(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");

    const headerLines = signed.map(name => {
      const value = headerValue(req, name);
      if (value === undefined) throw new S3Fault(403, 'AccessDenied', `signed header ${name} is missing`);
      return `${name}:${value.trim().replace(/\s+/g, ' ')}`;
    });
    const canonical = [req.method ?? '', canonicalUri(url.pathname), canonicalQueryString(url.searchParams), ...headerLines, '', signedList, payloadHash].join('\n');
    const scope = `${scopeDate}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, scopeDate), region), 's3'), 'aws4_request');
    const expected = Buffer.from(createHmac('sha256', key).update(toSign, 'utf8').digest('hex'));
    if (!timingSafeEqual(expected, Buffer.from(given))) {
      throw new S3Fault(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    return payloadHash;
  }

  /** `/bucket/key` (path style) or `bucket.host/key` (virtual-hosted). */
  function locate(req: IncomingMessage, url: URL): { bucket: string; key: string } {
    const host = (headerValue(req, 'host') ?? '').split(':')[0];
    const path = decodeURIComponent(url.pathname).replace(/^\//, '');
    if (host.startsWith(`${bucket}.`)) return { bucket, key: path };
    const slash = path.indexOf('/');
    return slash < 0 ? { bucket: path, key: '' } : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  }

  /** ListObjectsV2: keys in order, `prefix`, `max-keys`, the continuation token being the last key sent. */
  function listXml(params: URLSearchParams): string {
    const prefix = params.get('prefix') ?? '';
    const after = params.get('continuation-token') ?? '';
    const max = Math.min(Number(params.get('max-keys') ?? 1000), listing.pageSize);
    const keys = [...objects.keys()].filter(k => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > page.length;
    const contents = page
      .map(k => `<Contents><Key>${k}</Key><LastModified>${(modified.get(k) ?? new Date()).toISOString()}</LastModified><Size>${objects.get(k)?.body.length ?? 0}</Size></Contents>`)
      .join('');
    const next = truncated ? `<NextContinuationToken>${page[page.length - 1]}</NextContinuationToken>` : '';
    return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer, requestId: string): Promise<{ status: number; payloadHash: string }> {
    if (delays > 0) {
      delays -= 1;
      await new Promise(resolve => setTimeout(resolve, delayMs));
    }
    const url = new URL(req.url ?? '/', 'http://fake-s3');
    const payloadHash = verify(req, url, body);
    const target = locate(req, url);
    if (target.bucket !== bucket) throw new S3Fault(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!target.key && !(req.method === 'GET' && url.searchParams.get('list-type') === '2')) {
      throw new S3Fault(400, 'InvalidRequest', 'Only object operations and ListObjectsV2 are supported');
    }
    if (failures > 0) {
      failures -= 1;
      throw new S3Fault(500, 'InternalError', 'We encountered an internal error. Please try again.');
    }
    const common = { 'x-amz-request-id': requestId };
    switch (req.method) {
      case 'PUT': {
        const md5 = headerValue(req, 'content-md5');
        const digest = createHash('md5').update(body).digest();
        if (md5 !== undefined && md5 !== digest.toString('base64')) throw new S3Fault(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
        objects.set(target.key, { body, contentType: headerValue(req, 'content-type') ?? 'binary/octet-stream' });
        modified.set(target.key, new Date());
        res.writeHead(200, { ...common, etag: `"${digest.toString('hex')}"` }).end();
        return { status: 200, payloadHash };
      }
      case 'GET': {
        if (!target.key) {
          res.writeHead(200, { ...common, 'content-type': 'application/xml' }).end(listXml(url.searchParams));
          return { status: 200, payloadHash };
        }
        const found = objects.get(target.key);
        if (!found) throw new S3Fault(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { ...common, 'content-type': found.contentType, 'content-length': found.body.length });
        if (stalls > 0) {
          stalls -= 1;
          const half = Math.floor(found.body.length / 2);
          res.write(found.body.subarray(0, half));
          await new Promise(resolve => setTimeout(resolve, stallMs));
          if (!res.destroyed) res.end(found.body.subarray(half));
        } else {
          res.end(found.body);
        }
        return { status: 200, payloadHash };
      }
      case 'DELETE':
        objects.delete(target.key);
        modified.delete(target.key);
        res.writeHead(204, common).end();
        return { status: 204, payloadHash };
      default:
        throw new S3Fault(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const path = req.url ?? '/';
      handle(req, res, Buffer.concat(chunks), requestId).then(
        ({ status, payloadHash }) => requests.push({ method: req.method ?? '', path, status, payloadHash }),
        (err: unknown) => {
          const fault = err instanceof S3Fault ? err : new S3Fault(500, 'InternalError', String(err));
          requests.push({ method: req.method ?? '', path, status: fault.status, code: fault.code, payloadHash: headerValue(req, 'x-amz-content-sha256') });
          if (res.headersSent) return;
          res.writeHead(fault.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
          res.end(req.method === 'HEAD' ? undefined : errorXml(fault.code, fault.message, path, requestId));
        },
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    modified,
    get pageSize() {
      return listing.pageSize;
    },
    set pageSize(n: number) {
      listing.pageSize = n;
    },
    requests,
    settings() {
      return { endpoint: `http://127.0.0.1:${port}`, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: true, timeoutMs: 2000 };
    },
    failNext(count: number) {
      failures = count;
    },
    delayNext(count: number, ms: number) {
      delays = count;
      delayMs = ms;
    },
    stallBodyNext(count: number, ms: number) {
      stalls = count;
      stallMs = ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}
