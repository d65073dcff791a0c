import { createHash } from 'crypto';
import { storageConfigProblems } from '../startup-checks';
import type { S3Settings } from '../../interface';
import type { StorageBackend, StoredObject } from './backend';
import { amzDate, EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4';

/** What an operator should check for the errors a wrong configuration causes. */
const HINTS: Record<string, string> = {
  SignatureDoesNotMatch: 'check S3_SECRET_ACCESS_KEY and S3_REGION',
  InvalidAccessKeyId: 'check S3_ACCESS_KEY_ID',
  AuthorizationHeaderMalformed: 'check S3_REGION',
  NoSuchBucket: 'check S3_BUCKET (create it first)',
  PermanentRedirect: 'the bucket is in another region or needs S3_FORCE_PATH_STYLE=false',
  // Tencent COS buckets created since 2024 accept virtual-hosted requests only.
  PathStyleDomainForbidden: 'set S3_FORCE_PATH_STYLE=false',
};

/** An S3 error response (or a failed request), with the service's own code and request id. */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  constructor(
    /** S3's error code (`NoSuchKey`, `SignatureDoesNotMatch`…), or `NetworkError` / `Timeout` / `Http<status>`. */
    readonly code: string,
    readonly status: number,
    readonly serviceMessage: string,
    readonly requestId: string,
    operation: string,
    key: string,
  ) {
    const hint = HINTS[code] ? ` — ${HINTS[code]}` : '';
    super(`S3 ${operation} ${key} failed: ${status || '-'} ${code}: ${serviceMessage}${requestId ? ` (requestId ${requestId})` : ''}${hint}`);
  }

  /** Worth a second attempt: the service or the network failed, not the request. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

function xmlField(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : '';
}

/** Parses `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>`; HEAD-like empty bodies fall back to the status. */
export function parseS3Error(status: number, body: string, headerRequestId: string, operation: string, key: string): S3Error {
  const code = xmlField(body, 'Code') || `Http${status}`;
  const message = xmlField(body, 'Message') || body.slice(0, 200) || 'no error body';
  return new S3Error(code, status, message, xmlField(body, 'RequestId') || headerRequestId, operation, key);
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
};

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** The URL of an object: `endpoint/bucket/key` (path style) or `bucket.endpoint/key` (virtual-hosted). */
export function objectUrl(s3: Pick<S3Settings, 'endpoint' | 'bucket' | 'forcePathStyle'>, key: string): URL {
  const base = new URL(s3.endpoint);
  const path = s3.forcePathStyle ? `/${s3.bucket}/${key}` : `/${key}`;
  const host = s3.forcePathStyle ? base.host : `${s3.bucket}.${base.host}`;
  return new URL(`${base.protocol}//${host}${uriEncode(path, true)}`);
}

/** The bucket itself: `endpoint/bucket` (path style) or `bucket.endpoint/`. */
export function bucketUrl(s3: Pick<S3Settings, 'endpoint' | 'bucket' | 'forcePathStyle'>): URL {
  const base = new URL(s3.endpoint);
  return s3.forcePathStyle ? new URL(`${base.protocol}//${base.host}/${uriEncode(s3.bucket, false)}`) : new URL(`${base.protocol}//${s3.bucket}.${base.host}/`);
}

/** The objects and continuation of one ListObjectsV2 page. */
export function parseListPage(xml: string): { objects: StoredObject[]; next?: string } {
  const objects: StoredObject[] = [];
  for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
    const key = xmlField(m[1], 'Key');
    const modified = new Date(xmlField(m[1], 'LastModified'));
    if (key && !Number.isNaN(modified.getTime())) objects.push({ key, modified });
  }
  const next = xmlField(xml, 'IsTruncated') === 'true' ? xmlField(xml, 'NextContinuationToken') : '';
  return { objects, next: next || undefined };
}

interface S3Call {
  operation: 'PutObject' | 'GetObject' | 'DeleteObject' | 'ListObjectsV2';
  method: 'PUT' | 'GET' | 'DELETE';
  key: string;
  /** Bucket-level requests (listing) carry their parameters here. */
  query?: Record<string, string>;
  body?: Buffer;
  headers?: Record<string, string>;
}

const RETRY_DELAY_MS = 200;

