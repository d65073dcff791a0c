import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { MongooseDataSourceManager } from '@midwayjs/mongoose';
import type { Connection, Model, Schema } from 'mongoose';

export interface ModelDef<T> {
  readonly name: string;
  readonly schema: Schema<T>;
}

const registry: Array<ModelDef<unknown>> = [];

/**
 * What a start does about the declared indexes (DB_INDEXES):
 * - `check` (production's default): refuses to start while one is missing — an index build on a
 *   large collection is a deploy step (`npm run db:indexes`), not something every process start does;
 * - `missing` (elsewhere): builds only the missing ones (a fresh development or test database);
 * - `build`: asks for every index (what `npm run db:indexes` does).
 * Every mode first lists each collection's indexes: one round trip per collection, all at once.
 */
export type IndexMode = 'check' | 'missing' | 'build';

export interface IndexReport {
  collections: number;
  /** "collection {field: 1, …}" for each declared index that was not there. */
  missing: string[];
  /** Collections whose indexes were (re)built. */
  built: string[];
}

/** Declares a collection; a start checks that its indexes exist (IndexMode) before the app serves. */
export function defineModel<T>(name: string, schema: Schema<T>): ModelDef<T> {
  const def: ModelDef<T> = { name, schema };
  registry.push(def as ModelDef<unknown>);
  return def;
}

export type DatabaseState = 'connected' | 'connecting' | 'disconnected' | 'disconnecting';

const STATES: Record<number, DatabaseState> = {
  0: 'disconnected',
  1: 'connected',
  2: 'connecting',
  3: 'disconnecting',
};

@Provide()
@Scope(ScopeEnum.Singleton)
export class Database {
  @Inject()
  private dataSourceManager!: MongooseDataSourceManager;

  get connection(): Connection {
    return this.dataSourceManager.getDataSource('default');
  }

  model<T>(def: ModelDef<T>): Model<T> {
    const existing = this.connection.models[def.name] as Model<T> | undefined;
    return existing ?? this.connection.model<T>(def.name, def.schema);
  }

  @Config('app.dbIndexes')
  private indexMode!: IndexMode;

  /** Waits for the connection and sees to the declared indexes (unique ones guard invariants). */
  async ready(mode: IndexMode = this.indexMode): Promise<IndexReport> {
    await this.connection.asPromise();
    const found = await Promise.all(registry.map(async def => ({ def, missing: await this.missingIndexes(def) })));
    const missing = found.flatMap(f => f.missing.map(key => `${f.def.name} ${key}`));
    if (mode === 'check' && missing.length > 0) {
      throw new Error(`${missing.length} database indexes missing (${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '; …' : ''}): run \`npm run db:indexes\` before starting (docs/deploy.md)`);
    }
    const toBuild = found.filter(f => mode === 'build' || f.missing.length > 0).map(f => f.def);
    for (const def of toBuild) await this.model(def).createIndexes();
    return { collections: registry.length, missing, built: toBuild.map(def => def.name) };
  }

  /** The declared indexes of one model whose keys the collection does not have. */
  private async missingIndexes(def: ModelDef<unknown>): Promise<string[]> {
    const model = this.model(def);
    let existing: Array<{ key: Record<string, unknown> }> = [];
    try {
      existing = (await model.collection.listIndexes().toArray()) as Array<{ key: Record<string, unknown> }>;
    } catch (err) {
      // No collection yet (NamespaceNotFound): none of its indexes exist.
      if ((err as { code?: number }).code !== 26) throw err;
    }
    const have = new Set(existing.map(index => indexKey(index.key)));
    return model.schema.indexes().map(([fields]) => indexKey(fields)).filter(key => !have.has(key));
  }

  state(): DatabaseState {
    return STATES[this.connection.readyState] ?? 'disconnected';
  }

  async ping(): Promise<number> {
    const started = process.hrtime.bigint();
    const db = this.connection.db;
    if (!db) throw new Error('database not open');
    await db.command({ ping: 1 });
    return Number(process.hrtime.bigint() - started) / 1e6;
  }
}

function indexKey(fields: Record<string, unknown>): string {
  return `{${Object.entries(fields).map(([field, order]) => `${field}: ${String(order)}`).join(', ')}}`;
}
