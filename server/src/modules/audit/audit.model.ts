import { Schema, Types } from 'mongoose';
import type { Role } from '../../contract/roles';
import { defineModel } from '../../core/database';

/**
 * Append-only record of a staff decision. No route or service updates or
 * deletes these documents.
 */
export interface AuditDoc {
  _id: Types.ObjectId;
  actorId: string;
  actorRoles: Role[];
  actorScope: { collegeId?: string; districtCode?: string };
  action: string;
  targetType: string;
  targetId: string;
  from?: string;
  to?: string;
  reason?: string;
  detail?: Record<string, unknown>;
  requestId?: string;
  at: Date;
}

const schema = new Schema<AuditDoc>(
  {
    actorId: { type: String, required: true },
    actorRoles: { type: [String], required: true },
    actorScope: { collegeId: String, districtCode: String },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    from: String,
    to: String,
    reason: String,
    detail: { type: Schema.Types.Mixed },
    requestId: String,
    at: { type: Date, required: true },
  },
  { collection: 'audit_log', versionKey: false },
);
schema.index({ targetType: 1, targetId: 1, at: -1 });
schema.index({ actorId: 1, at: -1 });

export const AuditModel = defineModel('Audit', schema);