/** PutObject / GetObject / DeleteObject over Node's fetch, signed with SigV4 (payload hash signed, never UNSIGNED-PAYLOAD). */
export class S3Backend implements StorageBackend {
  constructor(
    private readonly s3: S3Settings,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const problems = storageConfigProblems({ driver: 's3', s3 });
    if (problems.length) throw new Error(`S3 storage is not configured: ${problems.join('; ')}`);
  }

  async write(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.call({
      operation: 'PutObject',
      method: 'PUT',
      key,
      body: data,
      // S3 rejects the upload (BadDigest) if the bytes it received differ from what we hashed.
      headers: { 'content-type': contentType, 'content-md5': createHash('md5').update(data).digest('base64') },
    });
  }

  /** A PUT replaces the object atomically in S3. */
  async replace(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.write(key, data, contentType);
  }

  async read(key: string): Promise<Buffer> {
    return this.call({ operation: 'GetObject', method: 'GET', key });
  }

  /** Idempotent: an object that is already gone counts as deleted. */
  async delete(key: string): Promise<void> {
    try {
      await this.call({ operation: 'DeleteObject', method: 'DELETE', key });
    } catch (err) {
      if (err instanceof S3Error && err.status === 404) return;
      throw err;
    }
  }

  async *list(folder: string): AsyncIterable<StoredObject[]> {
    let token: string | undefined;
    do {
      const query: Record<string, string> = { 'list-type': '2', prefix: `${folder}/`, 'max-keys': '1000' };
      if (token) query['continuation-token'] = token;
      const page = parseListPage((await this.call({ operation: 'ListObjectsV2', method: 'GET', key: '', query })).toString('utf8'));
      yield page.objects;
      token = page.next;
    } while (token);
  }

  private async call(req: S3Call): Promise<Buffer> {
    try {
      return await this.attempt(req);
    } catch (err) {
      if (!(err instanceof S3Error) || !err.retryable) throw err;
      await new Promise(resolve => setTimeout(resolve, RETRY_DELAY_MS));
      return this.attempt(req);
    }
  }

  /** One request; resolves with the response body, which is read under the same timeout. */
  private async attempt(req: S3Call): Promise<Buffer> {
    const url = req.query ? bucketUrl(this.s3) : objectUrl(this.s3, req.key);
    // Encoded exactly as signed (URLSearchParams would write a space as +).
    if (req.query) url.search = Object.entries(req.query).map(([name, value]) => `${uriEncode(name, false)}=${uriEncode(value, false)}`).join('&');
    const payloadHash = req.body ? sha256Hex(req.body) : EMPTY_PAYLOAD_SHA256;
    // Signed afresh per attempt: x-amz-date must stay within S3's 15-minute window.
    const sent: Record<string, string> = { ...req.headers, 'x-amz-date': amzDate(this.clock()), 'x-amz-content-sha256': payloadHash };
    // Host is signed but not set by hand: fetch sends it from the URL.
    const signed = signRequest(
      { method: req.method, path: decodeURIComponent(url.pathname), query: req.query, headers: { ...sent, host: url.host }, payloadHash },
      { accessKeyId: this.s3.accessKeyId, secretAccessKey: this.s3.secretAccessKey, region: this.s3.region, service: 's3' },
    );
    let res: Response;
    let body: Buffer;
    try {
      res = await fetch(url, {
        method: req.method,
        headers: { ...sent, authorization: signed.authorization },
        body: req.body ? new Uint8Array(req.body) : undefined,
        signal: AbortSignal.timeout(this.s3.timeoutMs),
      });
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      // Duck-typed: the abort reason is a DOMException, which is not always an instanceof this realm's Error.
      const failure = (err ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
      const timedOut = failure.name === 'TimeoutError' || failure.name === 'AbortError';
      const reason = failure.cause?.message ?? failure.message ?? String(err);
      throw new S3Error(timedOut ? 'Timeout' : 'NetworkError', 0, timedOut ? `no answer within ${this.s3.timeoutMs} ms` : reason, '', req.operation, req.key);
    }
    if (res.ok) return body;
    throw parseS3Error(res.status, body.toString('utf8'), res.headers.get('x-amz-request-id') ?? '', req.operation, req.key);
  }
}
