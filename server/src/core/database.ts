import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { MongooseDataSourceManager } from '@midwayjs/mongoose';
import type { Connection, Model, Schema } from 'mongoose';

export interface ModelDef<T> {
  readonly name: string;
  readonly schema: Schema<T>;
}

const registry: Array<ModelDef<unknown>> = [];

/** Declares a collection; every declared model gets its indexes built before the app serves. */
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

  /** Waits for the connection and builds every declared index (unique ones guard invariants). */
  async ready(): Promise<void> {
    await this.connection.asPromise();
    for (const def of registry) {
      await this.model(def).init();
    }
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
