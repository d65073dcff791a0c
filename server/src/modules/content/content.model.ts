import { Schema, Types } from 'mongoose';
import {
  ATTACHMENT_TYPES,
  CONTENT_KINDS,
  CONTENT_TRANSITIONS,
  CONTENT_STATUSES,
  INSTITUTION_TYPES,
  type ActionNo,
  type AttachmentType,
  type Audience,
  type ContentKind,
  type ContentStatus,
  type ContentTransition,
  type InstitutionInfo,
} from '../../contract/policy';
import type { DistrictCode } from '../../contract/reference';
import { defineModel } from '../../core/database';

/** An attachment: an uploaded file (fileId, key…) or a link to another site (url). */
export interface StoredAttachment {
  name: string;
  url?: string;
  fileId?: string;
  /** Storage key (never sent to clients). */
  key?: string;
  type?: AttachmentType;
  size?: number;
  /** sha256 of the bytes: the same file uploaded twice (a retried upload) is kept once. */
  hash?: string;
  uploadedAt?: Date;
}

export interface ContentDoc {
  _id: Types.ObjectId;
  kind: ContentKind;
  title: string;
  summary: string;
  body: string;
  action?: ActionNo;
  issuer: string;
  tags: string[];
  district?: DistrictCode;
  effectiveFrom?: Date;
  expiresAt?: Date;
  attachments: StoredAttachment[];
  audience: Audience;
  institution?: InstitutionInfo;
  status: ContentStatus;
  /** 下架原因: why it was last unpublished or archived; unset when published again. */
  statusReason?: string;
  /** The last workflow step, so that a retried unpublish/archive answers as the first one did. */
  lastTransition?: { action: ContentTransition; fromVersion: number; by: string; at: Date };
  publishedAt?: Date;
  /** Stable key of demo/seeded entries, so seeding is idempotent. */
  seedKey?: string;
  /** Search keys (CJK unigrams + bigrams, latin words) of title, summary, tags and body. */
  searchKeys: string[];
  /** Bumped by every change; updates are conditional on the version the editor saw. */
  version: number;
  /** Which staff scope owns the entry (absent: city-wide, bureau only). */
  owner: { collegeId?: string; districtCode?: string };
  createdBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

const audienceSchema = new Schema<Audience>(
  {
    graduationYears: { type: [Number], default: [] },
    degrees: { type: [String], default: [] },
    inDalianCollege: Boolean,
    inProvinceOrigin: Boolean,
    doubleFirstClassOnly: { type: Boolean, default: false },
    hardshipOnly: { type: Boolean, default: false },
    districts: { type: [String], default: [] },
    majorKeywords: { type: [String], default: [] },
  },
  { _id: false },
);

const schema = new Schema<ContentDoc>(
  {
    kind: { type: String, enum: CONTENT_KINDS, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    body: { type: String, default: '' },
    action: Number,
    issuer: { type: String, default: '' },
    tags: { type: [String], default: [] },
    district: String,
    effectiveFrom: Date,
    expiresAt: Date,
    attachments: {
      type: [
        new Schema<StoredAttachment>(
          { name: String, url: String, fileId: String, key: String, type: { type: String, enum: ATTACHMENT_TYPES }, size: Number, hash: String, uploadedAt: Date },
          { _id: false },
        ),
      ],
      default: [],
    },
    audience: { type: audienceSchema, default: () => ({}) },
    institution: {
      type: new Schema<InstitutionInfo>(
        {
          type: { type: String, enum: INSTITUTION_TYPES },
          address: String,
          contact: String,
          phone: String,
          district: String,
          location: { lat: Number, lng: Number },
        },
        { _id: false },
      ),
    },
    status: { type: String, enum: CONTENT_STATUSES, default: 'draft' },
    statusReason: String,
    lastTransition: {
      type: new Schema({ action: { type: String, enum: CONTENT_TRANSITIONS }, fromVersion: Number, by: String, at: Date }, { _id: false }),
    },
    publishedAt: Date,
    seedKey: String,
    searchKeys: { type: [String], default: [], select: false },
    version: { type: Number, default: 1 },
    owner: { type: new Schema({ collegeId: String, districtCode: String }, { _id: false }), default: () => ({}) },
    createdBy: String,
  },
  { collection: 'contents', timestamps: true, versionKey: false },
);

schema.index({ status: 1, kind: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, action: 1, publishedAt: -1, _id: -1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });
schema.index({ searchKeys: 1, status: 1 });
schema.index({ 'owner.collegeId': 1, updatedAt: -1 });
schema.index({ 'owner.districtCode': 1, updatedAt: -1 });

export const ContentModel = defineModel('Content', schema);

/** A snapshot of each publication, kept for the record. */
export interface ContentVersionDoc {
  _id: Types.ObjectId;
  contentId: Types.ObjectId;
  version: number;
  snapshot: Pick<ContentDoc, 'kind' | 'title' | 'summary' | 'body' | 'action' | 'issuer' | 'tags' | 'district' | 'audience' | 'attachments'>;
  publishedBy: string;
  publishedAt: Date;
}

const versionSchema = new Schema<ContentVersionDoc>(
  {
    contentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    publishedBy: { type: String, required: true },
    publishedAt: { type: Date, required: true },
  },
  { collection: 'content_versions', versionKey: false },
);
versionSchema.index({ contentId: 1, version: 1 }, { unique: true });

export const ContentVersionModel = defineModel('ContentVersion', versionSchema);

/** A student's favourite entry. */
export interface FavouriteDoc {
  _id: Types.ObjectId;
  userId: string;
  contentId: Types.ObjectId;
  createdAt: Date;
}

const favouriteSchema = new Schema<FavouriteDoc>(
  {
    userId: { type: String, required: true },
    contentId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'content_favourites', versionKey: false },
);
favouriteSchema.index({ userId: 1, contentId: 1 }, { unique: true });
favouriteSchema.index({ userId: 1, createdAt: -1, _id: -1 });

export const FavouriteModel = defineModel('ContentFavourite', favouriteSchema);

/** Short `scene` codes for mini-program codes (wxacode scenes are ≤ 32 characters). */
export interface ShareCodeDoc {
  _id: Types.ObjectId;
  code: string;
  contentId: Types.ObjectId;
  createdAt: Date;
}

const shareCodeSchema = new Schema<ShareCodeDoc>(
  {
    code: { type: String, required: true },
    contentId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'content_share_codes', versionKey: false },
);
shareCodeSchema.index({ code: 1 }, { unique: true });
shareCodeSchema.index({ contentId: 1 }, { unique: true });

export const ShareCodeModel = defineModel('ContentShareCode', shareCodeSchema);
