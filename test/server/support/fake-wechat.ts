/**
 * In-process fake of the WeChat server APIs used by the backend, for tests and benchmarks.
 * Behaviour follows /work/shared/docs/wechat.md (section numbers cited as "§n").
 * Only Node built-ins are used so it can run anywhere the tests run.
 */
import * as http from 'http';
import * as crypto from 'crypto';
import { URLSearchParams } from 'url';

export interface FakeWeChatOptions {
  appid?: string;
  secret?: string;
  /** Added to every response. */
  latencyMs?: number;
  /** Clock in ms, for expiry tests. */
  now?: () => number;
  /**
   * Random failure injection for subscribe send: `send` answers `errcode` (default -1) before any
   * processing; `drop` processes the send (delivers it) and then drops the connection unanswered,
   * the ambiguous case a sender cannot tell from "not delivered".
   */
  failureRate?: { send?: number; errcode?: number; drop?: number };
}

export interface FakeWeChatCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON when the body was JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
  at: number;
}

export interface FakeWeChatSentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface FakeWeChatCounters {
  jscode2session: number;
  stableToken: number;
  token: number;
  send: number;
  sendOk: number;
}

type JsonObject = Record<string, unknown>;

/** Where and how the fake pushes events (wechat-platform.md §2.4, JSON; plaintext mode, or safe mode with `encodingAesKey`). */
export interface FakePushTarget {
  url: string;
  token: string;
  /** The EncodingAESKey (43 characters): pushes are sent in 安全模式, encrypted. */
  encodingAesKey?: string;
  /** Before the push is sent after a mediaCheckAsync call (WeChat: within 30 minutes). */
  delayMs?: number;
}

/** What the fake's content check makes of the downloaded bytes (default: pass, label 100). */
export type FakeMediaJudge = (bytes: Buffer) => { suggest: 'pass' | 'review' | 'risky'; label: number };

/** One push the fake sent, with the receiver's answer. */
export interface FakePushRecord {
  event: JsonObject;
  query: Record<string, string>;
  /** The body as sent: the event itself, or `{ ToUserName, Encrypt }` in safe mode. */
  sent: JsonObject;
  status: number;
  body: string;
}

type Reply = { kind: 'json'; body: JsonObject } | { kind: 'png'; body: Buffer };

interface RequestContext {
  method: string;
  path: string;
  query: Record<string, string>;
  bodyText: string;
  /** undefined when the body was empty or not JSON. */
  json: unknown;
  jsonOk: boolean;
  now: number;
}

type Handler = (ctx: RequestContext) => Reply;

interface CodeEntry {
  openid: string;
  unionid?: string;
  issuedAt: number;
  used: boolean;
}

interface PhoneCodeEntry {
  purePhoneNumber: string;
  countryCode: string;
  openid?: string;
  issuedAt: number;
  used: boolean;
}

interface TokenRecord {
  value: string;
  kind: 'stable' | 'classic';
  expiresAt: number;
  /** Moment from which the token answers 40001 (invalidated by a newer fetch). */
  revokedAt?: number;
}

type FieldType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase'
  | 'enum';

interface TemplateDef {
  keys: ReadonlyArray<{ key: string; type: FieldType }>;
  keySet: ReadonlySet<string>;
  enums: Readonly<Record<string, readonly string[]>>;
}

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_MS = 7200_000;
// §1.2 / §1.3: old and new tokens overlap ~5 min; the stable token is rotated 5 min before expiry.
const TOKEN_OVERLAP_MS = 5 * 60_000;
const STABLE_ROTATE_WINDOW_MS = 5 * 60_000;
const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_MIN_GAP_MS = 30_000;
const LOGIN_RATE_PER_MINUTE = 100;
const MAX_BODY_BYTES = 1024 * 1024;
const MSG_SEC_CHECK_MAX_CHARS = 2500;

const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40066: 'invalid url',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  40163: 'code been used',
  40169: 'invalid length for scene, or the data is not json string',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  43302: 'http method error, must use POST',
  44002: 'empty post data',
  45002: 'content size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

const FIELD_KEY_RE =
  /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase|enum)(\d+)$/;

// §2.2 per-type table. Date/time accept 年月日 or -, /, . separators, optional seconds, ranges joined by "~".
const DATE_PART =
  '\\d{4}(?:年(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\\d|3[01])日' +
  '|([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01]))';
