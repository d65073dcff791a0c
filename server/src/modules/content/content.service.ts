import { Autoload, Config, Init, Inject, Logger, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { ILogger } from '@midwayjs/logger';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import {
  REASON_TRANSITIONS,
  type AttachmentInput,
  type AttachmentType,
  type ContentAttachment,
  type ContentDetail,
  type ContentSummary,
  type InstitutionType,
  type StaffContent,
} from '../../contract/policy';
import { SERVER_LINKED_PAGES } from '../../contract/pages';
import { Database } from '../../core/database';
import { notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings } from '../../interface';
import type { AuthUser } from '../../interface';
import { BizError } from '../../core/errors';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import type {
  ContentInputDTO,
  ContentQueryDTO,
  ContentSearchDTO,
  ContentTransitionDTO,
  ContentUpdateDTO,
  StaffContentQueryDTO,
} from './content.dto';
import { ContentModel, ContentVersionModel, FavouriteModel, ShareCodeModel, type ContentDoc, type StoredAttachment } from './content.model';
import { FileStorage } from '../../core/files/storage';
import { WeChatService } from '../wechat/wechat.service';
import { PushService } from '../notice/push.service';
import { createHash, randomBytes } from 'crypto';
import {
  EDITABLE_STATUSES,
  TRANSITIONS,
  attachmentDisplayName,
  attachmentFileName,
  audienceFit,
  forMeScore,
  highlight,
  plainText,
  queryKeys,
  relevance,
  sanitizeBody,
  searchKeys,
} from './content.rules';
import { CONTENT_SEEDS } from './content.seed';
import type { SeedCounter, SeedLog } from '../../core/demo';

export type { StaffContent } from '../../contract/policy';
export type { ContentDoc };

/** A published institution entry (training centre, incubator…), as other modules refer to it. */
export type InstitutionEntry = Pick<ContentDoc, '_id' | 'title' | 'district' | 'institution'>;

/** A demo entry another module contributes (growth's incubators): published as given, once by seed key. */
export type DemoContent = Pick<ContentDoc, 'kind' | 'title' | 'summary' | 'body' | 'issuer' | 'tags' | 'district' | 'institution' | 'publishedAt'> &
  Partial<Pick<ContentDoc, 'action' | 'effectiveFrom'>> & { seedKey: string; audience?: ContentDoc['audience'] };

const HOUR = 3600_000;
const EMPTY_AUDIENCE: ContentDoc['audience'] = {
  graduationYears: [],
  degrees: [],
  districts: [],
  majorKeywords: [],
  doubleFirstClassOnly: false,
  hardshipOnly: false,
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Most candidates a search scores before ranking (keys narrow them first). */
const SEARCH_CANDIDATES = 400;
/** Most published entries "for me" considers (newest first). */
const FOR_ME_CANDIDATES = 500;
/** Attachments per entry (uploaded files and links together). */
export const MAX_ATTACHMENTS = 10;

@Autoload()
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

  @Inject()
  private storage!: FileStorage;

  @Inject()
  private users!: UserService;

  @Init()
  init(): void {
    this.pushes.registerPolicySource((since, limit) => this.recentPolicies(since, limit));
    // Published versions keep naming the files of their time, so they count as references too.
    this.storage.registerReferences('contents', 'content', async keys => {
      const [entries, versions] = await Promise.all([
        this.contents.find({ 'attachments.key': { $in: keys } }, { attachments: 1 }).lean(),
        this.db.model(ContentVersionModel).find({ 'snapshot.attachments.key': { $in: keys } }, { snapshot: 1 }).lean(),
      ]);
      return [...entries.flatMap(e => e.attachments), ...versions.flatMap(v => v.snapshot.attachments ?? [])].map(a => a.key ?? '');
    });
  }

  @Logger()
  private logger!: ILogger;

  private get contents() {
    return this.db.model(ContentModel);
  }

  /** Published policies and news, for the city's dashboard. */
  async countPublished(): Promise<number> {
    return this.contents.countDocuments({ status: 'published' });
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

  /** Whether a staff member's scope covers an entry (the in-memory twin of scopeFilter). */
  private covers(actor: AuthUser, doc: Pick<ContentDoc, 'owner'>): boolean {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) return true;
    if (actor.roles.includes('college') && actor.scope.collegeId) return doc.owner?.collegeId === actor.scope.collegeId;
    if (actor.roles.includes('district') && actor.scope.districtCode) return doc.owner?.districtCode === actor.scope.districtCode;
    return false;
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
    // Files are uploaded to a saved entry; a new one can only carry links.
    const attachments = mergeAttachments([], input.attachments).attachments;
    const doc = await this.contents.create({ ...set, attachments, owner, status: 'draft', version: 1, createdBy: actor.id });
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

  /**
   * Replaces the text. Uploaded files are kept, renamed or dropped as the attachment list says; the
   * list is checked against what the editor's version held (an upload bumps the version, so a stale
   * list is refused as CONTENT_STALE rather than silently dropping a new file).
   */
  async update(actor: AuthUser, id: string, input: ContentUpdateDTO, requestId?: string): Promise<StaffContent> {
    const { set, unset } = this.fields(input);
    const current = await this.contents.findOne({ _id: new Types.ObjectId(id), ...this.scopeFilter(actor) }).lean();
    if (!current) throw notFound('内容');
    if (current.version !== input.version) throw new BizError('CONTENT_STALE');
    if (!EDITABLE_STATUSES.includes(current.status)) throw new BizError('CONTENT_NOT_EDITABLE');
    const merged = mergeAttachments(current.attachments, input.attachments);
    const doc = await this.contents
      .findOneAndUpdate(
        { _id: current._id, version: input.version, status: { $in: EDITABLE_STATUSES }, ...this.scopeFilter(actor) },
        { $set: { ...set, attachments: merged.attachments }, $unset: unset, $inc: { version: 1 } },
        { new: true },
      )
      .lean();
    if (!doc) throw await this.whyNot(actor, id, input.version, EDITABLE_STATUSES, 'CONTENT_NOT_EDITABLE');
    const detail: Record<string, unknown> = { version: doc.version };
    if (merged.removed.length) detail.attachmentsRemoved = merged.removed.map(a => ({ fileId: a.fileId, name: a.name }));
    if (merged.renamed.length) detail.attachmentsRenamed = merged.renamed;
    await this.audit.record(actor, { action: 'content.update', targetType: 'content', targetId: id, from: doc.status, to: doc.status, detail }, requestId);
    // Files of an entry that was ever published stay stored: its published versions name them.
    if (!current.publishedAt) {
      for (const file of merged.removed) await this.dropFile(file);
    }
    return toStaff(doc);
  }

  private async dropFile(file: StoredAttachment): Promise<void> {
    if (!file.key) return;
    try {
      await this.storage.remove(file.key);
    } catch (err) {
      // The record no longer names the file; a leftover object only costs space.
      this.logger.warn(`[content] could not delete attachment ${file.key}: ${(err as Error).message}`);
    }
  }

  /**
   * Adds an uploaded file to an editable entry. The same bytes sent again (a retried upload) are
   * kept once; the count limit is part of the conditional update, so parallel uploads cannot pass it.
   */
  async addAttachment(
    actor: AuthUser,
    id: string,
    file: { data: Buffer; type: AttachmentType; fileName?: string },
    requestId?: string,
  ): Promise<StaffContent> {
    const _id = new Types.ObjectId(id);
    const doc = await this.contents.findOne({ _id, ...this.scopeFilter(actor) }).lean();
    if (!doc) throw notFound('内容');
    const hash = createHash('sha256').update(file.data).digest('hex');
    if (doc.attachments.some(a => a.hash === hash)) return toStaff(doc);
    if (!EDITABLE_STATUSES.includes(doc.status)) throw new BizError('CONTENT_NOT_EDITABLE');
    if (doc.attachments.length >= MAX_ATTACHMENTS) throw new BizError('CONTENT_ATTACHMENT_LIMIT');
    const key = await this.storage.put('contents', file.data, file.type === 'jpeg' ? 'jpg' : file.type);
    const stored: StoredAttachment = {
      fileId: randomBytes(8).toString('hex'),
      name: attachmentDisplayName(file.fileName),
      key,
      type: file.type,
      size: file.data.length,
      hash,
      uploadedAt: new Date(),
    };
    const updated = await this.contents
      .findOneAndUpdate(
        {
          _id,
          status: { $in: EDITABLE_STATUSES },
          'attachments.hash': { $ne: hash },
          $expr: { $lt: [{ $size: '$attachments' }, MAX_ATTACHMENTS] },
          ...this.scopeFilter(actor),
        },
        { $push: { attachments: stored }, $inc: { version: 1 } },
        { new: true },
      )
      .lean();
    if (updated) {
      await this.audit.record(
        actor,
        {
          action: 'content.attachment.add',
          targetType: 'content',
          targetId: id,
          from: updated.status,
          to: updated.status,
          detail: { version: updated.version, fileId: stored.fileId, name: stored.name, type: stored.type, size: stored.size },
        },
        requestId,
      );
      return toStaff(updated);
    }
    await this.dropFile(stored);
    const now = await this.contents.findOne({ _id, ...this.scopeFilter(actor) }).lean();
    if (!now) throw notFound('内容');
    if (now.attachments.some(a => a.hash === hash)) return toStaff(now);
    if (!EDITABLE_STATUSES.includes(now.status)) throw new BizError('CONTENT_NOT_EDITABLE');
    throw new BizError('CONTENT_ATTACHMENT_LIMIT');
  }

  /**
   * The bytes of an uploaded attachment: anyone may read those of a published entry; otherwise only
   * staff whose scope covers it. Everything else (no such entry or file, a draft for a student) is
   * the same 404, so drafts do not leak.
   */
  async attachmentFile(user: AuthUser | undefined, id: string, fileId: string): Promise<{ data: Buffer; type: AttachmentType; fileName: string }> {
    const doc = await this.contents.findById(new Types.ObjectId(id), { status: 1, owner: 1, attachments: 1 }).lean();
    const visible = doc && (doc.status === 'published' || (user !== undefined && this.covers(user, doc)));
    const file = visible ? doc.attachments.find(a => a.fileId === fileId) : undefined;
    if (!file?.key || !file.type) throw new BizError('CONTENT_ATTACHMENT_NOT_FOUND');
    try {
      return { data: await this.storage.get(file.key), type: file.type, fileName: attachmentFileName(file.name, file.type) };
    } catch (err) {
      if (err instanceof BizError && err.code === 'NOT_FOUND') throw new BizError('CONTENT_ATTACHMENT_NOT_FOUND');
      throw err;
    }
  }

  async transition(actor: AuthUser, id: string, input: ContentTransitionDTO, requestId?: string): Promise<StaffContent> {
    const rule = TRANSITIONS[input.action];
    const now = new Date();
    const needsReason = REASON_TRANSITIONS.includes(input.action);
    const reason = input.reason?.trim() ?? '';
    if (needsReason && !reason) throw new BizError('CONTENT_REASON_REQUIRED', undefined, 'reason');
    const lastTransition = { action: input.action, fromVersion: input.version, by: actor.id, at: now };
    const set = {
      status: rule.to,
      lastTransition,
      ...(input.action === 'publish' ? { publishedAt: now } : {}),
      ...(needsReason ? { statusReason: reason } : {}),
    };
    const before = await this.contents
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), version: input.version, status: { $in: rule.from }, ...this.scopeFilter(actor) },
        { $set: set, ...(input.action === 'publish' ? { $unset: { statusReason: 1 } } : {}), $inc: { version: 1 } },
        { new: false },
      )
      .lean();
    if (!before) {
      const repeat = needsReason ? await this.sameStepDone(actor, id, input.action, input.version) : undefined;
      if (repeat) return toStaff(repeat);
      throw await this.whyNot(actor, id, input.version, rule.from, 'CONTENT_BAD_TRANSITION');
    }
    const after: ContentDoc = { ...before, ...set, version: before.version + 1 };
    if (input.action === 'publish') delete after.statusReason;
    if (input.action === 'publish') {
      await this.db.model(ContentVersionModel).updateOne(
        { contentId: before._id, version: after.version },
        {
          $setOnInsert: {
            snapshot: {
              kind: before.kind, title: before.title, summary: before.summary, body: before.body, action: before.action,
              issuer: before.issuer, tags: before.tags, district: before.district, audience: before.audience,
              attachments: before.attachments,
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
      { action: `content.${input.action}`, targetType: 'content', targetId: id, from: before.status, to: rule.to, reason: reason || undefined },
      requestId,
    );
    return toStaff(after);
  }

  /** The entry, if this very step (same action, same starting version, same person) already went through and nothing changed since. */
  private async sameStepDone(actor: AuthUser, id: string, action: ContentTransitionDTO['action'], version: number): Promise<ContentDoc | undefined> {
    const doc = await this.contents.findOne({ _id: new Types.ObjectId(id), ...this.scopeFilter(actor) }).lean();
    const last = doc?.lastTransition;
    if (!doc || !last) return undefined;
    const same = last.action === action && last.fromVersion === version && last.by === actor.id && doc.version === version + 1;
    return same ? doc : undefined;
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
    const profile = (await this.users.cardOf(userId))?.profile ?? {};
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
        page: SERVER_LINKED_PAGES.policyDetail,
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
      attachments: attachmentsView(doc),
      audience: doc.audience,
    };
  }
  // ---------------------------------------------------------------- for other modules

  /** A published institution of this type, or null (a course names its training centre, a place application its incubator). */
  async publishedInstitution(id: string, type: InstitutionType): Promise<InstitutionEntry | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    return this.contents
      .findOne({ _id: new Types.ObjectId(id), kind: 'institution', status: 'published', 'institution.type': type }, { title: 1, district: 1, institution: 1 })
      .lean<InstitutionEntry>();
  }

  /** Published institutions of one type, newest first. */
  async institutions(type: InstitutionType, limit: number): Promise<ContentSummary[]> {
    const docs = await this.contents
      .find({ kind: 'institution', status: 'published', 'institution.type': type })
      .sort({ publishedAt: -1, _id: -1 })
      .limit(limit)
      .lean();
    return docs.map(toSummary);
  }

  /** Policies published since a time, for a notice sender catching up on ones it has not planned. */
  async recentPolicies(since: Date, limit: number): Promise<ContentDoc[]> {
    return this.contents.find({ status: 'published', kind: 'policy', publishedAt: { $gte: since } }).limit(limit).lean();
  }

  /** The seeded policies, oldest first (demo notices are planned for them). */
  async seededPolicies(): Promise<ContentDoc[]> {
    return this.contents.find({ seedKey: { $exists: true }, kind: 'policy', status: 'published' }).sort({ publishedAt: 1 }).lean();
  }

  /** Which of these ids are published entries (a subsidy program names the policies it implements). */
  async publishedIds(ids: readonly string[]): Promise<string[]> {
    const valid = ids.filter(id => Types.ObjectId.isValid(id)).map(id => new Types.ObjectId(id));
    if (valid.length === 0) return [];
    const docs = await this.contents.find({ _id: { $in: valid }, status: 'published' }, { _id: 1 }).lean();
    return docs.map(d => d._id.toHexString());
  }

  /** Seeded entries by seed key → id (demo subsidy programs name the policies they implement). */
  async seededIds(keys: readonly string[]): Promise<Map<string, string>> {
    const docs = await this.contents.find({ seedKey: { $in: [...keys] } }, { _id: 1, seedKey: 1 }).lean();
    return new Map(docs.flatMap(d => (d.seedKey ? [[d.seedKey, d._id.toHexString()] as const] : [])));
  }

  /** Which staff scope owns an entry; null when there is no such entry. */
  async ownerOfEntry(id: string): Promise<ContentDoc['owner'] | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.contents.findById(id, { owner: 1 }).lean();
    return doc ? doc.owner ?? {} : null;
  }

  // ---------------------------------------------------------------- demo data

  /** Seeded demo institutions by seed key (those present). */
  async seededInstitutions(keys: readonly string[]): Promise<Map<string, InstitutionEntry>> {
    const docs = await this.contents
      .find({ seedKey: { $in: [...keys] } }, { title: 1, district: 1, institution: 1, seedKey: 1 })
      .lean<Array<InstitutionEntry & { seedKey?: string }>>();
    return new Map(docs.flatMap(({ seedKey, ...entry }) => (seedKey ? [[seedKey, entry] as const] : [])));
  }

  /** Publishes a demo entry once (by seed key); an entry staff have changed since is left as it is. */
  async upsertDemo(seed: DemoContent): Promise<boolean> {
    const { seedKey, audience, ...fields } = seed;
    const res = await this.contents.updateOne(
      { seedKey },
      {
        $setOnInsert: {
          ...fields,
          audience: audience ?? EMPTY_AUDIENCE,
          attachments: [],
          status: 'published',
          version: 1,
          searchKeys: searchKeys(seed.title, seed.summary, seed.tags.join(' '), plainText(seed.body)),
        },
      },
      { upsert: true },
    );
    return res.upsertedCount > 0;
  }

  /** The plan's entries (CONTENT_SEEDS). */
  async seedDemo(now: Date, count: SeedCounter, log: SeedLog): Promise<void> {
    for (const [i, seed] of CONTENT_SEEDS.entries()) {
      const inserted = await this.upsertDemo({
        seedKey: seed.seedKey,
        kind: seed.kind,
        action: seed.action,
        title: seed.title,
        summary: seed.summary,
        body: seed.body.map(p => `<p>${escapeHtml(p)}</p>`).join(''),
        issuer: seed.issuer,
        tags: seed.tags,
        district: seed.district,
        institution: seed.institution,
        audience: {
          ...EMPTY_AUDIENCE,
          districts: seed.audience?.districts ?? [],
          inDalianCollege: seed.audience?.inDalianCollege,
          doubleFirstClassOnly: seed.audience?.doubleFirstClassOnly ?? false,
          hardshipOnly: seed.audience?.hardshipOnly ?? false,
        },
        effectiveFrom: new Date('2022-05-11T00:00:00+08:00'),
        publishedAt: new Date(now.getTime() - (i + 1) * HOUR),
      });
      count('contents', inserted);
      // Entries seeded before search keys existed get them once; API edits keep them current.
      await this.contents.updateOne(
        { seedKey: seed.seedKey, 'searchKeys.0': { $exists: false } },
        { $set: { searchKeys: searchKeys(seed.title, seed.summary, seed.tags.join(' '), seed.body.join(' ')) } },
      );
    }
    await this.contents.updateMany({ version: { $exists: false } }, { $set: { version: 1 } });
    log(`contents: ${CONTENT_SEEDS.length} from the plan`);
  }
}

