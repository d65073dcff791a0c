import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { ContentDetail, ContentSummary, StaffContent } from '../../contract/policy';
import { Database } from '../../core/database';
import { notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings } from '../../interface';
import type { AuthUser } from '../../interface';
import { BizError } from '../../core/errors';
import { AuditService } from '../audit/audit.service';
import { UserModel } from '../user/user.model';
import type {
  ContentInputDTO,
  ContentQueryDTO,
  ContentSearchDTO,
  ContentTransitionDTO,
  ContentUpdateDTO,
  StaffContentQueryDTO,
} from './content.dto';
import { ContentModel, ContentVersionModel, FavouriteModel, ShareCodeModel, type ContentDoc } from './content.model';
import { WeChatService } from '../wechat/wechat.service';
import { PushService } from '../notification/push.service';
import { POLICY_DETAIL_PAGE } from '../notification/push.rules';
import { randomBytes } from 'crypto';
import {
  EDITABLE_STATUSES,
  TRANSITIONS,
  audienceFit,
  forMeScore,
  highlight,
  plainText,
  queryKeys,
  relevance,
  sanitizeBody,
  searchKeys,
} from './content.rules';

export type { StaffContent } from '../../contract/policy';

/** Most candidates a search scores before ranking (keys narrow them first). */
const SEARCH_CANDIDATES = 400;
/** Most published entries "for me" considers (newest first). */
const FOR_ME_CANDIDATES = 500;

@Provide()
@Scope(ScopeEnum.Singleton)
export class ContentService {
  @Inject()
  private db!: Database;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  @Inject()
  private audit!: AuditService;

  @Inject()
  private wechat!: WeChatService;

  @Inject()
  private pushes!: PushService;

  private get contents() {
    return this.db.model(ContentModel);
  }

  // ---------------------------------------------------------------- staff

  /** The entries a staff member may manage: bureau/admin all, college/district their own scope. */
  private scopeFilter(actor: AuthUser): FilterQuery<ContentDoc> {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return {};
    if (actor.roles.includes('college') && actor.scope.collegeId) return { 'owner.collegeId': actor.scope.collegeId };
    if (actor.roles.includes('district') && actor.scope.districtCode) return { 'owner.districtCode': actor.scope.districtCode };
    throw new BizError('CONTENT_OUT_OF_SCOPE');
  }

  private ownerOf(actor: AuthUser): ContentDoc['owner'] {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return {};
    if (actor.roles.includes('college') && actor.scope.collegeId) return { collegeId: actor.scope.collegeId };
    if (actor.roles.includes('district') && actor.scope.districtCode) return { districtCode: actor.scope.districtCode };
    throw new BizError('CONTENT_OUT_OF_SCOPE');
  }

  private fields(input: ContentInputDTO) {
    const body = sanitizeBody(input.body);
    return {
      set: {
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        body,
        issuer: input.issuer,
        tags: input.tags,
        attachments: input.attachments,
        audience: input.audience,
        searchKeys: searchKeys(input.title, input.summary, input.tags.join(' '), plainText(body)),
        ...(input.action !== undefined ? { action: input.action } : {}),
        ...(input.district !== undefined ? { district: input.district } : {}),
        ...(input.effectiveFrom !== undefined ? { effectiveFrom: input.effectiveFrom } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
        ...(input.institution !== undefined ? { institution: input.institution } : {}),
      },
      unset: {
        ...(input.action === undefined ? { action: 1 } : {}),
        ...(input.district === undefined ? { district: 1 } : {}),
        ...(input.effectiveFrom === undefined ? { effectiveFrom: 1 } : {}),
        ...(input.expiresAt === undefined ? { expiresAt: 1 } : {}),
        ...(input.institution === undefined ? { institution: 1 } : {}),
      },
    };
  }

  async create(actor: AuthUser, input: ContentInputDTO, requestId?: string): Promise<StaffContent> {
    const owner = this.ownerOf(actor);
    const { set } = this.fields(input);
    const doc = await this.contents.create({ ...set, owner, status: 'draft', version: 1, createdBy: actor.id });
    await this.audit.record(actor, { action: 'content.create', targetType: 'content', targetId: doc._id.toHexString(), to: 'draft' }, requestId);
    return toStaff(doc.toObject());
  }

  async staffList(actor: AuthUser, query: StaffContentQueryDTO): Promise<Page<StaffContent>> {
    const filter: FilterQuery<ContentDoc> = { ...this.scopeFilter(actor) };
    if (query.status) filter.status = query.status;
    if (query.kind) filter.kind = query.kind;
    if (query.cursor) filter.$and = [keysetAfter('updatedAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.contents.find(filter).sort({ updatedAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    return pageOf(docs, query.limit, d => toStaff(d), 'updatedAt', this.auth.tokenSecret);
  }

  async staffGet(actor: AuthUser, id: string): Promise<StaffContent> {
    const doc = await this.contents.findOne({ _id: new Types.ObjectId(id), ...this.scopeFilter(actor) }).lean();
    if (!doc) throw notFound('内容');
    return toStaff(doc);
  }

  /** Explains why a conditional update matched nothing: missing/out of scope, stale, or wrong status. */
  private async whyNot(actor: AuthUser, id: string, version: number, allowed: readonly string[], wrongStatus: 'CONTENT_NOT_EDITABLE' | 'CONTENT_BAD_TRANSITION'): Promise<BizError> {
    const doc = await this.contents.findOne({ _id: new Types.ObjectId(id), ...this.scopeFilter(actor) }).lean();
    if (!doc) return notFound('内容');
    if (doc.version !== version) return new BizError('CONTENT_STALE');
    if (!allowed.includes(doc.status)) return new BizError(wrongStatus);
    return new BizError('CONFLICT');
  }

  async update(actor: AuthUser, id: string, input: ContentUpdateDTO, requestId?: string): Promise<StaffContent> {
    const { set, unset } = this.fields(input);
    const doc = await this.contents
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), version: input.version, status: { $in: EDITABLE_STATUSES }, ...this.scopeFilter(actor) },
        { $set: set, $unset: unset, $inc: { version: 1 } },
        { new: true },
      )
      .lean();
    if (!doc) throw await this.whyNot(actor, id, input.version, EDITABLE_STATUSES, 'CONTENT_NOT_EDITABLE');
    await this.audit.record(actor, { action: 'content.update', targetType: 'content', targetId: id, from: doc.status, to: doc.status, detail: { version: doc.version } }, requestId);
    return toStaff(doc);
  }

