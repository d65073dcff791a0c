import { Autoload, Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Types, type FilterQuery } from 'mongoose';
import { COLLEGES } from '../../contract/reference';
import type { Page } from '../../contract/common';
import type { DistrictCode } from '../../contract/reference';
import type { Me, RoleAssignment, StudentProfile, UserSummary } from '../../contract/user';
import { Database } from '../../core/database';
import { BizError, notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import { PiiService } from '../../core/pii';
import { Leases } from '../../core/lease';
import { SessionVersions } from '../../core/session-version';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { ConsentService } from '../privacy/consent.service';
import { WeChatApiError, WeChatService } from '../wechat/wechat.service';
import type { ProfileDTO, UserQueryDTO } from './user.dto';
import { UserModel, type UserDoc } from './user.model';
import {
  isProfileComplete,
  isValidResidentId,
  maskPhone,
  maskResidentId,
  normaliseMobile,
  normaliseResidentId,
  normaliseRoles,
  removesAdmin,
  sameRoles,
  scopeProblem,
} from './user.rules';
import { DEMO_CITY_GRADUATE_SEEDS, DEMO_NOTICE_GRADUATE_SEEDS, DEMO_USER_SEEDS, type DemoGraduateSeed } from './user.seed';
import { withResidentIdCheck } from '../../contract/resident-id';
import type { SeedCounter, SeedLog } from '../../core/demo';

export type { UserDoc };
export type { DemoGraduateSeed } from './user.seed';

/**
 * What other modules may read about a user: display facts, roles and scope, and the keyed hashes
 * they match records on. Never the sealed values or the session key.
 */
export type UserCard = Pick<UserDoc, '_id' | 'nickname' | 'roles' | 'scope' | 'profile' | 'idNumberHash' | 'phoneHash'>;

const CARD_FIELDS = { nickname: 1, roles: 1, scope: 1, profile: 1, idNumberHash: 1, phoneHash: 1 } as const;

/** What an access token is signed with: the user's roles and scope at this session version. */
export type TokenSubject = Pick<UserDoc, '_id' | 'roles' | 'scope' | 'sessionVersion'>;

/** A unit has a handful of reviewers; the cap only bounds a misconfigured role. */
const REVIEWER_NOTICE_LIMIT = 200;
const TOKEN_FIELDS = { roles: 1, scope: 1, sessionVersion: 1 } as const;

type UserId = string | Types.ObjectId;

function objectIds(ids: readonly UserId[]): Types.ObjectId[] {
  const out = new Map<string, Types.ObjectId>();
  for (const id of ids) {
    if (typeof id !== 'string') out.set(id.toHexString(), id);
    else if (Types.ObjectId.isValid(id)) out.set(id, new Types.ObjectId(id));
  }
  return [...out.values()];
}

const PROFILE_TOPIC = 'user-profile';

@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class UserService {
  @Inject()
  private db!: Database;

  @Inject()
  private consents!: ConsentService;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private versions!: SessionVersions;

  @Inject()
  private leases!: Leases;

  @Inject()
  private wechat!: WeChatService;

  @Inject()
  private audit!: AuditService;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Inject()
  private invalidation!: CacheInvalidation;

  /** Called with the user's id after a profile change here, and with undefined after one elsewhere (over Redis). */
  private readonly profileListeners: Array<(userId: string | undefined) => void> = [];

  @Init()
  async init(): Promise<void> {
    await this.invalidation.listen(PROFILE_TOPIC, () => this.profileListeners.forEach(listener => listener(undefined)));
    // The profile's ID number is kept only under the 1311 consent: withdrawn, it is erased (PIPL art. 47).
    this.consents.onWithdrawn('support', userId => this.eraseIdNumber(userId));
  }

  /** Removes the profile's sealed ID number and its hash; idempotent. */
  async eraseIdNumber(userId: string): Promise<void> {
    const done = await this.users.updateOne({ _id: new Types.ObjectId(userId), idNumberEnc: { $exists: true } }, { $unset: { idNumberEnc: 1, idNumberHash: 1 } });
    if (done.modifiedCount) {
      this.profileListeners.forEach(listener => listener(userId));
      this.invalidation.announce(PROFILE_TOPIC);
    }
  }

  /**
   * For caches of profiles in other modules (recommendations): told of a change in this process at
   * once (with the user's id), and of a change in another process when REDIS_URL is set (undefined).
   */
  onProfileChange(listener: (userId: string | undefined) => void): void {
    this.profileListeners.push(listener);
  }

  private get users() {
    return this.db.model(UserModel);
  }

  async findById(id: string): Promise<UserDoc | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.users.findById(id).lean();
  }

  // ---------------------------------------------------------------- sign-in (auth)

  /** The user a token is signed for; null when the account is gone. */
  async tokenSubjectOf(id: UserId): Promise<TokenSubject | null> {
    const [_id] = objectIds([id]);
    return _id ? this.users.findById(_id, TOKEN_FIELDS).lean<TokenSubject>() : null;
  }

  /** The seeded accounts offered by the h5 build's 体验账号 login, by account key. */
  async demoLoginAccounts(): Promise<Array<Pick<UserDoc, '_id' | 'nickname' | 'roles' | 'devDescription'>>> {
    return this.users
      .find({ devAccount: { $type: 'string' } }, { nickname: 1, roles: 1, devDescription: 1 })
      .sort({ devAccount: 1 })
      .lean<Array<Pick<UserDoc, '_id' | 'nickname' | 'roles' | 'devDescription'>>>();
  }

  /** A demo account signing in, with its login time stamped; null when the id is not a demo account. */
  async signInDemoAccount(id: string): Promise<TokenSubject | null> {
    const [_id] = objectIds([id]);
    if (!_id) return null;
    return this.users
      .findOneAndUpdate({ _id, devAccount: { $type: 'string' } }, { $set: { lastLoginAt: new Date() } }, { new: true, projection: TOKEN_FIELDS })
      .lean<TokenSubject>();
  }

  /**
   * The account of a WeChat user signing in: matched by unionid or openid, created as a student on
   * first login, with the session key stored sealed.
   */
  async signInWeChatUser(openid: string, unionid: string | undefined, sessionKey: string): Promise<{ user: TokenSubject; isNew: boolean }> {
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
        return { user: user.toObject(), isNew: !result.lastErrorObject?.updatedExisting };
      } catch (err) {
        // Two first logins of one person at once: the loser of the unique index reads the winner.
        if ((err as { code?: number }).code === 11000 && attempt === 0) continue;
        throw err;
      }
    }
  }

  // ---------------------------------------------------------------- for other modules

  /** One user's card; null for an unknown or malformed id. */
  async cardOf(id: UserId): Promise<UserCard | null> {
    const [_id] = objectIds([id]);
    return _id ? this.users.findById(_id, CARD_FIELDS).lean<UserCard>() : null;
  }

  /** Cards of many users, by hex id; unknown ids are absent. */
  async cardsOf(ids: readonly UserId[]): Promise<Map<string, UserCard>> {
    const valid = objectIds(ids);
    const docs = valid.length ? await this.users.find({ _id: { $in: valid } }, CARD_FIELDS).lean<UserCard[]>() : [];
    return new Map(docs.map(d => [d._id.toHexString(), d]));
  }

  /**
   * Staff who can be given work: the bureau, or district staff of one district (of any district
   * with one set, when none is given). Oldest accounts first.
   */
  async staffOf(role: 'bureau' | 'district', limit: number, districtCode?: DistrictCode): Promise<UserCard[]> {
    const filter: FilterQuery<UserDoc> =
      role === 'bureau' ? { roles: 'bureau' } : { roles: 'district', 'scope.districtCode': districtCode ?? { $exists: true } };
    return this.users.find(filter, CARD_FIELDS).sort({ _id: 1 }).limit(limit).lean<UserCard[]>();
  }

  /** Staff reviewing within one college or district (the bureau: all of it), for notices; none when the place is unknown. */
  async reviewerIdsOf(role: 'college' | 'district' | 'bureau', place: { collegeId?: string; districtCode?: string }): Promise<Types.ObjectId[]> {
    let filter: FilterQuery<UserDoc>;
    if (role === 'bureau') filter = { roles: 'bureau' };
    else if (role === 'college' && place.collegeId) filter = { roles: 'college', 'scope.collegeId': place.collegeId };
    else if (role === 'district' && place.districtCode) filter = { roles: 'district', 'scope.districtCode': place.districtCode };
    else return [];
    const staff = await this.users.find(filter, { _id: 1 }).sort({ _id: 1 }).limit(REVIEWER_NOTICE_LIMIT).lean();
    return staff.map(s => s._id);
  }

  /** The student's profile when it has everything an application needs; null otherwise. */
  async completeProfileOf(id: UserId): Promise<Partial<StudentProfile> | null> {
    const card = await this.cardOf(id);
    return card?.profile && isProfileComplete(card.profile) ? card.profile : null;
  }

  /** WeChat openids by hex user id, for users who have one. */
  async openidsOf(ids: readonly UserId[]): Promise<Map<string, string>> {
    const valid = objectIds(ids);
    if (!valid.length) return new Map();
    const docs = await this.users.find({ _id: { $in: valid }, openid: { $exists: true } }, { openid: 1 }).lean();
    return new Map(docs.flatMap(d => (d.openid ? [[d._id.toHexString(), d.openid] as const] : [])));
  }

  async openidOf(id: UserId): Promise<string | undefined> {
    return (await this.openidsOf([id])).values().next().value;
  }

  /**
   * Accounts a policy notice may reach, streamed in id order: the filter is the sender's prefilter on
   * profile fields; each comes with its profile (for the exact audience check) and openid.
   */
  studentsMatching(filter: FilterQuery<UserDoc>, batchSize = 2000): AsyncIterable<Pick<UserDoc, '_id' | 'profile' | 'openid'>> {
    return this.users
      .find(filter, { profile: 1, openid: 1 })
      .sort({ _id: 1 })
      .lean<Array<Pick<UserDoc, '_id' | 'profile' | 'openid'>>>()
      .cursor({ batchSize });
  }

  /** Accounts whose stored ID hash is one of these, for linking registry records to students. */
  async ownersOfIdHashes(hashes: readonly string[]): Promise<Array<{ _id: Types.ObjectId; idNumberHash: string }>> {
    if (!hashes.length) return [];
    const docs = await this.users.find({ idNumberHash: { $in: [...hashes] } }, { _id: 1, idNumberHash: 1 }).lean();
    return docs.flatMap(d => (d.idNumberHash ? [{ _id: d._id, idNumberHash: d.idNumberHash }] : []));
  }

  /** The hash of the account's phone when WeChat verified it (numbers bound before the flag count as verified). */
  async verifiedPhoneHashOf(id: UserId): Promise<string | undefined> {
    const doc = await this.users.findById(id, { phoneHash: 1, phoneEnc: 1, phoneVerified: 1 }).lean();
    return doc?.phoneEnc && doc.phoneHash && doc.phoneVerified !== false ? doc.phoneHash : undefined;
  }

  async me(userId: string): Promise<Me> {
    const user = await this.findById(userId);
    if (!user || user.deletedAt) throw new BizError('TOKEN_INVALID');
    return this.toMe(user);
  }

  async updateProfile(userId: string, input: ProfileDTO): Promise<Me> {
    const college = COLLEGES.find(c => c.id === input.collegeId);
    const profile = {
      name: input.name,
      collegeId: college?.id,
      schoolName: college?.name ?? input.schoolName,
      doubleFirstClass: college ? college.doubleFirstClass : Boolean(input.doubleFirstClass),
      degree: input.degree,
      major: input.major,
      graduationYear: input.graduationYear,
      originProvince: input.originProvince,
      originCity: input.originCity,
      intentionDistricts: input.intentionDistricts,
      intentionText: input.intentionText,
    };
    const set: Record<string, unknown> = { profile };
    if (input.idNumber) {
      const id = normaliseResidentId(input.idNumber);
      if (!isValidResidentId(id)) throw new BizError('ID_NUMBER_INVALID', undefined, 'idNumber');
      // Kept only under the separate 1311 consent, given on the profile page before the field shows.
      await this.consents.require(userId, 'support');
      const sealed = this.pii.seal(id);
      set.idNumberEnc = sealed.enc;
      set.idNumberHash = sealed.hash;
    }
    const user = await this.users.findByIdAndUpdate(userId, { $set: set }, { new: true }).lean();
    if (!user) throw new BizError('TOKEN_INVALID');
    this.profileListeners.forEach(listener => listener(userId));
    this.invalidation.announce(PROFILE_TOPIC);
    return this.toMe(user);
  }

  async bindPhone(userId: string, code: string): Promise<Me> {
    if (!this.wechat.configured) throw new BizError('WECHAT_NOT_CONFIGURED');
    const user = await this.users.findById(userId).lean();
    if (!user) throw new BizError('TOKEN_INVALID');
    let phone: string | null;
    try {
      const info = await this.wechat.getPhoneNumber(code, user.openid);
      phone = info.countryCode === '86' ? normaliseMobile(info.purePhoneNumber) : null;
    } catch (err) {
      if (err instanceof WeChatApiError && err.errcode === 40029) {
        throw new BizError('WECHAT_PHONE_CODE_INVALID', undefined, 'code');
      }
      throw new BizError('WECHAT_UNAVAILABLE');
    }
    if (!phone) throw new BizError('PHONE_INVALID', '暂仅支持中国大陆手机号', 'code');
    const sealed = this.pii.seal(phone);
    const updated = await this.users
      .findByIdAndUpdate(userId, { $set: { phoneEnc: sealed.enc, phoneHash: sealed.hash, phoneVerified: true } }, { new: true })
      .lean();
    if (!updated) throw new BizError('TOKEN_INVALID');
    return this.toMe(updated);
  }

  /**
   * A demo recruiter's phone (fictional), marked as WeChat-verified so the demo can walk the real-name
   * renewal, which needs one; an existing number is kept.
   */
  async seedDemoVerifiedPhone(userId: Types.ObjectId, phone: string): Promise<void> {
    const sealed = this.pii.seal(phone);
    await this.users.updateOne({ _id: userId, phoneEnc: { $exists: false } }, { $set: { phoneEnc: sealed.enc, phoneHash: sealed.hash, phoneVerified: true } });
  }

  /**
   * The number typed by the user when WeChat's verification cannot be used (quota exhausted, errno
   * 1400001; the user declined): kept, marked unverified. A verified number is not replaced by a typed one.
   */
  async typePhone(userId: string, typed: string): Promise<Me> {
    const phone = normaliseMobile(typed);
    if (!phone) throw new BizError('PHONE_INVALID', undefined, 'phone');
    const sealed = this.pii.seal(phone);
    const updated = await this.users
      .findOneAndUpdate({ _id: userId, phoneVerified: { $ne: true } }, { $set: { phoneEnc: sealed.enc, phoneHash: sealed.hash, phoneVerified: false } }, { new: true })
      .lean();
    if (updated) return this.toMe(updated);
    const current = await this.users.findById(userId).lean();
    if (!current) throw new BizError('TOKEN_INVALID');
    if (current.phoneHash === sealed.hash) return this.toMe(current);
    throw new BizError('PHONE_ALREADY_VERIFIED');
  }

  /** The admin list (GET: role and name) and the search by phone (POST body). */
  async list(query: Pick<UserQueryDTO, 'role' | 'q' | 'limit' | 'cursor'> & { phone?: string }): Promise<Page<UserSummary>> {
    const filter: FilterQuery<UserDoc> = {};
    if (query.role) filter.roles = query.role;
    if (query.q) {
      const escaped = query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      filter.$or = [{ nickname: { $regex: escaped } }, { 'profile.name': { $regex: escaped } }];
    }
    if (query.phone) {
      const phone = normaliseMobile(query.phone);
      if (!phone) throw new BizError('PHONE_INVALID', undefined, 'phone');
      filter.phoneHash = this.pii.hash(phone);
    }
    if (query.cursor) filter.$and = [keysetAfter('createdAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.users
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean();
    return pageOf(docs, query.limit, u => this.toSummary(u), 'createdAt', this.auth.tokenSecret);
  }

  /**
   * Sets a user's roles and scope, audited. Saving what the user already has changes nothing (a retry
   * finds its own result); the last admin keeps the role, even when two admins take it from each other at once.
   */
  async assignRoles(actor: AuthUser, userId: string, input: RoleAssignment & { reason: string }, requestId: string): Promise<UserSummary> {
    const problem = scopeProblem(input.roles, input.scope);
    if (problem) throw new BizError('VALIDATION_FAILED', problem.message, problem.field);
    const before = await this.findById(userId);
    if (!before) throw notFound('用户');
    const wanted = normaliseRoles(input.roles, input.scope);
    if (sameRoles(before, wanted)) return this.toSummary(before);
    // Removals of the admin role take turns, so two admins taking it from each other at once leave one.
    if (removesAdmin(before.roles, wanted.roles)) return this.leases.hold('user.admin-role', () => this.writeRoles(actor, before, wanted, input.reason, requestId, true));
    return this.writeRoles(actor, before, wanted, input.reason, requestId, false);
  }

  private async writeRoles(actor: AuthUser, before: UserDoc, wanted: RoleAssignment, reason: string, requestId: string, dropsAdmin: boolean): Promise<UserSummary> {
    if (dropsAdmin && !(await this.anotherAdmin(before._id))) throw new BizError('LAST_ADMIN');
    const userId = before._id.toHexString();
    const scope = { collegeId: wanted.scope.collegeId, districtCode: wanted.scope.districtCode };
    // Only over the roles this request read (no lost change between two admins); the session version in
    // the same update, so the user's tokens lose the old roles at once.
    const after = await this.users
      .findOneAndUpdate({ _id: before._id, roles: before.roles }, { $set: { roles: wanted.roles, scope }, $inc: { sessionVersion: 1 } }, { new: true })
      .lean();
    if (!after) {
      const now = await this.findById(userId);
      if (now && sameRoles(now, wanted)) return this.toSummary(now);
      throw new BizError('CONFLICT', '该用户的角色刚被他人修改，请刷新后重试');
    }
    await this.versions.changed(userId);
    await this.audit.record(
      actor,
      {
        action: 'user.roles.assign',
        targetType: 'user',
        targetId: userId,
        from: `${before.roles.join(',')} ${JSON.stringify(before.scope ?? {})}`,
        to: `${after.roles.join(',')} ${JSON.stringify(wanted.scope)}`,
        reason,
      },
      requestId,
    );
    return this.toSummary(after);
  }

  private async anotherAdmin(userId: Types.ObjectId): Promise<boolean> {
    return (await this.users.countDocuments({ roles: 'admin', _id: { $ne: userId }, deletedAt: { $exists: false } })) > 0;
  }

  /**
   * Account deletion, the last step: every identifying field goes (openid and unionid too, so a later
   * WeChat login starts a new, empty account), the document stays as a tombstone other records' ids
   * point at, and every access token stops at once. Null when the account was already deleted.
   */
  async eraseAccount(userId: string): Promise<Date | null> {
    const deletedAt = new Date();
    const done = await this.users.findOneAndUpdate(
      { _id: new Types.ObjectId(userId), deletedAt: { $exists: false } },
      {
        $set: { nickname: '已注销用户', roles: [], scope: {}, profile: {}, deletedAt },
        $unset: {
          openid: 1, unionid: 1, devAccount: 1, devDescription: 1, idNumberEnc: 1, idNumberHash: 1, phoneEnc: 1, phoneHash: 1, sessionKeyEnc: 1, lastLoginAt: 1,
        },
        $inc: { sessionVersion: 1 },
      },
      { new: true },
    );
    if (!done) return null;
    await this.versions.changed(userId);
    return deletedAt;
  }

  /** The account as its owner's copy shows it (phone and ID masked). */
  async copyOf(userId: string): Promise<Record<string, string | number | boolean | null>> {
    const me = await this.me(userId);
    return {
      昵称: me.nickname,
      角色: me.roles.join('、'),
      姓名: me.profile.name ?? null,
      学校: me.profile.schoolName ?? null,
      学历: me.profile.degree ?? null,
      专业: me.profile.major ?? null,
      毕业年份: me.profile.graduationYear ?? null,
      生源地: [me.profile.originProvince, me.profile.originCity].filter(Boolean).join('') || null,
      就业意向: me.profile.intentionText ?? null,
      手机号: me.phone ?? null,
      身份证号码: me.idNumber ?? null,
      注册时间: me.createdAt,
    };
  }

  /** Every access token the user holds stops working at once (logout, a stolen refresh token). */
  async endAccessTokens(userId: string): Promise<void> {
    await this.users.updateOne({ _id: new Types.ObjectId(userId) }, { $inc: { sessionVersion: 1 } });
    await this.versions.changed(userId);
  }

  private toMe(user: UserDoc): Me {
    return {
      id: user._id.toHexString(),
      nickname: user.nickname,
      roles: user.roles,
      scope: { ...user.scope },
      profile: { ...user.profile },
      profileComplete: isProfileComplete(user.profile),
      phone: user.phoneEnc ? maskPhone(this.pii.open(user.phoneEnc)) : undefined,
      phoneVerified: user.phoneEnc ? user.phoneVerified !== false : undefined,
      idNumber: user.idNumberEnc ? maskResidentId(this.pii.open(user.idNumberEnc)) : undefined,
      createdAt: user.createdAt.toISOString(),
    };
  }

  private toSummary(user: UserDoc): UserSummary {
    return {
      id: user._id.toHexString(),
      nickname: user.profile?.name ?? user.nickname,
      roles: user.roles,
      scope: { ...user.scope },
      phone: user.phoneEnc ? maskPhone(this.pii.open(user.phoneEnc)) : undefined,
      profileComplete: isProfileComplete(user.profile),
      createdAt: user.createdAt.toISOString(),
    };
  }

  // ---------------------------------------------------------------- demo data

  /**
   * The demo accounts (every role), inserted once by account key. Returns the recruiters and the
   * seeded enterprise each belongs to, for the enterprise module to attach.
   */
  async seedDemo(count: SeedCounter, log: SeedLog): Promise<Array<{ userId: Types.ObjectId; enterprise: string }>> {
    const recruiters: Array<{ userId: Types.ObjectId; enterprise: string }> = [];
    for (const seed of DEMO_USER_SEEDS) {
      const result = await this.users.findOneAndUpdate(
        { devAccount: seed.devAccount },
        {
          $setOnInsert: {
            devAccount: seed.devAccount,
            devDescription: seed.description,
            nickname: seed.nickname,
            roles: seed.roles,
            scope: seed.scope ?? {},
            profile: seed.profile ?? {},
          },
        },
        { upsert: true, new: true, includeResultMetadata: true },
      );
      if (seed.enterprise && result.value) recruiters.push({ userId: result.value._id, enterprise: seed.enterprise });
      count('users', !result.lastErrorObject?.updatedExisting);
    }
    log(`demo users: ${DEMO_USER_SEEDS.length} (every role)`);
    return recruiters;
  }

  /**
   * Demo graduate accounts beyond the 体验账号 of every role (the 免申即享 demo's, `npm start` only), with a
   * fictional resident ID sealed on the account as a profile save would; inserted once by account key.
   */
  async seedDemoGraduates(seeds: ReadonlyArray<DemoGraduateSeed>, count: SeedCounter): Promise<Map<string, Types.ObjectId>> {
    const ids = new Map<string, Types.ObjectId>();
    for (const seed of seeds) {
      const sealed = this.pii.seal(seed.idNumber);
      const result = await this.users.findOneAndUpdate(
        { devAccount: seed.devAccount },
        {
          $setOnInsert: {
            devAccount: seed.devAccount,
            devDescription: seed.description,
            nickname: seed.nickname,
            roles: ['student'],
            scope: {},
            profile: seed.profile,
            idNumberEnc: sealed.enc,
            idNumberHash: sealed.hash,
          },
        },
        { upsert: true, new: true, includeResultMetadata: true },
      );
      if (result.value) ids.set(seed.devAccount, result.value._id);
      count('users', !result.lastErrorObject?.updatedExisting);
    }
    return ids;
  }

  /**
   * The demo city's other graduates (no login), inserted once, kept by their resident ID's hash. Returns each
   * seed's user id and ID number by key, for the modules that give them records.
   */
  async seedDemoCityGraduates(count: SeedCounter): Promise<Map<string, { userId: Types.ObjectId; idNumber: string }>> {
    const out = new Map<string, { userId: Types.ObjectId; idNumber: string }>();
    for (const seed of [...DEMO_CITY_GRADUATE_SEEDS, ...DEMO_NOTICE_GRADUATE_SEEDS]) {
      const idNumber = withResidentIdCheck(seed.idBody);
      const sealed = this.pii.seal(idNumber);
      const result = await this.users.findOneAndUpdate(
        { idNumberHash: sealed.hash, devAccount: { $exists: false } },
        { $setOnInsert: { nickname: seed.profile.name, roles: ['student'], scope: {}, profile: seed.profile, idNumberEnc: sealed.enc, idNumberHash: sealed.hash } },
        { upsert: true, new: true, includeResultMetadata: true },
      );
      if (result.value) out.set(seed.key, { userId: result.value._id, idNumber });
      count('users', !result.lastErrorObject?.updatedExisting);
    }
    return out;
  }

  /** Cards of demo accounts by account key (those present). */
  async demoAccounts(keys: readonly string[]): Promise<Map<string, UserCard>> {
    const docs = await this.users.find({ devAccount: { $in: [...keys] } }, { ...CARD_FIELDS, devAccount: 1 }).lean<Array<UserCard & { devAccount?: string }>>();
    return new Map(docs.flatMap(({ devAccount, ...card }) => (devAccount ? [[devAccount, card] as const] : [])));
  }
}
