import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Database } from '../../core/database';
import type { AuthUser } from '../../interface';
import { AuditModel, type AuditDoc } from './audit.model';

export type AuditEntry = Pick<AuditDoc, 'action' | 'targetType' | 'targetId' | 'from' | 'to' | 'reason' | 'detail'>;

@Provide()
@Scope(ScopeEnum.Singleton)
export class AuditService {
  @Inject()
  private db!: Database;

  async record(actor: AuthUser, entry: AuditEntry, requestId?: string): Promise<void> {
    await this.db.model(AuditModel).create({
      ...entry,
      actorId: actor.id,
      actorRoles: actor.roles,
      actorScope: actor.scope,
      requestId,
      at: new Date(),
    });
  }

  async forTarget(targetType: string, targetId: string): Promise<AuditDoc[]> {
    return this.db.model(AuditModel).find({ targetType, targetId }).sort({ at: -1 }).limit(200).lean();
  }
}
