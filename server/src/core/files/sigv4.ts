import { createHash, createHmac } from 'crypto';

/**
 * AWS Signature Version 4 for S3-compatible object stores (AWS S3, MinIO, Tencent COS), as pure
 * functions: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface SigV4Request {
  method: string;
  /** The object path before encoding, e.g. `/bucket/subsidy/ab.pdf`. */
  path: string;
  query?: Record<string, string>;
  /** Every header to sign, host and x-amz-date included; names in any case. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body; S3 also wants it sent as x-amz-content-sha256. */
  payloadHash: string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `Date` → `20130524T000000Z`. */
export function amzDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * RFC 3986 encoding as SigV4 defines it: every byte but A–Z a–z 0–9 - . _ ~ is %XX (upper hex);
 * `/` stays in paths. encodeURIComponent leaves !'()* alone, which S3 would sign differently.
 */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function canonicalQuery(query: Record<string, string> = {}): string {
  return Object.entries(query)
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Lower-case names, trimmed values with inner runs of spaces collapsed, sorted by name. */
function canonicalHeaderList(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers)
    .map(([k, v]): [string, string] => [k.toLowerCase(), String(v).trim().replace(/\s+/g, ' ')])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function signedHeaderNames(headers: Record<string, string>): string {
  return canonicalHeaderList(headers)
    .map(([k]) => k)
    .join(';');
}

export function canonicalRequest(req: SigV4Request): string {
  const list = canonicalHeaderList(req.headers);
  return [
    req.method.toUpperCase(),
    uriEncode(req.path || '/', true),
    canonicalQuery(req.query),
    ...list.map(([k, v]) => `${k}:${v}`),
    '',
    list.map(([k]) => k).join(';'),
    req.payloadHash,
  ].join('\n');
}

/** `20130524/us-east-1/s3/aws4_request` */
export function credentialScope(date: string, creds: Pick<SigV4Credentials, 'region' | 'service'>): string {
  return `${date.slice(0, 8)}/${creds.region}/${creds.service}/aws4_request`;
}

export function stringToSign(amzDateTime: string, scope: string, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDateTime, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date.slice(0, 8)), region), service), 'aws4_request');
}

export function signature(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

export function authorizationHeader(accessKeyId: string, scope: string, signedHeaders: string, sig: string): string {
  return `${SIGV4_ALGORITHM} Credential=${accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${sig}`;
}

export interface SignedParts {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
}

/**
 * Signs a request whose headers already hold host, x-amz-date and x-amz-content-sha256.
 * The date comes from x-amz-date so the signature and the header can never disagree.
 */
export function signRequest(req: SigV4Request, creds: SigV4Credentials): SignedParts {
  const dateHeader = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'x-amz-date')?.[1];
  if (!dateHeader) throw new Error('x-amz-date must be among the signed headers');
  const canonical = canonicalRequest(req);
  const scope = credentialScope(dateHeader, creds);
  const toSign = stringToSign(dateHeader, scope, canonical);
  const sig = signature(signingKey(creds.secretAccessKey, dateHeader, creds.region, creds.service), toSign);
  return {
    canonicalRequest: canonical,
    stringToSign: toSign,
    signature: sig,
    authorization: authorizationHeader(creds.accessKeyId, scope, signedHeaderNames(req.headers), sig),
  };
}
