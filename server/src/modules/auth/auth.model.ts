import { Schema, Types } from 'mongoose';
import { defineModel } from '../../core/database';

/** A login session: the refresh token's hash, rotated on every use. */
export interface SessionDoc {
  /** 128 random bits, base64url (auth.rules newSessionId); an ObjectId in sessions started before. */
  _id: string | Types.ObjectId;
  userId: Types.ObjectId;
  refreshHash: string;
  previousHash?: string;
  rotatedAt?: Date;
  /** Hashes of secrets rotated out (the last USED_HASHES_KEPT): a replay of one is a theft. */
  usedHashes: string[];
  rotations: number;
  expiresAt: Date;
  revokedAt?: Date;
  revokedReason?: 'logout' | 'reuse' | 'admin';
  client: string;
  createdAt: Date;
}

const schema = new Schema<SessionDoc>(
  {
    _id: { type: Schema.Types.Mixed, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    refreshHash: { type: String, required: true },
    previousHash: String,
    rotatedAt: Date,
    usedHashes: { type: [String], default: [] },
    rotations: { type: Number, default: 0 },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    revokedReason: String,
    client: { type: String, default: 'weapp' },
  },
  { collection: 'sessions', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
schema.index({ userId: 1, createdAt: -1 });

export const SessionModel = defineModel('Session', schema);
