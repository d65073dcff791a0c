import { Config, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { ILogger } from '@midwayjs/logger';
import { createHmac } from 'crypto';
import { Types } from 'mongoose';
import type { DevUser, LoginResult, TokenPair } from '../../contract/auth';
import { Database } from '../../core/database';
import { BizError } from '../../core/errors';
import type { AppSettings, AuthUser } from '../../interface';
import { WeChatApiError, WeChatService } from '../wechat/wechat.service';
import { SessionModel } from './auth.model';
import { signAccessToken } from '../../core/tokens';
import { RateLimits } from '../../core/rate-limit';
import { UserService, type TokenSubject } from '../user/user.service';
import {
  hashRefreshSecret,
  judgeRefresh,
  newRefreshSecret,
  newSessionId,
  parseRefreshToken,
  USED_HASHES_KEPT,
} from './auth.rules';

type SessionKey = string | Types.ObjectId;

/** Sessions from before random ids are keyed by their ObjectId. */
function sessionKey(sessionId: string): SessionKey {
  return /^[0-9a-f]{24}$/.test(sessionId) ? new Types.ObjectId(sessionId) : sessionId;
}

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
  private wechat!: WeChatService;

  @Inject()
  private userService!: UserService;

  @Inject()
  private limits!: RateLimits;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Config('app.devLogin')
  private devLoginEnabled!: boolean;

  @Logger()
  private logger!: ILogger;

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
    await this.limits.consume('login', 'user', session.openid);
    const { user, isNew } = await this.userService.signInWeChatUser(session.openid, session.unionid, session.session_key);
    return { ...(await this.startSession(user, 'weapp')), userId: user._id.toHexString(), roles: user.roles, isNewUser: isNew };
  }

  async devUsers(): Promise<DevUser[]> {
    this.assertDevLogin();
    const docs = await this.userService.demoLoginAccounts();
    return docs.map(u => ({
      id: u._id.toHexString(),
      nickname: u.nickname,
      roles: u.roles,
      description: u.devDescription ?? '',
    }));
  }

  async devLogin(userId: string): Promise<LoginResult> {
    this.assertDevLogin();
    await this.limits.consume('demoLogin', 'user', userId);
    const user = await this.userService.signInDemoAccount(userId);
    if (!user) throw new BizError('NOT_FOUND', '体验账号不存在', 'userId');
    return { ...(await this.startSession(user, 'h5')), userId: user._id.toHexString(), roles: user.roles, isNewUser: false };
  }

  /**
   * Nothing changes until the presented secret is shown to be this session's (constant-time
   * comparison of hashes): a wrong secret is refused and leaves the session alone, a real but
   * rotated-out one (a copy in someone else's hands) ends the session and the user's access tokens.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new BizError('REFRESH_TOKEN_INVALID', undefined, 'refreshToken');
    await this.limits.consume('refresh', 'user', parsed.sessionId);
    const id = sessionKey(parsed.sessionId);
    const now = new Date();
    const session = await this.sessions.findById(id).lean();
    if (!session || session.revokedAt || session.expiresAt <= now) throw new BizError('REFRESH_TOKEN_INVALID');
    const presented = hashRefreshSecret(parsed.secret);
    const nextSecret = this.rotatedSecret(parsed.sessionId, parsed.secret);
    const nextHash = hashRefreshSecret(nextSecret);
    const verdict = judgeRefresh(session, presented, nextHash, now, REFRESH_RETRY_GRACE_MS);
    if (verdict === 'unknown') throw new BizError('REFRESH_TOKEN_INVALID');
    if (verdict === 'reuse') {
      await this.endSession(id, session.userId, 'reuse', now);
      this.logger.warn(`[auth] a rotated-out refresh token came back; session of user ${session.userId.toHexString()} ended`);
      throw new BizError('REFRESH_TOKEN_INVALID');
    }
    // Read before the rotation: a logout between the two raises the version after this read, so
    // the token signed below is already stale rather than outliving the logout.
    const user = await this.userService.tokenSubjectOf(session.userId);
    if (!user) throw new BizError('REFRESH_TOKEN_INVALID');
    if (verdict === 'current') {
      const rotated = await this.sessions.updateOne(
        { _id: id, refreshHash: presented, revokedAt: null, expiresAt: { $gt: now } },
        {
          $set: { refreshHash: nextHash, previousHash: presented, rotatedAt: now },
          $push: { usedHashes: { $each: [presented], $slice: -USED_HASHES_KEPT } },
          $inc: { rotations: 1 },
        },
      );
      // Lost a race with a concurrent refresh of the same token (which rotated it) or a logout.
      if (rotated.modifiedCount !== 1) return this.refreshAfterRace(id, presented, nextHash, nextSecret, user);
    }
    return this.tokens(user, parsed.sessionId, nextSecret, session.expiresAt);
  }

  /** The concurrent refresh rotated with the same deterministic secret: this one is its retry. */
  private async refreshAfterRace(id: SessionKey, presented: string, nextHash: string, nextSecret: string, user: TokenSubject): Promise<TokenPair> {
    const now = new Date();
    const session = await this.sessions.findById(id).lean();
    if (!session || session.revokedAt || session.expiresAt <= now) throw new BizError('REFRESH_TOKEN_INVALID');
    if (judgeRefresh(session, presented, nextHash, now, REFRESH_RETRY_GRACE_MS) !== 'retry') throw new BizError('REFRESH_TOKEN_INVALID');
    return this.tokens(user, String(session._id), nextSecret, session.expiresAt);
  }

  async logout(caller: AuthUser): Promise<void> {
    await this.endSession(sessionKey(caller.sessionId), new Types.ObjectId(caller.id), 'logout', new Date());
  }

  /** Account deletion: every session of the user is gone (their refresh tokens with them). */
  async dropSessionsOf(userId: string): Promise<void> {
    await this.sessions.deleteMany({ userId: new Types.ObjectId(userId) });
  }

  /** Revokes the session first, then raises the version: a refresh in between signs a stale token. */
  private async endSession(id: SessionKey, userId: Types.ObjectId, reason: 'logout' | 'reuse', now: Date): Promise<void> {
    await this.sessions.updateOne({ _id: id, userId, revokedAt: null }, { $set: { revokedAt: now, revokedReason: reason } });
    await this.userService.endAccessTokens(userId.toHexString());
  }

  private assertDevLogin(): void {
    if (!this.devLoginEnabled) throw new BizError('DEV_LOGIN_DISABLED');
  }

  private async startSession(user: TokenSubject, client: string): Promise<TokenPair> {
    const secret = newRefreshSecret();
    const sessionId = newSessionId();
    const expiresAt = new Date(Date.now() + this.auth.refreshTokenTtlSeconds * 1000);
    await this.sessions.create({
      _id: sessionId,
      userId: user._id,
      refreshHash: hashRefreshSecret(secret),
      expiresAt,
      client,
    });
    return this.tokens(user, sessionId, secret, expiresAt);
  }

  private tokens(user: TokenSubject, sessionId: string, secret: string, expiresAt: Date): TokenPair {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = signAccessToken(
      { sub: user._id.toHexString(), sid: sessionId, ver: user.sessionVersion ?? 0, roles: user.roles, scope: { ...user.scope } },
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