const TIME_PART = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const TIME_POINT_RE = new RegExp(`^(?:${DATE_PART}\\s?)?${TIME_PART}$`);
const DATE_POINT_RE = new RegExp(`^${DATE_PART}(?:\\s?${TIME_PART})?$`);
const TIME_ONLY_RE = new RegExp(`^${TIME_PART}$`);
const CONTROL_RE = /[\p{Cc}\u2028\u2029]/u;
const NUMBER_RE = /^\d+(?:\.\d+)?$/;
const LETTER_RE = /^[A-Za-z]{1,32}$/;
const SYMBOL_RE = /^[\p{P}\p{S}]{1,5}$/u;
const CHARACTER_STRING_RE = /^[\x21-\x7e]{1,32}$/;
// Amount: "one currency symbol + up to 10 digits, decimals allowed, may end with 元". The symbol is
// optional here because "100.00元" is widely used in practice; the decimal part is capped at 2 digits.
const AMOUNT_RE = /^\p{Sc}?\d{1,10}(?:\.\d{1,2})?元?$/u;
const PHONE_RE = /^[0-9\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]{1,17}$/;
const NAME_HAN_RE = /^[\p{Script=Han}·]{1,10}$/u;
const NAME_LATIN_RE = /^[A-Za-z][A-Za-z ]{0,19}$/;
const PHRASE_RE = /^\p{Script=Han}{1,5}$/u;
// §5.1: scene is ≤32 visible chars from this set (no %).
const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function isRange(value: string, point: RegExp, second: RegExp): boolean {
  const parts = value.split('~');
  if (parts.length > 2) return false;
  if (!point.test(parts[0].trim())) return false;
  if (parts.length === 1) return true;
  const end = parts[1].trim();
  return point.test(end) || second.test(end);
}

