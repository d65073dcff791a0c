import { Autoload, Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Page } from '../../contract/common';
import {
  STORY_STATUS_LABELS,
  type DecisionInput,
  type LikeResult,
  type StoryInput,
  type StoryStatus,
  type StoryView,
} from '../../contract/growth';
import { BizError, notFound } from '../../core/errors';
import { Database } from '../../core/database';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { UserService } from '../user/user.service';
import { FileStorage } from '../../core/files/storage';
import { isDuplicateKey, personOf } from './growth.access';
import { StoryLikeModel, StoryModel, type StoryDoc } from './growth.model';
import { GrowthNotifier } from './growth.notify';
import { canMoveStory, publicName, reasonMissing, storyBannedPhrase, storyStatusesBefore } from './growth.rules';

export function toStoryView(doc: StoryDoc, likedByMe = false, audience: 'public' | 'private' = 'private'): StoryView {
  return {
    id: doc._id.toHexString(),
    title: doc.title,
    text: doc.text,
    authorName: audience === 'public' ? publicName(doc.authorName) : doc.authorName,
    schoolName: doc.schoolName,
    videoUrl: doc.videoKey ? `/api/growth/stories/${doc._id.toHexString()}/video` : undefined,
    status: doc.status,
    statusLabel: STORY_STATUS_LABELS[doc.status],
    reason: doc.reason,
    likes: doc.likes,
    likedByMe,
    createdAt: doc.createdAt.toISOString(),
    publishedAt: doc.publishedAt?.toISOString(),
  };
}

function isModerator(user: AuthUser | undefined): boolean {
  return Boolean(user && (user.roles.includes('bureau') || user.roles.includes('admin')));
}