/** The path an uploaded attachment is served at (under the API base). */
export function attachmentPath(contentId: string, fileId: string): string {
  return `/api/contents/${contentId}/attachments/${fileId}`;
}

function attachmentsView(doc: Pick<ContentDoc, '_id' | 'attachments'>): ContentAttachment[] {
  return doc.attachments.map(a =>
    a.fileId
      ? { name: a.name, url: attachmentPath(doc._id.toHexString(), a.fileId), fileId: a.fileId, ...(a.type ? { type: a.type } : {}), ...(a.size ? { size: a.size } : {}) }
      : { name: a.name, url: a.url ?? '' },
  );
}

/**
 * The attachment list an edit asks for, built from what is stored: uploaded files are referred to
 * by fileId (only their name may change), links are taken as sent. Unknown file ids are refused.
 */
export function mergeAttachments(
  stored: StoredAttachment[],
  input: AttachmentInput[],
): { attachments: StoredAttachment[]; removed: StoredAttachment[]; renamed: Array<{ fileId: string; from: string; to: string }> } {
  const byId = new Map(stored.filter(a => a.fileId).map(a => [a.fileId as string, a]));
  const renamed: Array<{ fileId: string; from: string; to: string }> = [];
  const attachments = input.map((item, i): StoredAttachment => {
    if (!item.fileId) return { name: item.name, url: item.url };
    const file = byId.get(item.fileId);
    if (!file) throw new BizError('CONTENT_ATTACHMENT_UNKNOWN', undefined, `attachments.${i}.fileId`);
    if (file.name !== item.name) renamed.push({ fileId: item.fileId, from: file.name, to: item.name });
    return { ...file, name: item.name };
  });
  const kept = new Set(input.map(a => a.fileId).filter(Boolean));
  return { attachments, removed: stored.filter(a => a.fileId && !kept.has(a.fileId)), renamed };
}

function toStaff(doc: ContentDoc): StaffContent {
  return {
    ...toSummary(doc),
    body: doc.body,
    attachments: attachmentsView(doc),
    audience: doc.audience,
    status: doc.status,
    version: doc.version ?? 1,
    updatedAt: (doc.updatedAt ?? doc.createdAt).toISOString(),
    ...(doc.statusReason ? { statusReason: doc.statusReason } : {}),
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
