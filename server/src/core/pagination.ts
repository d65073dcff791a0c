import { createHmac, timingSafeEqual } from 'crypto';
import { Types } from 'mongoose';
import type { Page } from '../contract/common';
import { BizError } from './errors';

export type CursorValue = string | number | boolean | null;

/**
 * Keyset cursors over (sort key…, _id). Signed so a client cannot craft one
 * that points the query somewhere it should not go; any edit gives 400.
 */
export function encodeCursor(values: CursorValue[], key: string): string {
  const body = Buffer.from(JSON.stringify(values)).toString('base64url');
  const sig = createHmac('sha256', key).update(body).digest('base64url').slice(0, 16);
  return `${body}.${sig}`;
}

export function decodeCursor(cursor: string, key: string, expectedLength: number): CursorValue[] {
  const [body, sig] = cursor.split('.');
  // Made only when refused: an error's stack capture is a measurable share of a page request.
  const invalid = (): BizError => new BizError('CURSOR_INVALID', undefined, 'cursor');
  if (!body || !sig) throw invalid();
  const expected = Buffer.from(createHmac('sha256', key).update(body).digest('base64url').slice(0, 16));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== expectedLength ||
    !values.every(v => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  ) {
    throw invalid();
  }
  return values as CursorValue[];
}

interface Keyed {
  _id: { toHexString(): string };
}

/** What the sort field holds: dates travel in cursors as milliseconds. */
export type SortKind = 'date' | 'number';

/** Filter for the rows after `cursor` in a (field desc, _id desc) ordering. */
export function keysetAfter(field: string, cursor: string, key: string, kind: SortKind = 'date'): Record<string, unknown> {
  const [value, id] = decodeCursor(cursor, key, 2);
  if (typeof value !== 'number' || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) {
    throw new BizError('CURSOR_INVALID', undefined, 'cursor');
  }
  const at = kind === 'date' ? new Date(value) : value;
  return {
    $or: [{ [field]: { $lt: at } }, { [field]: at, _id: { $lt: new Types.ObjectId(id) } }],
  };
}

/** Cuts the `limit + 1` rows a keyset query fetched into a page with its next cursor. */
export function pageOf<D extends Keyed, T>(
  docs: D[],
  limit: number,
  map: (doc: D) => T,
  field: keyof D & string,
  key: string,
): Page<T> {
  const rows = docs.slice(0, limit);
  const last = rows[rows.length - 1];
  const value = last?.[field];
  const sortValue = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : undefined;
  const nextCursor =
    docs.length > limit && last && sortValue !== undefined
      ? encodeCursor([sortValue, last._id.toHexString()], key)
      : undefined;
  return { items: rows.map(map), nextCursor };
}
