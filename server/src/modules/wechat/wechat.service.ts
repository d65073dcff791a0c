import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { WeChatApiError, WeChatClient, type Code2SessionResult } from './wechat.client';
import { WeChatTokenService } from './wechat-token.service';

export { WeChatApiError, WeChatTransportError, type Code2SessionResult } from './wechat.client';

/** errcodes meaning "your access token is stale": fetch a fresh one and retry once. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** Server APIs that need an access token; every later capability goes through here. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WeChatService {
  @Inject()
  private client!: WeChatClient;

  @Inject()
  private tokens!: WeChatTokenService;

  get configured(): boolean {
    return this.client.configured;
  }

  /** The mini-program login (jscode2session); it needs the app secret, not an access token. */
  async code2Session(jsCode: string): Promise<Code2SessionResult> {
    return this.client.code2Session(jsCode);
  }

  async call<T>(path: string, body: unknown): Promise<T> {
    return this.withToken(token => this.client.postWithToken<T>(path, token, body));
  }

  async callBinary(path: string, body: unknown): Promise<Buffer> {
    return this.withToken(token => this.client.postForBinary(path, token, body));
  }

  async getPhoneNumber(code: string, openid?: string): Promise<PhoneInfo> {
    const result = await this.call<{ phone_info: { phoneNumber: string; purePhoneNumber: string; countryCode: string | number } }>(
      '/wxa/business/getuserphonenumber',
      openid ? { code, openid } : { code },
    );
    const info = result.phone_info;
    return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode) };
  }

  private async withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.getToken();
    try {
      return await fn(token);
    } catch (err) {
      if (err instanceof WeChatApiError && TOKEN_ERRCODES.has(err.errcode)) {
        await this.tokens.invalidate(token);
        return fn(await this.tokens.getToken());
      }
      throw err;
    }
  }
}