  async transition(actor: AuthUser, id: string, input: ContentTransitionDTO, requestId?: string): Promise<StaffContent> {
    const rule = TRANSITIONS[input.action];
    const now = new Date();
    const before = await this.contents
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), version: input.version, status: { $in: rule.from }, ...this.scopeFilter(actor) },
        { $set: { status: rule.to, ...(input.action === 'publish' ? { publishedAt: now } : {}) }, $inc: { version: 1 } },
        { new: false },
      )
      .lean();
    if (!before) throw await this.whyNot(actor, id, input.version, rule.from, 'CONTENT_BAD_TRANSITION');
    const after = { ...before, status: rule.to, version: before.version + 1, ...(input.action === 'publish' ? { publishedAt: now } : {}) };
    if (input.action === 'publish') {
      await this.db.model(ContentVersionModel).updateOne(
        { contentId: before._id, version: after.version },
        {
          $setOnInsert: {
            snapshot: {
              kind: before.kind, title: before.title, summary: before.summary, body: before.body, action: before.action,
              issuer: before.issuer, tags: before.tags, district: before.district, audience: before.audience,
            },
            publishedBy: actor.id,
            publishedAt: now,
          },
        },
        { upsert: true },
      );
      await this.pushes.planAfterPublish({ ...after, publishedAt: now }, after.version, actor.id);
    }
    await this.audit.record(
      actor,
      { action: `content.${input.action}`, targetType: 'content', targetId: id, from: before.status, to: rule.to, reason: input.reason || undefined },
      requestId,
    );
    return toStaff(after);
  }

  async versions(actor: AuthUser, id: string): Promise<Array<{ version: number; title: string; publishedAt: string; publishedBy: string }>> {
    await this.staffGet(actor, id);
    const rows = await this.db.model(ContentVersionModel).find({ contentId: new Types.ObjectId(id) }).sort({ version: -1 }).limit(100).lean();
    return rows.map(r => ({ version: r.version, title: r.snapshot.title, publishedAt: r.publishedAt.toISOString(), publishedBy: r.publishedBy }));
  }

  // ---------------------------------------------------------------- students

  async search(query: ContentSearchDTO): Promise<ContentSummary[]> {
    const keys = queryKeys(query.q);
    if (keys.length === 0) throw new BizError('CONTENT_QUERY_EMPTY', undefined, 'q');
    const filter: FilterQuery<ContentDoc> = { status: 'published', searchKeys: { $all: keys } };
    if (query.kind) filter.kind = query.kind;
    const docs = await this.contents.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(SEARCH_CANDIDATES).lean();
    return docs
      .map(d => ({ d, score: relevance(d, query.q) }))
      .filter(x => x.score > 0)
      .sort((a, b) => b.score - a.score || (b.d.publishedAt?.getTime() ?? 0) - (a.d.publishedAt?.getTime() ?? 0))
      .slice(0, query.limit)
      .map(({ d }) => {
        const source = [d.summary, plainText(d.body)].find(t => relevance({ title: '', summary: t, tags: [], body: '' }, query.q) > 0) ?? d.summary;
        return { ...toSummary(d), highlight: highlight(source, query.q) };
      });
  }

  async forMe(userId: string, limit: number): Promise<Array<ContentSummary & { fit: number }>> {
    const user = await this.db.model(UserModel).findById(userId).lean();
    const profile = user?.profile ?? {};
    const now = new Date();
    const docs = await this.contents
      .find({ status: 'published', kind: 'policy' })
      .sort({ publishedAt: -1, _id: -1 })
      .limit(FOR_ME_CANDIDATES)
      .lean();
    return docs
      .filter(d => !d.expiresAt || d.expiresAt > now)
      .map(d => ({ d, fit: audienceFit(d.audience, profile) }))
      .filter(x => x.fit.matches)
      .map(x => ({ ...x, score: forMeScore(x.fit, x.d.publishedAt ?? x.d.createdAt, now) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(x => ({ ...toSummary(x.d), fit: x.fit.specificity }));
  }

  /** The short scene of an entry (`p=` + 8 characters), created once and looked up afterwards. */
  async sceneOf(id: string): Promise<string> {
    const contentId = new Types.ObjectId(id);
    const codes = this.db.model(ShareCodeModel);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const found = await codes.findOne({ contentId }).lean();
      if (found) return `p=${found.code}`;
      try {
        await codes.create({ code: randomBytes(6).toString('base64url'), contentId });
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
    }
    throw new BizError('CONFLICT');
  }

  /** Mini-program code (PNG) opening the entry's detail page. */
  async shareCode(id: string): Promise<Buffer> {
    const exists = await this.contents.exists({ _id: new Types.ObjectId(id), status: 'published' });
    if (!exists) throw notFound('内容');
    if (!this.wechat.configured) throw new BizError('WECHAT_NOT_CONFIGURED');
    const scene = await this.sceneOf(id);
    try {
      return await this.wechat.callBinary('/wxa/getwxacodeunlimit', {
        scene,
        page: POLICY_DETAIL_PAGE,
        check_path: false,
        width: 430,
      });
    } catch (err) {
      if (err instanceof BizError) throw err;
      throw new BizError('WECHAT_UNAVAILABLE');
    }
  }

  /** The entry a scanned scene points to. */
  async resolveScene(scene: string): Promise<{ id: string }> {
    const m = /^p=([A-Za-z0-9_-]{8})$/.exec(scene);
    const found = m ? await this.db.model(ShareCodeModel).findOne({ code: m[1] }).lean() : null;
    if (!found) throw notFound('分享码');
    return { id: found.contentId.toHexString() };
  }

  async favourite(userId: string, id: string): Promise<{ favourite: true }> {
    const exists = await this.contents.exists({ _id: new Types.ObjectId(id), status: 'published' });
    if (!exists) throw notFound('内容');
    await this.db.model(FavouriteModel).updateOne(
      { userId, contentId: new Types.ObjectId(id) },
      { $setOnInsert: { createdAt: new Date() } },
      { upsert: true },
    );
    return { favourite: true };
  }

  async unfavourite(userId: string, id: string): Promise<{ favourite: false }> {
    await this.db.model(FavouriteModel).deleteOne({ userId, contentId: new Types.ObjectId(id) });
    return { favourite: false };
  }

  async favourites(userId: string): Promise<ContentSummary[]> {
    const favs = await this.db.model(FavouriteModel).find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(200).lean();
    if (favs.length === 0) return [];
    const docs = await this.contents.find({ _id: { $in: favs.map(f => f.contentId) }, status: 'published' }).lean();
    const byId = new Map(docs.map(d => [d._id.toHexString(), d]));
    return favs.flatMap(f => {
      const d = byId.get(f.contentId.toHexString());
      return d ? [toSummary(d)] : [];
    });
  }

  async listPublished(query: ContentQueryDTO): Promise<Page<ContentSummary>> {
    const filter: FilterQuery<ContentDoc> = { status: 'published' };
    if (query.kind) filter.kind = query.kind;
    if (query.action) filter.action = query.action;
    if (query.district) filter.district = query.district;
    if (query.tag) filter.tags = query.tag;
    if (query.cursor) filter.$and = [keysetAfter('publishedAt', query.cursor, this.auth.tokenSecret)];
    const docs = await this.contents
      .find(filter)
      .sort({ publishedAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean();
    return pageOf(docs, query.limit, d => toSummary(d), 'publishedAt', this.auth.tokenSecret);
  }

  async getPublished(id: string): Promise<ContentDetail> {
    const doc = await this.contents.findOne({ _id: new Types.ObjectId(id), status: 'published' }).lean();
    if (!doc) throw notFound('内容');
    return {
      ...toSummary(doc),
      body: doc.body,
      attachments: doc.attachments.map(a => ({ name: a.name, url: a.url })),
      audience: doc.audience,
    };
  }
}

function toStaff(doc: ContentDoc): StaffContent {
  return {
    ...toSummary(doc),
    body: doc.body,
    attachments: doc.attachments.map(a => ({ name: a.name, url: a.url })),
    audience: doc.audience,
    status: doc.status,
    version: doc.version ?? 1,
    updatedAt: (doc.updatedAt ?? doc.createdAt).toISOString(),
  };
}

export function toSummary(doc: ContentDoc): ContentSummary {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    action: doc.action,
    issuer: doc.issuer,
    tags: doc.tags,
    district: doc.district,
    publishedAt: doc.publishedAt?.toISOString(),
    effectiveFrom: doc.effectiveFrom?.toISOString(),
    expiresAt: doc.expiresAt?.toISOString(),
    institution: doc.institution,
  };
}
