import { Schema, Types } from 'mongoose';
import { ROLES, type Role } from '../../contract/roles';
import type { StudentProfile } from '../../contract/user';
import { defineModel } from '../../core/database';

export interface UserDoc {
  _id: Types.ObjectId;
  openid?: string;
  unionid?: string;
  /** Key of a seeded demo account; only these can use demo-account login. */
  devAccount?: string;
  devDescription?: string;
  nickname: string;
  roles: Role[];
  scope: { collegeId?: string; districtCode?: string };
  profile: Partial<StudentProfile>;
  idNumberEnc?: string;
  idNumberHash?: string;
  phoneEnc?: string;
  phoneHash?: string;
  /** false when typed by the user rather than verified by WeChat's phone-number button. */
  phoneVerified?: boolean;
  sessionKeyEnc?: string;
  /** Raised by logout, a stolen refresh token and any change of roles or scope: older access tokens stop working. */
  sessionVersion?: number;
  lastLoginAt?: Date;
  /** Set when the account was deleted: only this tombstone remains (UserService.eraseAccount). */
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const profileSchema = new Schema<Partial<StudentProfile>>(
  {
    name: String,
    collegeId: String,
    schoolName: String,
    doubleFirstClass: Boolean,
    degree: String,
    major: String,
    graduationYear: Number,
    originProvince: String,
    originCity: String,
    intentionDistricts: { type: [String], default: undefined },
    intentionText: String,
  },
  { _id: false },
);

const schema = new Schema<UserDoc>(
  {
    openid: { type: String },
    unionid: { type: String },
    devAccount: { type: String },
    devDescription: { type: String },
    nickname: { type: String, required: true },
    roles: { type: [String], enum: ROLES, default: ['student'] },
    scope: {
      collegeId: String,
      districtCode: String,
    },
    profile: { type: profileSchema, default: {} },
    idNumberEnc: String,
    idNumberHash: String,
    phoneEnc: String,
    phoneHash: String,
    phoneVerified: Boolean,
    sessionKeyEnc: { type: String, select: false },
    sessionVersion: Number,
    lastLoginAt: Date,
    deletedAt: Date,
  },
  { collection: 'users', timestamps: true, versionKey: false },
);

schema.index({ openid: 1 }, { unique: true, sparse: true });
schema.index({ unionid: 1 }, { unique: true, sparse: true });
schema.index({ devAccount: 1 }, { unique: true, sparse: true });
schema.index({ idNumberHash: 1 });
schema.index({ phoneHash: 1 });
schema.index({ roles: 1, createdAt: -1 });

export const UserModel = defineModel('User', schema);
