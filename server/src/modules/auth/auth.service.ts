import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { createHmac } from 'crypto';
import { Types } from 'mongoose';
import type { DevUser, LoginResult, TokenPair } from '../../contract/auth';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import { PiiService } from '../../core/pii';
import type { AppSettings, AuthUser } from '../../interface';
import { UserModel, type UserDoc } from '../user/user.model';
import { WeChatApiError, WeChatClient } from '../wechat/wechat.client';
import { SessionModel } from './auth.model';
import { signAccessToken } from '../../core/tokens';
import { hashRefreshSecret, newRefreshSecret, parseRefreshToken } from './auth.rules';

/** A retried refresh (lost response) within this window gets the same rotated token back. */
const REFRESH_RETRY_GRACE_MS = 60_000;

const WECHAT_LOGIN_ERRORS: Record<number, BizError['code']> = {
  40029: 'WECHAT_CODE_INVALID',
  40163: 'WECHAT_CODE_USED',
  45011: 'WECHAT_RATE_LIMITED',
  40226: 'WECHAT_USER_BLOCKED',
};

@Provide()
@Scope(ScopeEnum.Singleton)
export class AuthService {
  @Inject()
  private db!: Database;

  @Inject()
  private wechat!: WeChatClient;

  @Inject()
  private pii!: PiiService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Config('app.devLogin')
  private devLoginEnabled!: boolean;

  @Logger()
  private logger!: ILogger;

  private get users() {
    return this.db.model(UserModel);
  }

  private get sessions() {
    return this.db.model(SessionModel);
  }

  async wechatLogin(code: string): Promise<LoginResult> {
    if (!this.wechat.configured) throw new BizError('WECHAT_NOT_CONFIGURED');
    let session;
    try {
      session = await this.wechat.code2Session(code);
    } catch (err) {
      if (err instanceof WeChatApiError && WECHAT_LOGIN_ERRORS[err.errcode]) {
        throw new BizError(WECHAT_LOGIN_ERRORS[err.errcode], undefined, 'code');
      }
      this.logger.error(err);
      throw new BizError('WECHAT_UNAVAILABLE');
    }
    const { user, isNew } = await this.upsertWeChatUser(session.openid, session.unionid, session.session_key);
    return { ...(await this.startSession(user, 'weapp')), userId: user._id.toHexString(), roles: user.roles, isNewUser: isNew };
  }

  async devUsers(): Promise<DevUser[]> {
    this.assertDevLogin();
    const docs = await this.users.find({ devAccount: { $type: 'string' } }).sort({ devAccount: 1 }).lean();
    return docs.map(u => ({
      id: u._id.toHexString(),
      nickname: u.nickname,
      roles: u.roles,
      description: u.devDescription ?? '',
    }));
  }

