import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { randomUUID } from 'crypto';
import { Schema } from 'mongoose';
import { Database, defineModel } from './database';
import { BizError } from './errors';
import { ATTEMPT_LEASE_MS, MAX_STORED_ANSWER_CHARS, OUTCOME_TTL_MS } from './idempotency.rules';
import { PersonalDataRegistry } from './personal-data';
import { PiiService } from './pii';

interface IdempotencyDoc {
  /** recordId(caller, key): the key itself is never stored. */
  _id: string;
  fingerprint: string;
  /** The signed-in user the key belongs to (erased with the account); absent for a guest. */
  userId?: string;
  /** The attempt in progress; absent once the outcome is stored. */
  attempt?: string;
  /** Until when the attempt holds the key, or the outcome is given back. */
  until: Date;
  status?: number;
  /** The answer's JSON, sealed like personal data: answers can carry it. */
  answer?: string;
}

const IdempotencyModel = defineModel(
  'IdempotencyRecord',
  new Schema<IdempotencyDoc>(
    {
      _id: { type: String, required: true },
      fingerprint: { type: String, required: true },
      userId: { type: String, index: true },
      attempt: String,
      until: { type: Date, required: true },
      status: Number,
      answer: String,
    },
    { versionKey: false, collection: 'idempotency_records' },
  ),
);

export type IdempotencyStart =
  /** Process the request, then `finish` or `abandon` with this attempt. */
  | { kind: 'process'; attempt: string }
  /** Give back the stored outcome. */
  | { kind: 'replay'; status: number; body: unknown }
  /** Another attempt with this key is being processed now. */
  | { kind: 'in-progress' };

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * Remembers the outcome of each change a client named with an Idempotency-Key, so that a resend (its
 * answer was lost: a reset connection, a restarting process, a phone losing its network) gets that outcome
 * instead of doing the change twice. Expiry is checked in the queries (the embedded database has no TTL).
 */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class Idempotency {
  @Inject()
  private db!: Database;

  @Inject()
  private pii!: PiiService;

  @Inject()
  private personalData!: PersonalDataRegistry;

  private lastSweep = 0;

  @Init()
  init(): void {
    // Nothing to copy out (the answers were the user's already, and last a day); deleted with the account.
    this.personalData.register('idempotency', { title: '近 24 小时的提交结果（用于防止重复提交）', export: () => Promise.resolve([]), erase: userId => this.eraseUser(userId) });
  }

  private get records() {
    return this.db.model(IdempotencyModel);
  }

  async start(id: string, fingerprint: string, userId: string | undefined, now = new Date(), tries = 3): Promise<IdempotencyStart> {
    await this.sweep(now);
    const attempt = randomUUID();
    const until = new Date(now.getTime() + ATTEMPT_LEASE_MS);
    try {
      await this.records.create({ _id: id, fingerprint, userId, attempt, until });
      return { kind: 'process', attempt };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const found = await this.records.findById(id).lean();
    if (!found || found.until <= now) {
      // Gone since the insert failed, expired, or an attempt whose process died: this one takes the key over.
      const taken = await this.records.findOneAndUpdate(
        { _id: id, until: { $lte: now } },
        { $set: { fingerprint, userId, attempt, until }, $unset: { status: 1, answer: 1 } },
        { new: true },
      );
      if (taken) return { kind: 'process', attempt };
      // Deleted between the insert and the read (an attempt let go): insert again.
      if (!found && tries > 1) return this.start(id, fingerprint, userId, now, tries - 1);
      return { kind: 'in-progress' };
    }
    if (found.fingerprint !== fingerprint) throw new BizError('IDEMPOTENCY_KEY_REUSED');
    if (found.attempt !== undefined || found.status === undefined) return { kind: 'in-progress' };
    return { kind: 'replay', status: found.status, body: found.answer === undefined ? undefined : JSON.parse(this.pii.open(found.answer)) };
  }

  /** Stores the outcome (false when it is too large to keep: the key is let go instead). */
  async finish(id: string, attempt: string, status: number, body: unknown, now = new Date()): Promise<boolean> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    if (json !== undefined && json.length > MAX_STORED_ANSWER_CHARS) {
      await this.abandon(id, attempt);
      return false;
    }
    await this.records.updateOne(
      { _id: id, attempt },
      {
        $set: { status, until: new Date(now.getTime() + OUTCOME_TTL_MS), ...(json === undefined ? {} : { answer: this.pii.seal(json).enc }) },
        $unset: { attempt: 1 },
      },
    );
    return true;
  }

  /** Lets the key go: the next resend is processed afresh. */
  async abandon(id: string, attempt: string): Promise<void> {
    await this.records.deleteOne({ _id: id, attempt });
  }

  /** With the account (privacy's erasure): the stored answers of a user's changes. */
  async eraseUser(userId: string): Promise<void> {
    await this.records.deleteMany({ userId });
  }

  /** Expired records (outcomes, and attempts whose process died) go at most once a minute, by whichever request comes. */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < 60_000) return;
    this.lastSweep = now.getTime();
    await this.records.deleteMany({ until: { $lte: new Date(now.getTime() - ATTEMPT_LEASE_MS) } });
  }
}
