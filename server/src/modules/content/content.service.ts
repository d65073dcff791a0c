import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery } from 'mongoose';
import type { Page } from '../../contract/common';
import type { ContentDetail, ContentSummary } from '../../contract/policy';
import { Database } from '../../core/database';
import { notFound } from '../../core/errors';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings } from '../../interface';
import type { ContentQueryDTO } from './content.dto';
import { ContentModel, type ContentDoc } from './content.model';

@Provide()
@Scope(ScopeEnum.Singleton)
export class ContentService {
  @Inject()
  private db!: Database;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  private get contents() {
    return this.db.model(ContentModel);
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
