import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import { SESSION_VERSION_SOURCE, type SessionVersionSource } from '../../core/session-version';
import { UserModel } from './user.model';

/** The session version is kept on the user, so a change of roles raises it in the same update. */
@Provide(SESSION_VERSION_SOURCE)
@Scope(ScopeEnum.Singleton)
export class UserSessionVersionSource implements SessionVersionSource {
  @Inject()
  private db!: Database;

  async sessionVersion(userId: string): Promise<number | null> {
    if (!/^[0-9a-f]{24}$/i.test(userId)) return null;
    const user = await this.db.model(UserModel).findById(userId, { sessionVersion: 1 }).lean();
    return user ? (user.sessionVersion ?? 0) : null;
  }
}
