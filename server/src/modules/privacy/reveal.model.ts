import { Schema, Types } from 'mongoose';
import { REVEAL_KINDS, type RevealKind } from '../../contract/privacy';
import type { Role } from '../../contract/roles';
import { defineModel } from '../../core/database';

/**
 * One staff view of a person's full ID, phone or bank account (or their enterprise's licence), written
 * before the value is handed out. Append-only; the person reads theirs in 个人信息查看记录.
 */
export interface RevealDoc {
  _id: Types.ObjectId;
  subjectId: Types.ObjectId;
  actorId: string;
  actorRoles: Role[];
  unit: string;
  role: string;
  kind: RevealKind;
  purpose: string;
  targetType: string;
  targetId: string;
  requestId?: string;
  at: Date;
}

const schema = new Schema<RevealDoc>(
  {
    subjectId: { type: Schema.Types.ObjectId, required: true },
    actorId: { type: String, required: true },
    actorRoles: { type: [String], required: true },
    unit: { type: String, required: true },
    role: { type: String, required: true },
    kind: { type: String, enum: REVEAL_KINDS, required: true },
    purpose: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    requestId: String,
    at: { type: Date, required: true },
  },
  { collection: 'personal_data_views', versionKey: false },
);
schema.index({ subjectId: 1, at: -1, _id: -1 });

export const RevealModel = defineModel('Reveal', schema);
