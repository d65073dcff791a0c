import { Schema, Types } from 'mongoose';
import {
  CONTENT_KINDS,
  CONTENT_STATUSES,
  INSTITUTION_TYPES,
  type ActionNo,
  type Audience,
  type ContentKind,
  type ContentStatus,
  type InstitutionInfo,
} from '../../contract/policy';
import type { DistrictCode } from '../../contract/reference';
import { defineModel } from '../../core/database';

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
  attachments: Array<{ name: string; url: string }>;
  audience: Audience;
  institution?: InstitutionInfo;
  status: ContentStatus;
  publishedAt?: Date;
  /** Stable key of demo/seeded entries, so seeding is idempotent. */
  seedKey?: string;
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
    attachments: { type: [{ name: String, url: String, _id: false }], default: [] },
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
    publishedAt: Date,
    seedKey: String,
  },
  { collection: 'contents', timestamps: true, versionKey: false },
);

schema.index({ status: 1, kind: 1, publishedAt: -1, _id: -1 });
schema.index({ status: 1, action: 1, publishedAt: -1, _id: -1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });

export const ContentModel = defineModel('Content', schema);
