import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types, type FilterQuery, type UpdateQuery } from 'mongoose';
import { Database, type ModelDef } from './database';

/** One value of a row in a person's copy of their data. */
export type CopyValue = string | number | boolean | null;
export type CopyRow = Record<string, CopyValue>;

/** What a module holds about a person, and how it forgets it. Registered by the module (core imports none). */
export interface PersonalDataSource {
  /** The copy's sheet name, e.g. 岗位投递. */
  title: string;
  /** Rows about the user, with Chinese column names; sealed values masked, never internal keys. */
  export(userId: string): Promise<CopyRow[]>;
  /** Erases (or, where the law keeps the record, pseudonymises) what the module holds. Idempotent. */
  erase(userId: string): Promise<void>;
}

/** A record the law keeps after an account is deleted: what, and for how long (shown before confirming). */
export interface KeptRecord {
  what: string;
  retention: string;
}

/**
 * A collection whose rows name the user in one field: copied with the given columns, deleted on erasure,
 * except rows matching `keep.filter`, which stay with `keep.update` applied (pseudonymised).
 */
export interface CollectionSpec<T> {
  title: string;
  model: ModelDef<T>;
  field: string;
  idType: 'objectId' | 'string';
  /** Column name → how to read it from a document. */
  columns: Record<string, (doc: T) => CopyValue | undefined>;
  keep?: { filter: FilterQuery<T>; update?: UpdateQuery<T> };
}

function cell(value: CopyValue | undefined): CopyValue {
  return value === undefined ? null : value;
}

/** Formats a stored date for the copy (ISO, unambiguous). */
export function copyDate(value: Date | undefined | null): CopyValue {
  return value ? value.toISOString() : null;
}

@Provide()
@Scope(ScopeEnum.Singleton)
export class PersonalDataRegistry {
  @Inject()
  private db!: Database;

  private readonly sources = new Map<string, PersonalDataSource>();
  private readonly kept = new Map<string, KeptRecord[]>();
  private readonly partly = new Set<string>();

  /**
   * Called from a module's `@Init` (of an `@Autoload` service, so every process has it). `kept`: what of
   * it the law keeps; `partly`: some of its rows are still erased (e.g. drafts next to paid subsidies).
   */
  register(name: string, source: PersonalDataSource, kept: KeptRecord[] = [], partly = false): void {
    this.sources.set(name, source);
    this.kept.set(name, kept);
    if (partly) this.partly.add(name);
  }

  /** Titles of what deletion removes (whole, or the rows the law does not keep). */
  erasedTitles(): string[] {
    return this.all()
      .filter(([name]) => (this.kept.get(name) ?? []).length === 0 || this.partly.has(name))
      .map(([, source]) => source.title);
  }

  /** A source built from one collection's spec. */
  collection<T>(spec: CollectionSpec<T>): PersonalDataSource {
    const key = (userId: string): unknown => (spec.idType === 'objectId' ? new Types.ObjectId(userId) : userId);
    const mine = (userId: string) => ({ [spec.field]: key(userId) }) as FilterQuery<T>;
    return {
      title: spec.title,
      export: async userId => {
        const docs = (await this.db.model(spec.model).find(mine(userId)).lean()) as T[];
        return docs.map(doc => Object.fromEntries(Object.entries(spec.columns).map(([column, read]) => [column, cell(read(doc))])));
      },
      erase: async userId => {
        if (spec.keep) {
          if (spec.keep.update) await this.db.model(spec.model).updateMany({ $and: [mine(userId), spec.keep.filter] } as FilterQuery<T>, spec.keep.update);
          await this.db.model(spec.model).deleteMany({ $and: [mine(userId), { $nor: [spec.keep.filter] }] } as FilterQuery<T>);
        } else {
          await this.db.model(spec.model).deleteMany(mine(userId));
        }
      },
    };
  }

  all(): Array<[string, PersonalDataSource]> {
    return [...this.sources.entries()];
  }

  keptRecords(): KeptRecord[] {
    return [...this.kept.values()].flat();
  }
}
