import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import { Framework, type Application } from '@midwayjs/koa';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { Types } from 'mongoose';
import type { Role, StaffScope } from '../../../server/src/contract/roles';
import type { StudentProfile } from '../../../server/src/contract/user';
import { Database } from '../../../server/src/core/database';
import type { AppSettings } from '../../../server/src/interface';
import { signAccessToken } from '../../../server/src/core/tokens';
import { UserModel, type UserDoc } from '../../../server/src/modules/user/user.model';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface TestApp {
  app: Application;
  http: () => ReturnType<typeof createHttpRequest>;
  db: Database;
  settings: AppSettings;
  /** Inserts a user and returns it with a valid access token. */
  user: (spec?: UserSpec) => Promise<{ doc: UserDoc; token: string; auth: string }>;
  close: () => Promise<void>;
}

export interface UserSpec {
  roles?: Role[];
  scope?: StaffScope;
  profile?: Partial<StudentProfile>;
  nickname?: string;
  openid?: string;
}

/**
 * A real app on its own database in the run's embedded MongoDB server.
 * Create one per test file in beforeAll; never one per test.
 */
export async function createTestApp(
  overrides: DeepPartial<AppSettings> = {},
  options: { dbName?: string; keepDatabase?: boolean } = {},
): Promise<TestApp> {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error('TEST_MONGODB_URI is not set: run through jest (global setup starts the database)');
  const dbName = options.dbName ?? `t_${randomBytes(6).toString('hex')}`;
  const uri = base.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const app = await createApp<Framework>(join(__dirname, '../../../server'), {
    globalConfig: {
      mongoose: { dataSource: { default: { uri } } },
      app: overrides,
    },
  });
  const db = await app.getApplicationContext().getAsync(Database);
  const settings = app.getConfig('app') as AppSettings;
  const users = db.model(UserModel);
  let counter = 0;

  return {
    app,
    db,
    settings,
    http: () => createHttpRequest(app),
    async user(spec: UserSpec = {}) {
      counter += 1;
      const doc = (
        await users.create({
          nickname: spec.nickname ?? `测试用户${counter}`,
          roles: spec.roles ?? ['student'],
          scope: spec.scope ?? {},
          profile: spec.profile ?? {},
          openid: spec.openid,
        })
      ).toObject() as UserDoc;
      const token = signAccessToken(
        { sub: doc._id.toHexString(), sid: new Types.ObjectId().toHexString(), roles: doc.roles, scope: { ...doc.scope } },
        settings.auth.tokenSecret,
        settings.auth.accessTokenTtlSeconds,
        Math.floor(Date.now() / 1000),
      );
      return { doc, token, auth: `Bearer ${token}` };
    },
    async close() {
      if (!options.keepDatabase) await db.connection.dropDatabase();
      await close(app);
    },
  };
}