/** Stories of graduates who stayed (action 10): short videos, moderated by the bureau, liked once per user. */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class StoryService {
  @Inject()
  private db!: Database;

  @Inject()
  private users!: UserService;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private storage!: FileStorage;

  /** Story videos are the stories' (the orphan sweep asks; @Autoload so a worker has it). */
  @Init()
  init(): void {
    this.storage.registerReferences('stories', 'growth-story', async keys =>
      (await this.db.model(StoryModel).find({ videoKey: { $in: keys } }, { videoKey: 1 }).lean()).map(d => d.videoKey ?? ''),
    );
  }

  @Inject()
  private notifier!: GrowthNotifier;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  now: () => Date = () => new Date();

  private async story(id: string): Promise<StoryDoc> {
    const doc = await this.db.model(StoryModel).findById(id).lean();
    if (!doc) throw notFound('故事');
    return doc;
  }

  private checkText(input: StoryInput): void {
    const phrase = storyBannedPhrase(input.title, input.text);
    if (phrase) throw new BizError('STORY_CONTENT_REJECTED', `内容含有不允许发布的内容“${phrase}”，请修改后再提交`, 'text');
  }

  async create(user: AuthUser, input: StoryInput): Promise<StoryView> {
    this.checkText(input);
    const me = await personOf(this.users, user.id);
    const doc = await this.db.model(StoryModel).create({
      userId: user.id,
      authorName: me.name,
      schoolName: me.schoolName,
      title: input.title,
      text: input.text,
      status: 'draft',
    });
    return toStoryView(doc.toObject());
  }

  /** The video completes a draft and sends it to moderation; a repeated upload after that is answered, not stored. */
  async attachVideo(user: AuthUser, id: string, data: Buffer): Promise<StoryView> {
    const doc = await this.story(id);
    if (doc.userId !== user.id) throw notFound('故事');
    if (doc.status !== 'draft') {
      if (doc.status === 'pending' && doc.videoKey) return toStoryView(doc);
      throw new BizError('STORY_NOT_EDITABLE');
    }
    // Storage keys take letters-only extensions; the bytes were checked to be MP4 on upload.
    const key = await this.storage.put('stories', data, 'mp4');
    const moved = await this.db
      .model(StoryModel)
      .findOneAndUpdate({ _id: doc._id, userId: user.id, status: 'draft' }, { $set: { videoKey: key, videoSize: data.length, status: 'pending' } }, { new: true })
      .lean();
    if (!moved) {
      // Another upload for the same draft won; this file is not referenced by anything.
      await this.storage.remove(key);
      return toStoryView(await this.story(id));
    }
    return toStoryView(moved);
  }

  async mine(user: AuthUser): Promise<StoryView[]> {
    const docs = await this.db.model(StoryModel).find({ userId: user.id }).sort({ createdAt: -1 }).limit(50).lean();
    return docs.map(d => toStoryView(d));
  }

  async published(viewer: AuthUser | undefined, cursor?: string, limit = 10): Promise<Page<StoryView>> {
    const filter: Record<string, unknown> = { status: 'approved' };
    if (cursor) Object.assign(filter, keysetAfter('publishedAt', cursor, this.auth.tokenSecret));
    const docs = await this.db.model(StoryModel).find(filter).sort({ publishedAt: -1, _id: -1 }).limit(limit + 1).lean();
    const liked = viewer
      ? new Set(
          (await this.db.model(StoryLikeModel).find({ userId: viewer.id, storyId: { $in: docs.map(d => d._id) } }, { storyId: 1 }).lean()).map(l =>
            l.storyId.toHexString(),
          ),
        )
      : new Set<string>();
    return pageOf(docs, limit, d => toStoryView(d, liked.has(d._id.toHexString()), 'public'), 'publishedAt', this.auth.tokenSecret);
  }

  /** Published videos are public; others only to their author and the moderators. */
  async video(viewer: AuthUser | undefined, id: string): Promise<Buffer> {
    const doc = await this.story(id);
    const allowed = doc.status === 'approved' || (viewer && (viewer.id === doc.userId || isModerator(viewer)));
    if (!allowed || !doc.videoKey) throw new BizError('STORY_NOT_PUBLISHED');
    return this.storage.get(doc.videoKey);
  }

  async like(user: AuthUser, id: string, liked: boolean): Promise<LikeResult> {
    const doc = await this.story(id);
    if (doc.status !== 'approved') throw new BizError('STORY_NOT_PUBLISHED');
    const likes = this.db.model(StoryLikeModel);
    if (liked) {
      try {
        await likes.create({ storyId: doc._id, userId: user.id });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    } else {
      await likes.deleteOne({ storyId: doc._id, userId: user.id });
    }
    // Recounted rather than incremented, so repeated or crashed requests cannot skew the figure.
    const count = await likes.countDocuments({ storyId: doc._id });
    await this.db.model(StoryModel).updateOne({ _id: doc._id }, { $set: { likes: count } });
    return { liked, likes: count };
  }

  // -------------------------------------------------------------------------
  // Moderation (bureau)
  // -------------------------------------------------------------------------

  async queue(status: StoryStatus = 'pending'): Promise<StoryView[]> {
    const docs = await this.db.model(StoryModel).find({ status }).sort({ updatedAt: -1, _id: -1 }).limit(200).lean();
    return docs.map(d => toStoryView(d));
  }

  async decide(staff: AuthUser, id: string, input: DecisionInput, requestId?: string): Promise<StoryView> {
    if (reasonMissing(input.decision, input.reason)) throw new BizError('GROWTH_REASON_REQUIRED', undefined, 'reason');
    const doc = await this.story(id);
    const to: 'approved' | 'rejected' = input.decision === 'approve' ? 'approved' : 'rejected';
    const stories = this.db.model(StoryModel);
    if (doc.status === to && doc.decidedBy === staff.id) {
      // A retried decision: its notice was written with it; tell what a dead request left.
      await this.notifier.flush(stories, doc._id);
      return toStoryView(doc);
    }
    if (!canMoveStory(doc.status, to)) throw new BizError('GROWTH_ALREADY_DECIDED');
    const reason = input.reason?.trim() || undefined;
    const set: Record<string, unknown> = { status: to, reason, decidedBy: staff.id };
    if (to === 'approved') set.publishedAt = this.now();
    const notice = this.notifier.entry([doc.userId], { type: 'story-decided', storyId: id, title: doc.title, status: to, reason });
    const moved = await stories
      .findOneAndUpdate({ _id: doc._id, status: { $in: storyStatusesBefore(to).filter(s => s === doc.status) } }, { $set: set, $push: { pendingNotices: notice } }, { new: true })
      .lean();
    if (!moved) throw new BizError('GROWTH_ALREADY_DECIDED');
    await this.audit.record(staff, { action: 'growth.story.decide', targetType: 'growthStory', targetId: id, from: doc.status, to, reason }, requestId);
    await this.notifier.flush(stories, moved._id);
    return toStoryView(moved);
  }
}
