import { Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { EnterpriseInput } from '../../contract/job';
import {
  DISTRICTS,
  REFERENCE_KIND_LABELS,
  REFERENCE_KINDS,
  type EditableReferenceLists,
  type MinimumWage,
  type MinimumWageInput,
  type ReferenceItem,
  type ReferenceItemInput,
  type ReferenceItemPatch,
  type ReferenceKind,
} from '../../contract/reference';
import { CacheInvalidation } from '../../core/cache-invalidation';
import { Database } from '../../core/database';
import { BizError, invalidField, notFound } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { AuditService } from '../audit/audit.service';
import { MinimumWageModel, ReferenceItemModel, type MinimumWageDoc, type ReferenceItemDoc } from './reference.model';
import { MINIMUM_WAGE_SEED, REFERENCE_SEEDS } from './reference.seed';
import { minimumWageAt } from '../../contract/job-posting';

/**
 * Other processes see an edit over Redis within about a second when REDIS_URL is set (this one at
 * once); without Redis, or while it is unreachable, within this long.
 */
const CACHE_TTL_MS = 30_000;
const REFERENCE_TOPIC = 'reference';

export function toReferenceItem(doc: ReferenceItemDoc): ReferenceItem {
  return {
    id: doc._id.toHexString(),
    kind: doc.kind,
    value: doc.value,
    description: doc.description,
    active: doc.active,
    order: doc.order,
  };
}

/** One standard in one audit line: 2100元（瓦房店市 1900元）2025-01-01 source. */
function wageLine(doc: Pick<MinimumWageDoc, 'amount' | 'effectiveFrom' | 'source' | 'areas'>): string {
  const tiers = (doc.areas ?? []).map(a => `${DISTRICTS.find(d => d.code === a.district)?.name ?? a.district} ${a.amount}元`);
  return `${doc.amount}元${tiers.length ? `（${tiers.join('，')}）` : ''} ${doc.effectiveFrom} ${doc.source}`;
}

export function toMinimumWage(doc: MinimumWageDoc): MinimumWage {
  return { id: doc._id.toHexString(), amount: doc.amount, effectiveFrom: doc.effectiveFrom, source: doc.source, areas: doc.areas ?? [] };
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class ReferenceService {
  @Inject()
  private db!: Database;

  @Inject()
  private audit!: AuditService;

  @Inject()
  private invalidation!: CacheInvalidation;

  private seeding?: Promise<void>;
  private cache?: { expires: number; items: Promise<ReferenceItemDoc[]> };
  private wageCache?: { expires: number; wages: Promise<MinimumWage[]> };

  private get items() {
    return this.db.model(ReferenceItemModel);
  }

  /**
   * Inserts the starting lists once per process. `$setOnInsert` upserts keyed by (kind, value):
   * staff edits and retirements survive, and two instances seeding at once both succeed.
   */
  private seed(): Promise<void> {
    this.seeding ??= (async () => {
      const ops = REFERENCE_KINDS.flatMap(kind =>
        REFERENCE_SEEDS[kind].map((item, order) => ({
          updateOne: {
            filter: { kind, value: item.value },
            update: { $setOnInsert: { kind, value: item.value, description: item.description, active: true, order: (order + 1) * 10 } },
            upsert: true,
          },
        })),
      );
      try {
        await this.items.bulkWrite(ops, { ordered: false });
        await this.db.model(MinimumWageModel).updateOne(
          { effectiveFrom: MINIMUM_WAGE_SEED.effectiveFrom },
          { $setOnInsert: { ...MINIMUM_WAGE_SEED } },
          { upsert: true },
        );
      } catch (err) {
        // A concurrent upsert of the same key: the item exists, which is all seeding wants.
        if ((err as { code?: unknown }).code !== 11000) {
          this.seeding = undefined;
          throw err;
        }
      }
    })();
    return this.seeding;
  }

  private async all(): Promise<ReferenceItemDoc[]> {
    if (this.cache && this.cache.expires > Date.now()) return this.cache.items;
    const items = this.seed().then(() => this.items.find().sort({ kind: 1, order: 1, _id: 1 }).lean<ReferenceItemDoc[]>());
    this.cache = { expires: Date.now() + CACHE_TTL_MS, items };
    items.catch(() => {
      if (this.cache?.items === items) this.cache = undefined;
    });
    return items;
  }

  @Init()
  async init(): Promise<void> {
    await this.invalidation.listen(REFERENCE_TOPIC, () => {
      this.cache = undefined;
      this.wageCache = undefined;
    });
  }

  private invalidate(): void {
    this.cache = undefined;
    this.wageCache = undefined;
    this.invalidation.announce(REFERENCE_TOPIC);
  }

  /** Every minimum-wage standard, oldest first (cached like the lists). */
  async minimumWages(): Promise<MinimumWage[]> {
    if (this.wageCache && this.wageCache.expires > Date.now()) return this.wageCache.wages;
    const wages = this.seed().then(async () =>
      (await this.db.model(MinimumWageModel).find().sort({ effectiveFrom: 1 }).lean<MinimumWageDoc[]>()).map(toMinimumWage),
    );
    this.wageCache = { expires: Date.now() + CACHE_TTL_MS, wages };
    wages.catch(() => {
      if (this.wageCache?.wages === wages) this.wageCache = undefined;
    });
    return wages;
  }

  /** The standard in force at `now`, which a job's base pay may not undercut. */
  async minimumWageAt(now: Date = new Date()): Promise<MinimumWage | undefined> {
    return minimumWageAt(await this.minimumWages(), now);
  }

  /** Adds a standard, or corrects the one with the same effective day; audited either way. */
  async saveMinimumWage(actor: AuthUser, input: MinimumWageInput, requestId?: string): Promise<MinimumWage> {
    await this.seed();
    const before = await this.db
      .model(MinimumWageModel)
      .findOneAndUpdate({ effectiveFrom: input.effectiveFrom }, { $set: { amount: input.amount, source: input.source, areas: input.areas ?? [] } }, { upsert: true, new: false })
      .lean();
    const saved = await this.db.model(MinimumWageModel).findOne({ effectiveFrom: input.effectiveFrom }).lean();
    if (!saved) throw new BizError('CONFLICT');
    this.invalidate();
    await this.audit.record(
      actor,
      {
        action: before ? 'reference.minimum-wage.edit' : 'reference.minimum-wage.add',
        targetType: 'minimum-wage',
        targetId: saved._id.toHexString(),
        from: before ? wageLine(before) : undefined,
        to: wageLine(saved),
      },
      requestId,
    );
    return toMinimumWage(saved);
  }

  /** Active items of each list, for pickers (public). */
  async activeLists(): Promise<EditableReferenceLists> {
    const lists: EditableReferenceLists = { chain: [], category: [], industry: [] };
    for (const doc of await this.all()) {
      if (doc.active) lists[doc.kind].push({ value: doc.value, description: doc.description });
    }
    return lists;
  }

  /** Every item, retired ones included (staff). */
  async listAll(): Promise<ReferenceItem[]> {
    return (await this.all()).map(toReferenceItem);
  }

  /** Refuses an enterprise whose industry, chains or category are not active items, naming the value. */
  async checkEnterprise(input: Pick<EnterpriseInput, 'industry' | 'chainTags' | 'category'>): Promise<void> {
    const lists = await this.activeLists();
    const allowed = (kind: ReferenceKind, value: string) => lists[kind].some(item => item.value === value);
    if (!allowed('industry', input.industry)) {
      throw invalidField('industry', `所属行业“${input.industry}”不在可选范围内，请重新选择`);
    }
    const chain = input.chainTags.find(tag => !allowed('chain', tag));
    if (chain !== undefined) throw invalidField('chainTags', `产业链“${chain}”不在“15+N”产业链名单中，请重新选择`);
    if (input.category !== undefined && !allowed('category', input.category)) {
      throw invalidField('category', `企业类别“${input.category}”不在可选范围内，请重新选择`);
    }
  }

  async add(actor: AuthUser, input: ReferenceItemInput, requestId?: string): Promise<ReferenceItem> {
    await this.seed();
    const last = await this.items.findOne({ kind: input.kind }, { order: 1 }).sort({ order: -1 }).lean();
    let created: ReferenceItemDoc;
    try {
      const doc = await this.items.create({
        kind: input.kind,
        value: input.value,
        description: input.description ?? '',
        order: input.order ?? (last?.order ?? 0) + 10,
        active: true,
      });
      created = doc.toObject();
    } catch (err) {
      if ((err as { code?: unknown }).code === 11000) {
        throw new BizError('CONFLICT', `${REFERENCE_KIND_LABELS[input.kind]}中已有“${input.value}”，如已停用可重新启用`, 'value');
      }
      throw err;
    }
    this.invalidate();
    await this.audit.record(
      actor,
      { action: 'reference.add', targetType: 'reference', targetId: created._id.toHexString(), to: `${input.kind}:${input.value}` },
      requestId,
    );
    return toReferenceItem(created);
  }

  /** Changes the description or order, or retires/restores an item; its value stays. */
  async update(actor: AuthUser, id: string, patch: ReferenceItemPatch, requestId?: string): Promise<ReferenceItem> {
    const $set: Partial<Pick<ReferenceItemDoc, 'description' | 'active' | 'order'>> = {};
    if (patch.description !== undefined) $set.description = patch.description;
    if (patch.active !== undefined) $set.active = patch.active;
    if (patch.order !== undefined) $set.order = patch.order;
    if (Object.keys($set).length === 0) throw new BizError('VALIDATION_FAILED', '请至少修改一项');
    const before = await this.items.findOneAndUpdate({ _id: new Types.ObjectId(id) }, { $set }, { new: false }).lean();
    if (!before) throw notFound('基础数据项');
    this.invalidate();
    const after = { ...before, ...$set };
    await this.audit.record(
      actor,
      {
        action: patch.active === false ? 'reference.retire' : patch.active === true ? 'reference.restore' : 'reference.edit',
        targetType: 'reference',
        targetId: id,
        from: JSON.stringify({ description: before.description, active: before.active, order: before.order }),
        to: JSON.stringify({ description: after.description, active: after.active, order: after.order }),
      },
      requestId,
    );
    return toReferenceItem(after);
  }
}
