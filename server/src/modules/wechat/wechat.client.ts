import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import * as http from 'http';
import * as https from 'https';
import type { AppSettings } from '../../interface';

/** An `errcode` answer from a WeChat server API (wechat.md §0). */
export class WeChatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat ${path} errcode ${errcode}: ${errmsg}`);
    this.name = 'WeChatApiError';
  }
}

/** Network failure, timeout or a non-JSON answer: worth retrying later. */
export class WeChatTransportError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`WeChat ${path}: ${message}`);
    this.name = 'WeChatTransportError';
  }
}

export interface Code2SessionResult {
  openid: string;
  session_key: string;
  unionid?: string;
}

export interface StableTokenResult {
  access_token: string;
  expires_in: number;
}

type Json = Record<string, unknown>;

export type BinaryOrJson = { kind: 'binary'; contentType: string; data: Buffer } | { kind: 'json'; data: Json };

/**
 * The only place that speaks HTTP to WeChat. Base URL, appid and secret come
 * from config so tests point it at the fake server under test/.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WeChatClient {
  @Config('app.wechat')
  private settings!: AppSettings['wechat'];

  get configured(): boolean {
    return Boolean(this.settings.appid && this.settings.secret);
  }

  get appid(): string {
    return this.settings.appid;
  }

  code2Session(jsCode: string): Promise<Code2SessionResult> {
    return this.getJson<Code2SessionResult>('/sns/jscode2session', {
      appid: this.settings.appid,
      secret: this.settings.secret,
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
  }

  /** getStableAccessToken (wechat.md §1.3); never forced automatically. */
  stableToken(forceRefresh = false): Promise<StableTokenResult> {
    return this.postJson<StableTokenResult>('/cgi-bin/stable_token', undefined, {
      grant_type: 'client_credential',
      appid: this.settings.appid,
      secret: this.settings.secret,
      force_refresh: forceRefresh,
    });
  }

  /** POST with `access_token` in the query string, as every server API takes it. */
  postWithToken<T>(path: string, accessToken: string, body: unknown): Promise<T> {
    return this.postJson<T>(path, { access_token: accessToken }, body);
  }

  /** For APIs that answer raw bytes on success and JSON on failure (wxacode). */
  async postForBinary(path: string, accessToken: string, body: unknown): Promise<Buffer> {
    const result = await this.send('POST', path, { access_token: accessToken }, body, true);
    if (result.kind === 'binary') return result.data;
    throw this.errorFrom(path, result.data) ?? new WeChatTransportError('expected binary answer', path);
  }

  private async getJson<T>(path: string, query: Record<string, string>): Promise<T> {
    const result = await this.send('GET', path, query, undefined, false);
    return this.unwrap<T>(path, result);
  }

  private async postJson<T>(path: string, query: Record<string, string> | undefined, body: unknown): Promise<T> {
    const result = await this.send('POST', path, query, body, false);
    return this.unwrap<T>(path, result);
  }

  private unwrap<T>(path: string, result: BinaryOrJson): T {
    if (result.kind !== 'json') throw new WeChatTransportError('unexpected binary answer', path);
    const error = this.errorFrom(path, result.data);
    if (error) throw error;
    return result.data as T;
  }

  private errorFrom(path: string, data: Json): WeChatApiError | null {
    const errcode = typeof data.errcode === 'number' ? data.errcode : 0;
    if (errcode === 0) return null;
    return new WeChatApiError(errcode, String(data.errmsg ?? ''), path);
  }

  // node:http with keep-alive: Node's fetch cost about 1.4 ms of CPU per call in the push benchmark
  // (web streams, abort signals), several times this; policy pushes make tens of thousands of calls.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 512 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 512 }),
  };

  private send(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> | undefined,
    body: unknown,
    allowBinary: boolean,
  ): Promise<BinaryOrJson> {
    const url = new URL(path, this.settings.apiBase);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<BinaryOrJson>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          agent: url.protocol === 'https:' ? this.agents['https:'] : this.agents['http:'],
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : undefined,
          timeout: this.settings.timeoutMs,
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', err => reject(new WeChatTransportError(err.message, path)));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new WeChatTransportError(`HTTP ${status}`, path));
              return;
            }
            const raw = Buffer.concat(chunks);
            const contentType = String(res.headers['content-type'] ?? '');
            if (allowBinary && !contentType.includes('json') && !contentType.startsWith('text/')) {
              resolve({ kind: 'binary', contentType, data: raw });
              return;
            }
            try {
              resolve({ kind: 'json', data: JSON.parse(raw.toString('utf8')) as Json });
            } catch {
              reject(new WeChatTransportError('answer is not JSON', path));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.settings.timeoutMs} ms`)));
      req.on('error', err => reject(new WeChatTransportError(err.message, path)));
      req.end(payload);
    });
  }
}