function isValidFieldValue(type: FieldType, value: string, enums: readonly string[] | undefined): boolean {
  if (value.trim() === '' || CONTROL_RE.test(value)) return false;
  switch (type) {
    case 'thing':
      return codePointLength(value) <= 20;
    case 'number':
      return NUMBER_RE.test(value) && value.length - (value.includes('.') ? 1 : 0) <= 32;
    case 'letter':
      return LETTER_RE.test(value);
    case 'symbol':
      return SYMBOL_RE.test(value);
    case 'character_string':
      return CHARACTER_STRING_RE.test(value);
    case 'time':
      return isRange(value, TIME_POINT_RE, TIME_ONLY_RE);
    case 'date':
      return isRange(value, DATE_POINT_RE, TIME_ONLY_RE);
    case 'amount':
      return AMOUNT_RE.test(value);
    case 'phone_number':
      return PHONE_RE.test(value);
    case 'car_number':
      return codePointLength(value) <= 8;
    case 'name':
      return NAME_HAN_RE.test(value) || NAME_LATIN_RE.test(value);
    case 'phrase':
      return PHRASE_RE.test(value);
    case 'enum':
      // Enum values come from the template definition; without them only the thing-like length is checked.
      return enums ? enums.includes(value) : codePointLength(value) <= 20;
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/** Request-id style suffix used by WeChat errmsg / trace_id (§0). */
function rid(): string {
  const h = crypto.randomBytes(12).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 16)}-${h.slice(16, 24)}`;
}

function err(errcode: number, detail?: string): Reply {
  const base = detail ?? ERRMSG[errcode] ?? `fake error ${errcode}`;
  return { kind: 'json', body: { errcode, errmsg: `${base} rid: ${rid()}` } };
}

function ok(body: JsonObject): Reply {
  return { kind: 'json', body };
}

// ---- minimal PNG encoder (stored deflate blocks; no zlib dependency) ----

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < buf.length; i++) {
    a = (a + buf[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function zlibStored(raw: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
  let off = 0;
  do {
    const block = raw.subarray(off, off + 0xffff);
    off += block.length;
    const header = Buffer.alloc(5);
    header[0] = off >= raw.length ? 1 : 0; // BFINAL on the last stored block
    header.writeUInt16LE(block.length, 1);
    header.writeUInt16LE(~block.length & 0xffff, 3);
    parts.push(header, block);
  } while (off < raw.length);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(adler32(raw), 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CODE_MODULES = 21;
const CODE_QUIET = 2;

/**
 * 8-bit grayscale image with a module pattern derived from scene/page, so different requests give
 * different images. scene and page are also stored in tEXt chunks to let tests read them back.
 */
function wxacodePng(scene: string, page: string): Buffer {
  const size = CODE_MODULES + 2 * CODE_QUIET;
  const h1 = crypto.createHash('sha256').update(`${page}\u0000${scene}`).digest();
  const bits = Buffer.concat([h1, crypto.createHash('sha256').update(h1).digest()]);
  const raw = Buffer.alloc(size * (size + 1), 0xff);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter type: none
    for (let x = 0; x < size; x++) {
      const mx = x - CODE_QUIET;
      const my = y - CODE_QUIET;
      if (mx < 0 || my < 0 || mx >= CODE_MODULES || my >= CODE_MODULES) continue;
      const i = my * CODE_MODULES + mx;
      if ((bits[i >> 3] >> (i & 7)) & 1) raw[y * (size + 1) + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from(`scene\u0000${scene}`, 'latin1')),
    pngChunk('tEXt', Buffer.from(`page\u0000${page}`, 'latin1')),
    pngChunk('IDAT', zlibStored(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function emptyCounters(): FakeWeChatCounters {
  return { jscode2session: 0, stableToken: 0, token: 0, send: 0, sendOk: 0 };
}

export class FakeWeChatServer {
  readonly appid: string;
  readonly secret: string;

  private readonly latencyMs: number;
  private readonly now: () => number;
  private readonly sendFailureRate: number;
  private readonly sendFailureErrcode: number;
  private readonly sendDropRate: number;

  private server: http.Server | null = null;
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private readonly routes: ReadonlyMap<string, Handler>;

  private callLog: FakeWeChatCall[] = [];
  private sentLog: FakeWeChatSentMessage[] = [];
  /** Successful sends per (touser, page): a second success for one key is a duplicate notice. */
  private deliveredPerKey = new Map<string, number>();
  private counterValues: FakeWeChatCounters = emptyCounters();

  private readonly loginCodes = new Map<string, CodeEntry>();
  private readonly phoneCodes = new Map<string, PhoneCodeEntry>();
  private readonly loginRate = new Map<string, { window: number; count: number }>();

  private readonly tokens = new Map<string, TokenRecord>();
  private tokenSeq = 0;
  private currentClassic: TokenRecord | null = null;
  private currentStable: TokenRecord | null = null;
  private previousStable: TokenRecord | null = null;
  private forceDay = -1;
  private forceCount = 0;
  private lastForceAt: number | null = null;

  private readonly credits = new Map<string, number>();
  private readonly longTermTemplates = new Set<string>();
  private readonly templates = new Map<string, TemplateDef>();
  private pages: ReadonlySet<string> | null = null;
  private readonly forcedErrors = new Map<string, { errcode: number; remaining: number }>();
  private riskyWords: readonly string[] = ['赌博', '代考', '裸聊'];
  private pushTarget: FakePushTarget | null = null;
  private mediaJudge: FakeMediaJudge = () => ({ suggest: 'pass', label: 100 });
  private pushLog: FakePushRecord[] = [];
  private readonly inFlightPushes = new Set<Promise<void>>();

  constructor(opts: FakeWeChatOptions = {}) {
    this.appid = opts.appid ?? 'wx_test_appid';
    this.secret = opts.secret ?? 'test_secret';
    this.latencyMs = Math.max(0, opts.latencyMs ?? 0);
    this.now = opts.now ?? Date.now;
    this.sendFailureRate = opts.failureRate?.send ?? 0;
    this.sendFailureErrcode = opts.failureRate?.errcode ?? -1;
    this.sendDropRate = opts.failureRate?.drop ?? 0;
    this.routes = new Map<string, Handler>([
      ['/sns/jscode2session', (c) => this.jscode2session(c)],
      ['/cgi-bin/token', (c) => this.classicToken(c)],
      ['/cgi-bin/stable_token', (c) => this.stableToken(c)],
      ['/wxa/business/getuserphonenumber', (c) => this.getPhoneNumber(c)],
      ['/cgi-bin/message/subscribe/send', (c) => this.subscribeSend(c)],
      ['/wxa/msg_sec_check', (c) => this.msgSecCheck(c)],
      ['/wxa/media_check_async', (c) => this.mediaCheckAsync(c)],
      ['/wxa/getwxacodeunlimit', (c) => this.getWxaCodeUnlimit(c)],
    ]);
  }

  // ---------------------------------------------------------------- lifecycle

  start(port = 0): Promise<string> {
    if (this.server) return Promise.reject(new Error('FakeWeChatServer already started'));
    const server = http.createServer({ keepAlive: true, noDelay: true }, (req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.on('clientError', (_e, socket) => socket.destroy());
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
        server.off('error', reject);
        const addr = server.address();
        if (addr === null || typeof addr === 'string') {
          reject(new Error('FakeWeChatServer: unexpected listen address'));
          return;
        }
        resolve(`http://127.0.0.1:${addr.port}`);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = null;
    for (const t of this.pendingTimers) clearTimeout(t);
    this.pendingTimers.clear();
    return new Promise((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- test helpers

  get calls(): ReadonlyArray<FakeWeChatCall> {
    return this.callLog;
  }

  get sent(): ReadonlyArray<FakeWeChatSentMessage> {
    return this.sentLog;
  }

  counters(): FakeWeChatCounters {
    return { ...this.counterValues };
  }

  /** Clears `calls`, `sent` and `counters()`; issued codes, tokens, credits and templates are kept. */
  resetCalls(): void {
    this.callLog = [];
    this.sentLog = [];
    this.deliveredPerKey = new Map();
    this.counterValues = emptyCounters();
  }

  /**
   * Successful subscribe sends beyond the first per (touser, page). Senders put a per-notice key in
   * `page` (e.g. a delivery id in the query string), so any figure above 0 is a duplicate notice.
   */
  duplicateSends(): number {
    let extra = 0;
    for (const n of this.deliveredPerKey.values()) extra += n - 1;
    return extra;
  }

  /** How many times (touser, page) was delivered. */
  deliveredCount(touser: string, page: string): number {
    return this.deliveredPerKey.get(`${touser}\u0000${page}`) ?? 0;
  }

  /** Distinct (touser, page) pairs delivered at least once. */
  distinctDeliveries(): number {
    return this.deliveredPerKey.size;
  }

  /** What wx.login returns on the device: single use, valid 5 minutes (§1.1). */
  issueLoginCode(openid: string, opts: { unionid?: string } = {}): string {
    const code = crypto.randomBytes(16).toString('hex');
    this.loginCodes.set(code, { openid, unionid: opts.unionid, issuedAt: this.now(), used: false });
    return code;
  }

  /** The getPhoneNumber button code: single use, valid 5 minutes (§1.4). */
  issuePhoneCode(purePhoneNumber: string, opts: { openid?: string; countryCode?: string } = {}): string {
    const code = crypto.randomBytes(32).toString('hex');
    this.phoneCodes.set(code, {
      purePhoneNumber,
      countryCode: opts.countryCode ?? '86',
      openid: opts.openid,
      issuedAt: this.now(),
      used: false,
    });
    return code;
  }

  /** Records `count` one-time subscription acceptances (§2.1: one acceptance = one send). */
  grantSubscribeCredit(openid: string, templateId: string, count = 1): void {
    const key = creditKey(openid, templateId);
    this.credits.set(key, (this.credits.get(key) ?? 0) + count);
  }

  /** Remaining one-time credit for (openid, template). */
  subscribeCredit(openid: string, templateId: string): number {
    return this.credits.get(creditKey(openid, templateId)) ?? 0;
  }

  setLongTermTemplate(templateId: string): void {
    this.longTermTemplates.add(templateId);
  }

  /**
   * Keys are `<type><n>` as in the template content, e.g. ['thing1', 'time2', 'phrase3'] (§2.2).
   * `opts.enums` lists the allowed values of `enum<n>` keys.
   */
  defineTemplate(templateId: string, keys: string[], opts: { enums?: Record<string, string[]> } = {}): void {
    const parsed = keys.map((key) => {
      const m = FIELD_KEY_RE.exec(key);
      if (!m) throw new Error(`FakeWeChatServer.defineTemplate: unknown field type in key "${key}"`);
      return { key, type: m[1] as FieldType };
    });
    this.templates.set(templateId, { keys: parsed, keySet: new Set(keys), enums: { ...(opts.enums ?? {}) } });
  }

  /** Pages of the released version (app.json); null accepts every page. */
  setPages(pages: string[] | null): void {
    this.pages = pages === null ? null : new Set(pages);
  }

  /** The next `times` calls to `path` (any method) answer `{errcode}` before any other processing. */
  forceError(path: string, errcode: number, times = 1): void {
    if (times <= 0) this.forcedErrors.delete(path);
    else this.forcedErrors.set(path, { errcode, remaining: times });
  }

  /** Every token issued so far answers 42001 from now on; new fetches issue fresh tokens. */
  expireAccessTokens(): void {
    const now = this.now();
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  /** Where media-check results are pushed; without a target mediaCheckAsync still answers but pushes nothing. */
  setPushTarget(target: FakePushTarget | null): void {
    this.pushTarget = target;
  }

  /** How downloaded media are judged (e.g. `() => ({ suggest: 'risky', label: 20002 })`). */
  setMediaJudge(judge: FakeMediaJudge): void {
    this.mediaJudge = judge;
  }

  /** Pushes sent so far and what the receiver answered. */
  get pushes(): ReadonlyArray<FakePushRecord> {
    return this.pushLog;
  }

  /** Resolves when every download and push started so far has finished. */
  async pushesSettled(): Promise<void> {
    while (this.inFlightPushes.size > 0) await Promise.all([...this.inFlightPushes]);
  }

  /** Words that make msg_sec_check answer suggest 'risky' / label 20006. */
  setRiskyWords(words: string[]): void {
    this.riskyWords = [...words];
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let reply: Reply;
      try {
        reply =
          size > MAX_BODY_BYTES
            ? err(45002)
            : this.dispatch(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        reply = err(-1, `fake server failure: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (this.sendDropRate > 0 && (req.url ?? '').startsWith('/cgi-bin/message/subscribe/send') && Math.random() < this.sendDropRate) {
        req.socket.destroy();
        return;
      }
      this.respond(res, reply);
    });
  }

  private respond(res: http.ServerResponse, reply: Reply): void {
    const write = (): void => {
      if (res.destroyed) return;
      const body = reply.kind === 'png' ? reply.body : Buffer.from(JSON.stringify(reply.body), 'utf8');
      // WeChat answers errors with HTTP 200 and a JSON envelope (§0).
      res.writeHead(200, {
        'Content-Type': reply.kind === 'png' ? 'image/png' : 'application/json',
        'Content-Length': body.length,
      });
      res.end(body);
    };
    if (this.latencyMs === 0) {
      write();
      return;
    }
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer);
      write();
    }, this.latencyMs);
    this.pendingTimers.add(timer);
  }

  private dispatch(method: string, rawUrl: string, bodyText: string): Reply {
    const now = this.now();
    const qIndex = rawUrl.indexOf('?');
    const path = qIndex === -1 ? rawUrl : rawUrl.slice(0, qIndex);
    const query: Record<string, string> =
      qIndex === -1 ? {} : Object.fromEntries(new URLSearchParams(rawUrl.slice(qIndex + 1)));

    let json: unknown = undefined;
    let jsonOk = false;
    if (bodyText.length > 0) {
      try {
        json = JSON.parse(bodyText) as unknown;
        jsonOk = true;
      } catch {
        json = undefined;
      }
    }
    this.callLog.push({ method, path, query, body: jsonOk ? json : bodyText.length > 0 ? bodyText : undefined, at: now });

    const handler = this.routes.get(path);
    if (handler) this.countCall(path);

    const forced = this.forcedErrors.get(path);
    if (forced) {
      forced.remaining--;
      if (forced.remaining <= 0) this.forcedErrors.delete(path);
      return err(forced.errcode);
    }
    // §1.1: paths are case-sensitive; anything unknown is 40066.
    if (!handler) return err(40066);
    return handler({ method, path, query, bodyText, json, jsonOk, now });
  }

  private countCall(path: string): void {
    const c = this.counterValues;
    if (path === '/sns/jscode2session') c.jscode2session++;
    else if (path === '/cgi-bin/stable_token') c.stableToken++;
    else if (path === '/cgi-bin/token') c.token++;
    else if (path === '/cgi-bin/message/subscribe/send') c.send++;
  }

  /** Empty body → 44002, non-JSON or not an object → 47001. */
  private objectBody(ctx: RequestContext): { tag: 'body'; body: JsonObject } | { tag: 'error'; reply: Reply } {
    if (ctx.bodyText.trim().length === 0) return { tag: 'error', reply: err(44002) };
    if (!ctx.jsonOk || !isObject(ctx.json)) return { tag: 'error', reply: err(47001) };
    return { tag: 'body', body: ctx.json };
  }

  /** Shared access_token check (§0). */
  private checkToken(ctx: RequestContext): Reply | null {
    const value = ctx.query.access_token;
    if (!value) return err(41001);
    const rec = this.tokens.get(value);
    if (!rec) return err(40001);
    if (ctx.now >= rec.expiresAt) return err(42001);
    if (rec.revokedAt !== undefined && ctx.now >= rec.revokedAt) return err(40001);
    return null;
  }

  private issueToken(kind: TokenRecord['kind'], now: number): TokenRecord {
    this.tokenSeq++;
    const rec: TokenRecord = {
      value: `${this.tokenSeq}_${crypto.randomBytes(96).toString('base64url')}`,
      kind,
      expiresAt: now + TOKEN_TTL_MS,
    };
    this.tokens.set(rec.value, rec);
    return rec;
  }

  // ---------------------------------------------------------------- endpoints

  private jscode2session(ctx: RequestContext): Reply {
    // §1.1: a POST is answered with 41002 (the params are only read from the query string).
    if (ctx.method !== 'GET') return err(41002);
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query;
    if (!appid) return err(41002);
    if (appid !== this.appid) return err(40013);
    if (!secret) return err(41004);
    if (secret !== this.secret) return err(40125);
    if (!code) return err(41008);
    if (grantType !== 'authorization_code') return err(40002);

    const entry = this.loginCodes.get(code);
    if (!entry || ctx.now - entry.issuedAt > CODE_TTL_MS) return err(40029);
    if (!this.takeLoginRate(entry.openid, ctx.now)) return err(45011);
    if (entry.used) return err(40163);
    entry.used = true;

    // §0: success responses of this endpoint carry no errcode.
    const body: JsonObject = { openid: entry.openid, session_key: crypto.randomBytes(16).toString('base64') };
    if (entry.unionid !== undefined) body.unionid = entry.unionid;
    return ok(body);
  }

  private takeLoginRate(openid: string, now: number): boolean {
    const window = Math.floor(now / 60_000);
    const slot = this.loginRate.get(openid);
    if (!slot || slot.window !== window) {
      this.loginRate.set(openid, { window, count: 1 });
      return true;
    }
    slot.count++;
    return slot.count <= LOGIN_RATE_PER_MINUTE;
  }

  private classicToken(ctx: RequestContext): Reply {
    if (ctx.method !== 'GET') return err(43001);
    const { grant_type: grantType, appid, secret } = ctx.query;
    if (grantType !== 'client_credential') return err(40002);
    if (!appid) return err(41002);
    if (appid !== this.appid) return err(40013);
    if (!secret) return err(41004);
    // §1.2: the classic endpoint reports a wrong AppSecret as 40001.
    if (secret !== this.secret) return err(40001, 'invalid credential, AppSecret error or AppSecret does not belong to this AppID');

    // §1.2: every fetch invalidates the previous token after a ~5-minute overlap.
    const prev = this.currentClassic;
    if (prev) prev.revokedAt = Math.min(prev.revokedAt ?? Infinity, ctx.now + TOKEN_OVERLAP_MS);
    const rec = this.issueToken('classic', ctx.now);
    this.currentClassic = rec;
    return ok({ access_token: rec.value, expires_in: TOKEN_TTL_MS / 1000 });
  }

  private stableToken(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') return err(43002);
    if (!ctx.jsonOk || !isObject(ctx.json)) return err(47001);
    const body = ctx.json;
    if (!nonEmptyString(body.appid)) return err(41002);
    if (body.appid !== this.appid) return err(40013);
    if (!nonEmptyString(body.secret)) return err(41004);
    // The classic endpoint says 40001 for a wrong secret (§1.2); 40125 is WeChat's general
    // "invalid appsecret" code (§1.1) and is what this fake uses for the stable endpoint.
    if (body.secret !== this.secret) return err(40125);
    if (body.grant_type !== 'client_credential') return err(40002);

    const now = ctx.now;
    if (body.force_refresh === true) {
      // §1.3: force mode is limited to 20 per day and 30 s apart. Days roll over at Beijing midnight.
      const day = Math.floor((now + 8 * 3600_000) / 86_400_000);
      if (day !== this.forceDay) {
        this.forceDay = day;
        this.forceCount = 0;
      }
      if (this.lastForceAt !== null && now - this.lastForceAt < FORCE_REFRESH_MIN_GAP_MS) {
        return err(45009, 'api freq out of limit');
      }
      if (this.forceCount >= FORCE_REFRESH_PER_DAY) return err(45009);
      this.forceCount++;
      this.lastForceAt = now;
      for (const old of [this.currentStable, this.previousStable]) {
        if (old) old.revokedAt = Math.min(old.revokedAt ?? Infinity, now);
      }
      this.previousStable = null;
      this.currentStable = this.issueToken('stable', now);
      return ok({ access_token: this.currentStable.value, expires_in: TOKEN_TTL_MS / 1000 });
    }

    // §1.3 normal mode: same token while valid; rotated in the last 5 minutes, the old one staying
    // valid until its own expiry, so every answer has expires_in >= 300.
    const cur = this.currentStable;
    const usable = cur !== null && (cur.revokedAt === undefined || cur.revokedAt > now);
    if (cur && usable && cur.expiresAt - now > STABLE_ROTATE_WINDOW_MS) {
      return ok({ access_token: cur.value, expires_in: Math.floor((cur.expiresAt - now) / 1000) });
    }
    this.previousStable = cur;
    this.currentStable = this.issueToken('stable', now);
    return ok({ access_token: this.currentStable.value, expires_in: TOKEN_TTL_MS / 1000 });
  }

  private getPhoneNumber(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') return err(43002);
    const denied = this.checkToken(ctx);
    if (denied) return denied;
    const parsed = this.objectBody(ctx);
    if (parsed.tag === 'error') return parsed.reply;
    const body = parsed.body;

    const code = body.code;
    const entry = nonEmptyString(code) ? this.phoneCodes.get(code) : undefined;
    if (!entry || entry.used || ctx.now - entry.issuedAt > CODE_TTL_MS) return err(40029);
    // §1.4: when openid is given WeChat checks that the code belongs to that user.
    if (nonEmptyString(body.openid) && entry.openid !== undefined && body.openid !== entry.openid) {
      return err(40029);
    }
    entry.used = true;
    const phoneNumber =
      entry.countryCode === '86' ? entry.purePhoneNumber : `+${entry.countryCode}${entry.purePhoneNumber}`;
    return ok({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber,
        purePhoneNumber: entry.purePhoneNumber,
        // §1.4: typed as string in the table (the official sample shows a number).
        countryCode: entry.countryCode,
        watermark: { timestamp: Math.floor(ctx.now / 1000), appid: this.appid },
      },
    });
  }

  private subscribeSend(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') return err(43002);
    const denied = this.checkToken(ctx);
    if (denied) return denied;
    // Injected failures come before any validation or credit use, so a failed call consumes nothing.
    if (this.sendFailureRate > 0 && Math.random() < this.sendFailureRate) return err(this.sendFailureErrcode);
    const parsed = this.objectBody(ctx);
    if (parsed.tag === 'error') return parsed.reply;
    const body = parsed.body;

    const touser = body.touser;
    if (!nonEmptyString(touser) || !OPENID_RE.test(touser)) return err(40003);
    const templateId = body.template_id;
    const template = nonEmptyString(templateId) ? this.templates.get(templateId) : undefined;
    if (!nonEmptyString(templateId) || !template) return err(40037);

    const data = body.data;
    if (!isObject(data)) return err(47003, 'argument invalid! data is empty');
    const cleanData: Record<string, { value: string }> = {};
    for (const key of Object.keys(data)) {
      if (!template.keySet.has(key)) return fieldError(key);
    }
    for (const { key, type } of template.keys) {
      const entry = data[key];
      const value = isObject(entry) ? entry.value : undefined;
      if (typeof value !== 'string' || !isValidFieldValue(type, value, template.enums[key])) return fieldError(key);
      cleanData[key] = { value };
    }

    let page: string | undefined;
    if (body.page !== undefined && body.page !== '') {
      if (typeof body.page !== 'string') return err(41030);
      page = body.page;
      if (this.pages) {
        // §2.2: page may carry a query string; only the path must exist in the released app.json.
        const q = page.indexOf('?');
        const pagePath = (q === -1 ? page : page.slice(0, q)).replace(/^\//, '');
        if (!this.pages.has(pagePath)) return err(41030);
      }
    }

    if (!this.longTermTemplates.has(templateId)) {
      const key = creditKey(touser, templateId);
      const left = this.credits.get(key) ?? 0;
      if (left <= 0) return err(43101);
      this.credits.set(key, left - 1);
    }

    const record: FakeWeChatSentMessage = { touser, template_id: templateId, data: cleanData };
    if (page !== undefined) record.page = page;
    this.sentLog.push(record);
    const deliveryKey = `${touser}\u0000${page ?? ''}`;
    this.deliveredPerKey.set(deliveryKey, (this.deliveredPerKey.get(deliveryKey) ?? 0) + 1);
    this.counterValues.sendOk++;
    return ok({ errcode: 0, errmsg: 'ok', msgid: this.sentLog.length });
  }

  private msgSecCheck(ctx: RequestContext): Reply {
    // §4.1: this API reports a wrong method as 43302.
    if (ctx.method !== 'POST') return err(43302);
    const denied = this.checkToken(ctx);
    if (denied) return denied;
    const parsed = this.objectBody(ctx);
    if (parsed.tag === 'error') return parsed.reply;
    const body = parsed.body;

    if (body.version === undefined) return err(44002, 'empty param version');
    if (body.version !== 2) return err(47001, 'data format error: version must be 2');
    if (body.openid === undefined || body.openid === '') return err(44002, 'empty param openid');
    if (typeof body.openid !== 'string' || !OPENID_RE.test(body.openid)) return err(40003);
    if (body.scene !== 1 && body.scene !== 2 && body.scene !== 3 && body.scene !== 4) return err(40129);
    if (typeof body.content !== 'string') return err(44002, 'empty param content');
    // §4.1 caps content at 2500 chars; the exact code for exceeding it is not documented (45002 per §0).
    if (codePointLength(body.content) > MSG_SEC_CHECK_MAX_CHARS) return err(45002);

    const content = body.content;
    const hit = this.riskyWords.find((w) => w.length > 0 && content.includes(w));
    const suggest = hit === undefined ? 'pass' : 'risky';
    const label = hit === undefined ? 100 : 20006;
    const detail: JsonObject[] = [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 }];
    if (hit !== undefined) detail.push({ strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit });
    return ok({ errcode: 0, errmsg: 'ok', trace_id: rid(), result: { suggest, label }, detail });
  }

  private mediaCheckAsync(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') return err(43002);
    const denied = this.checkToken(ctx);
    if (denied) return denied;
    const parsed = this.objectBody(ctx);
    if (parsed.tag === 'error') return parsed.reply;
    const body = parsed.body;
    if (typeof body.media_url !== 'string' || body.media_url === '') return err(44002, 'empty param media_url');
    // §2.2: 1 audio, 2 image; anything else is 40004.
    if (body.media_type !== 1 && body.media_type !== 2) return err(40004);
    if (body.version !== 2) return err(47001, 'data format error: version must be 2');
    if (body.openid === undefined || body.openid === '') return err(44002, 'empty param openid');
    if (typeof body.openid !== 'string' || !OPENID_RE.test(body.openid)) return err(40003);
    if (body.scene !== 1 && body.scene !== 2 && body.scene !== 3 && body.scene !== 4) return err(40129);
    const traceId = rid();
    const target = this.pushTarget;
    if (target) this.track(this.judgeAndPush(target, body.media_url, body.openid, traceId));
    return ok({ errcode: 0, errmsg: 'ok', trace_id: traceId });
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlightPushes.delete(tracked));
    this.inFlightPushes.add(tracked);
  }

  /** §2.3: download the medium, judge it, push `wxa_media_check` (errcode -1008 when the download fails). */
  private async judgeAndPush(target: FakePushTarget, mediaUrl: string, openid: string, traceId: string): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        resolve();
      }, target.delayMs ?? 20);
      this.pendingTimers.add(timer);
    });
    const media = await httpExchange('GET', mediaUrl).catch(() => null);
    const downloaded = media !== null && media.status === 200 && media.body.length > 0;
    const verdict = downloaded ? this.mediaJudge(media.body) : null;
    const event: JsonObject = {
      ToUserName: 'gh_fake_miniprogram',
      FromUserName: openid,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.appid,
      trace_id: traceId,
      version: 2,
      errcode: verdict ? 0 : -1008,
      errmsg: verdict ? 'ok' : 'download error',
      ...(verdict
        ? { result: verdict, detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.suggest === 'pass' ? 0 : 90 }] }
        : {}),
    };
    await this.push(event, target);
  }

  /**
   * Sends one event to the push target (§2.4): signed as in plaintext mode, or in safe mode encrypted with the
   * target's EncodingAESKey under msg_signature. Tests may push crafted events, or sign, encrypt and address
   * them wrongly (`token`, `appid` appended to the ciphertext, `encodingAesKey`, `plain` body in safe mode).
   */
  async push(
    event: JsonObject,
    target: FakePushTarget | null = this.pushTarget,
    sign: { timestamp?: string; nonce?: string; token?: string; appid?: string; encodingAesKey?: string; plain?: boolean } = {},
  ): Promise<FakePushRecord> {
    if (!target) throw new Error('FakeWeChatServer.push: no push target');
    const timestamp = sign.timestamp ?? String(Math.floor(this.now() / 1000));
    const nonce = sign.nonce ?? String(crypto.randomInt(1_000_000_000));
    const token = sign.token ?? target.token;
    const signature = pushSignature(token, timestamp, nonce);
    let query: Record<string, string> = { signature, timestamp, nonce };
    let sent: JsonObject = event;
    const aesKey = sign.encodingAesKey ?? target.encodingAesKey;
    if (aesKey && !sign.plain) {
      const encrypt = encryptPushMessage(JSON.stringify(event), aesKey, sign.appid ?? this.appid);
      sent = { ToUserName: 'gh_fake_miniprogram', Encrypt: encrypt };
      query = { ...query, encrypt_type: 'aes', msg_signature: safePushSignature(token, timestamp, nonce, encrypt) };
      if (typeof event.FromUserName === 'string') query.openid = event.FromUserName;
    }
    const url = `${target.url}${target.url.includes('?') ? '&' : '?'}${new URLSearchParams(query).toString()}`;
    const answer = await httpExchange('POST', url, JSON.stringify(sent)).catch((e: Error) => ({ status: 0, body: Buffer.from(e.message) }));
    const record = { event, query, sent, status: answer.status, body: answer.body.toString('utf8') };
    this.pushLog.push(record);
    return record;
  }

  private getWxaCodeUnlimit(ctx: RequestContext): Reply {
    if (ctx.method !== 'POST') return err(43002);
    const denied = this.checkToken(ctx);
    if (denied) return denied;
    // §5.1: a body that is not JSON is reported with the same 40169 as a bad scene.
    if (!ctx.jsonOk || !isObject(ctx.json)) return err(40169);
    const body = ctx.json;
    if (typeof body.scene !== 'string' || !SCENE_RE.test(body.scene)) return err(40169);
    if (body.page !== undefined && typeof body.page !== 'string') return err(40097);
    const page = typeof body.page === 'string' ? body.page : '';
    if (body.check_path !== false && this.pages && page !== '' && !this.pages.has(page)) return err(41030);
    return { kind: 'png', body: wxacodePng(body.scene, page) };
  }
}

/** §2.4: sha1 over token, timestamp and nonce sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return crypto.createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** §2.4 safe mode: msg_signature is sha1 over token, timestamp, nonce and the Encrypt field, sorted and joined. */
export function safePushSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return crypto.createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/**
 * §2.4 safe mode, as WeChat encrypts: random(16) + msg_len(4, network order) + msg + appid, PKCS#7-padded to
 * a 32-byte block, AES-256-CBC under Base64_Decode(EncodingAESKey + "=") with its first 16 bytes as IV.
 */
export function encryptPushMessage(message: string, encodingAesKey: string, appid: string): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const body = Buffer.concat([crypto.randomBytes(16), length, msg, Buffer.from(appid, 'utf8')]);
  const pad = 32 - (body.length % 32);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

function httpExchange(method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

function creditKey(openid: string, templateId: string): string {
  return `${openid}\u0000${templateId}`;
}

function fieldError(key: string): Reply {
  // §2.2: errmsg names the offending field, e.g. "argument invalid! data.phrase16.value invalid".
  return err(47003, `argument invalid! data.${key}.value invalid`);
}
