import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Page } from '../../contract/common';
import { REVEAL_KIND_LABELS, type DataViewRecord, type RevealKind } from '../../contract/privacy';
import { Database } from '../../core/database';
import { keysetAfter, pageOf } from '../../core/pagination';
import type { AppSettings, AuthUser } from '../../interface';
import { RevealModel, type RevealDoc } from './reveal.model';
import { staffUnit } from './reveal.rules';

export interface RevealEntry {
  /** The people whose data is shown (users; a record without an account has nobody to tell). */
  subjectIds: ReadonlyArray<string | Types.ObjectId>;
  kind: RevealKind;
  /** Why, in words the person understands: 回电核实投诉情况. */
  purpose: string;
  targetType: string;
  targetId: string;
}

function toView(doc: RevealDoc): DataViewRecord {
  return {
    id: doc._id.toHexString(),
    at: doc.at.toISOString(),
    unit: doc.unit,
    role: doc.role,
    kind: doc.kind,
    kindLabel: REVEAL_KIND_LABELS[doc.kind],
    purpose: doc.purpose,
  };
}

/** Who saw my data (PIPL art. 45 right to know): every staff reveal, recorded before the value leaves. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RevealLogService {
  @Inject()
  private db!: Database;

  @Config('app.auth')
  private auth!: AppSettings['auth'];

  /** Written before the caller returns the value: if this fails, nothing is revealed. */
  async record(actor: AuthUser, entry: RevealEntry, requestId?: string): Promise<void> {
    const subjects = [...new Set(entry.subjectIds.map(id => id.toString()))].filter(id => Types.ObjectId.isValid(id));
    if (subjects.length === 0) return;
    const { unit, role } = staffUnit(actor.roles, actor.scope);
    const at = new Date();
    await this.db.model(RevealModel).insertMany(
      subjects.map(subjectId => ({
        subjectId: new Types.ObjectId(subjectId),
        actorId: actor.id,
        actorRoles: actor.roles,
        unit,
        role,
        kind: entry.kind,
        purpose: entry.purpose,
        targetType: entry.targetType,
        targetId: entry.targetId,
        requestId,
        at,
      })),
    );
  }

  async mine(userId: string, limit: number, cursor?: string): Promise<Page<DataViewRecord>> {
    const filter = { subjectId: new Types.ObjectId(userId), ...(cursor ? keysetAfter('at', cursor, this.auth.tokenSecret) : {}) };
    const docs = await this.db.model(RevealModel).find(filter).sort({ at: -1, _id: -1 }).limit(limit + 1).lean<RevealDoc[]>();
    return pageOf(docs, limit, toView, 'at', this.auth.tokenSecret);
  }
}
