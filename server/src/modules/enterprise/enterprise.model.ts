import { Schema, Types } from 'mongoose';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../../contract/job';
import type { DistrictCode } from '../../contract/reference';
import { defineModel } from '../../core/database';

export { ENTERPRISE_STATUSES, type EnterpriseStatus };

export interface EnterpriseDoc {
  _id: Types.ObjectId;
  name: string;
  /** 统一社会信用代码 (GB 32100). */
  uscc: string;
  district: DistrictCode;
  industry: string;
  size: string;
  ownership: string;
  chainTags: string[];
  category?: string;
  status: EnterpriseStatus;
  recruiterIds: Types.ObjectId[];
  rejectReason?: string;
  /** Storage key of the business-licence image, when uploaded. */
  licenceKey?: string;
  registeredBy?: Types.ObjectId;
  verifiedAt?: Date;
  /** Set while a complaint holds a freeze on the enterprise: it cannot publish, its jobs are frozen. */
  frozenAt?: Date;
  /** Set while the enterprise is on the 异常名录: it cannot publish, its jobs are held. */
  abnormalAt?: Date;
  seedKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<EnterpriseDoc>(
  {
    name: { type: String, required: true },
    uscc: { type: String, required: true },
    district: { type: String, required: true },
    industry: { type: String, default: '' },
    size: { type: String, default: '' },
    ownership: { type: String, default: '' },
    chainTags: { type: [String], default: [] },
    category: String,
    status: { type: String, enum: ENTERPRISE_STATUSES, default: 'pending' },
    recruiterIds: { type: [Schema.Types.ObjectId], default: [] },
    rejectReason: String,
    licenceKey: String,
    registeredBy: Schema.Types.ObjectId,
    verifiedAt: Date,
    frozenAt: Date,
    abnormalAt: Date,
    seedKey: String,
  },
  { collection: 'enterprises', timestamps: true, versionKey: false },
);
schema.index({ uscc: 1 }, { unique: true });
schema.index({ recruiterIds: 1 });
schema.index({ status: 1, createdAt: -1, _id: -1 });
schema.index({ seedKey: 1 }, { unique: true, sparse: true });

export const EnterpriseModel = defineModel('Enterprise', schema);
