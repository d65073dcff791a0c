import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomUUID } from 'crypto';
import { Schema } from 'mongoose';
import { Database, defineModel } from './database';
import { BizError } from './errors';

interface LeaseDoc {
  _id: string;
  owner: string;
  until: Date;
}

const LeaseModel = defineModel(
  'Lease',
  new Schema<LeaseDoc>({ _id: { type: String, required: true }, owner: { type: String, required: true }, until: { type: Date, required: true } }, { versionKey: false }),
);

export interface LeaseOptions {
  /** How long the lease lasts if its holder dies without letting go. */
  ttlMs?: number;
  /** How long to wait for a held lease before giving up with CONFLICT. */
  waitMs?: number;
}

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Named mutual exclusion across processes, for the rare invariant that spans documents (there are no
 * transactions): one holder at a time; an expired lease (a crashed holder) can be taken again.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class Leases {
  @Inject()
  private db!: Database;

  private get leases() {
    return this.db.model(LeaseModel);
  }

  async hold<T>(name: string, work: () => Promise<T>, options: LeaseOptions = {}): Promise<T> {
    const ttlMs = options.ttlMs ?? 10_000;
    const deadline = Date.now() + (options.waitMs ?? 5_000);
    const owner = randomUUID();
    while (!(await this.take(name, owner, ttlMs))) {
      if (Date.now() >= deadline) throw new BizError('CONFLICT', '有其他相同的操作正在进行，请稍后重试');
      await sleep(10 + Math.floor(Math.random() * 40));
    }
    try {
      return await work();
    } finally {
      await this.leases.deleteOne({ _id: name, owner });
    }
  }

  private async take(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const until = new Date(now.getTime() + ttlMs);
    try {
      await this.leases.create({ _id: name, owner, until });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const expired = await this.leases.updateOne({ _id: name, until: { $lte: now } }, { $set: { owner, until } });
    return expired.modifiedCount === 1;
  }
}