  async devLogin(userId: string): Promise<LoginResult> {
    this.assertDevLogin();
    const user = await this.users.findOne({ _id: new Types.ObjectId(userId), devAccount: { $type: 'string' } }).lean();
    if (!user) throw new BizError('NOT_FOUND', '体验账号不存在', 'userId');
    await this.users.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
    return { ...(await this.startSession(user, 'h5')), userId: user._id.toHexString(), roles: user.roles, isNewUser: false };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new BizError('REFRESH_TOKEN_INVALID', undefined, 'refreshToken');
    const now = new Date();
    const presented = hashRefreshSecret(parsed.secret);
    const nextSecret = this.rotatedSecret(parsed.sessionId, parsed.secret);
    const sid = new Types.ObjectId(parsed.sessionId);
    const rotated = await this.sessions.findOneAndUpdate(
      { _id: sid, refreshHash: presented, revokedAt: null, expiresAt: { $gt: now } },
      { $set: { refreshHash: hashRefreshSecret(nextSecret), previousHash: presented, rotatedAt: now }, $inc: { rotations: 1 } },
      { new: true },
    );
    let session = rotated;
    if (!session) {
      const existing = await this.sessions.findById(sid);
      if (!existing || existing.revokedAt || existing.expiresAt <= now) {
        throw new BizError('REFRESH_TOKEN_INVALID');
      }
      const isRetry =
        existing.previousHash === presented &&
        existing.rotatedAt !== undefined &&
        now.getTime() - existing.rotatedAt.getTime() < REFRESH_RETRY_GRACE_MS &&
        existing.refreshHash === hashRefreshSecret(nextSecret);
      if (!isRetry) {
        // An old refresh token came back after its grace period: treat the session as stolen.
        await this.sessions.updateOne({ _id: sid, revokedAt: null }, { $set: { revokedAt: now, revokedReason: 'reuse' } });
        this.logger.warn(`[auth] refresh token reuse on session ${parsed.sessionId}; session revoked`);
        throw new BizError('REFRESH_TOKEN_INVALID');
      }
      session = existing;
    }
    const user = await this.users.findById(session.userId).lean();
    if (!user) throw new BizError('REFRESH_TOKEN_INVALID');
    return this.tokens(user, session._id.toHexString(), nextSecret, session.expiresAt);
  }

  async logout(caller: AuthUser): Promise<void> {
    await this.sessions.updateOne(
      { _id: new Types.ObjectId(caller.sessionId), revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: 'logout' } },
    );
  }

  private assertDevLogin(): void {
    if (!this.devLoginEnabled) throw new BizError('DEV_LOGIN_DISABLED');
  }

  private async upsertWeChatUser(openid: string, unionid: string | undefined, sessionKey: string) {
    const filter = unionid ? { $or: [{ unionid }, { openid }] } : { openid };
    const set: Partial<UserDoc> = { openid, lastLoginAt: new Date(), sessionKeyEnc: this.pii.seal(sessionKey).enc };
    if (unionid) set.unionid = unionid;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.users.findOneAndUpdate(
          filter,
          { $set: set, $setOnInsert: { nickname: `微信用户${openid.slice(-4)}`, roles: ['student'], profile: {} } },
          { upsert: true, new: true, includeResultMetadata: true },
        );
        const user = result.value;
        if (!user) throw new Error('upsert returned no document');
        return { user: user.toObject() as UserDoc, isNew: !result.lastErrorObject?.updatedExisting };
      } catch (err) {
        // Two first logins of one person at once: the loser of the unique index reads the winner.
        if ((err as { code?: number }).code === 11000 && attempt === 0) continue;
        throw err;
      }
    }
  }

  private async startSession(user: UserDoc, client: string): Promise<TokenPair> {
    const secret = newRefreshSecret();
    const expiresAt = new Date(Date.now() + this.auth.refreshTokenTtlSeconds * 1000);
    const session = await this.sessions.create({
      userId: user._id,
      refreshHash: hashRefreshSecret(secret),
      expiresAt,
      client,
    });
    return this.tokens(user, session._id.toHexString(), secret, expiresAt);
  }

  private tokens(user: UserDoc, sessionId: string, secret: string, expiresAt: Date): TokenPair {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signAccessToken(
      { sub: user._id.toHexString(), sid: sessionId, roles: user.roles, scope: { ...user.scope } },
      this.auth.tokenSecret,
      this.auth.accessTokenTtlSeconds,
      now,
    );
    return {
      accessToken,
      expiresIn: this.auth.accessTokenTtlSeconds,
      refreshToken: `${sessionId}.${secret}`,
      refreshExpiresIn: Math.max(0, Math.floor(expiresAt.getTime() / 1000) - now),
    };
  }

  /** Deterministic, so a retried refresh with the same old token yields the same new one. */
  private rotatedSecret(sessionId: string, oldSecret: string): string {
    return createHmac('sha256', this.auth.tokenSecret).update(`${sessionId}:${oldSecret}`).digest('base64url');
  }
}
