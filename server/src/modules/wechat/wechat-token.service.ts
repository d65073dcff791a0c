import { Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { randomUUID } from 'crypto';
import { Database } from '../../core/database';
import { WeChatClient } from './wechat.client';
import { WeChatTokenModel } from './wechat-token.model';

/** Refresh this long before expiry; WeChat rotates stable tokens 5 minutes ahead (wechat.md §1.3). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const LOCK_MS = 15_000;
const WAIT_STEP_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * The central access-token manager (中控): one token per appid shared by every
 * process through the database, refreshed by one process at a time under a
 * lease, and re-fetched (normal mode, never forced) when WeChat says
 * 40001/42001.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WeChatTokenService {
  @Inject()
  private db!: Database;

  @Inject()
  private client!: WeChatClient;

  @Logger()
  private logger!: ILogger;

  private readonly owner = randomUUID();
  private cached: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  private get tokens() {
    return this.db.model(WeChatTokenModel);
  }

  /** A token valid for at least REFRESH_MARGIN_MS, unless WeChat itself is unreachable. */
  async getToken(now = Date.now()): Promise<string> {
    if (this.cached && this.cached.expiresAt - REFRESH_MARGIN_MS > now) return this.cached.token;
    this.inflight ??= this.obtain(now).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Called when WeChat rejected `token` as invalid or expired. */
  async invalidate(token: string): Promise<void> {
    if (this.cached?.token === token) this.cached = null;
    await this.tokens.updateOne({ _id: this.client.appid, token }, { $set: { expiresAt: new Date(0) } });
  }

  private async obtain(startedAt: number): Promise<string> {
    const appid = this.client.appid;
    const deadline = Date.now() + LOCK_MS * 2;
    for (;;) {
      const now = Math.max(startedAt, Date.now());
      const doc = await this.tokens.findById(appid).lean();
      if (doc?.token && doc.expiresAt && doc.expiresAt.getTime() - REFRESH_MARGIN_MS > now) {
        this.cached = { token: doc.token, expiresAt: doc.expiresAt.getTime() };
        return doc.token;
      }
      if (await this.acquireLock(appid, now)) {
        return this.refreshUnderLock(appid);
      }
      // Another process is refreshing; a token that still works beats waiting.
      if (doc?.token && doc.expiresAt && doc.expiresAt.getTime() > now + 1000) return doc.token;
      if (Date.now() > deadline) throw new Error('timed out waiting for the WeChat access token refresh');
      await sleep(WAIT_STEP_MS);
    }
  }

  private async acquireLock(appid: string, now: number): Promise<boolean> {
    try {
      const locked = await this.tokens.findOneAndUpdate(
        { _id: appid, $or: [{ lockUntil: null }, { lockUntil: { $lt: new Date(now) } }] },
        {
          $set: { lockOwner: this.owner, lockUntil: new Date(now + LOCK_MS) },
          $setOnInsert: { token: null, expiresAt: null, refreshedAt: null, refreshCount: 0 },
        },
        { upsert: true, new: true },
      );
      return locked?.lockOwner === this.owner;
    } catch (err) {
      // Upsert racing an existing locked document: someone else holds the lease.
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  private async refreshUnderLock(appid: string): Promise<string> {
    try {
      const fresh = await this.client.stableToken(false);
      const expiresAt = new Date(Date.now() + fresh.expires_in * 1000);
      await this.tokens.updateOne(
        { _id: appid, lockOwner: this.owner },
        {
          $set: { token: fresh.access_token, expiresAt, refreshedAt: new Date(), lockOwner: null, lockUntil: null },
          $inc: { refreshCount: 1 },
        },
      );
      this.cached = { token: fresh.access_token, expiresAt: expiresAt.getTime() };
      this.logger.info(`[wechat] access token refreshed, valid ${fresh.expires_in}s`);
      return fresh.access_token;
    } catch (err) {
      await this.tokens.updateOne(
        { _id: appid, lockOwner: this.owner },
        { $set: { lockOwner: null, lockUntil: null } },
      );
      throw err;
    }
  }
}
