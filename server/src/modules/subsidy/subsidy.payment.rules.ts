import { createHash } from 'crypto';
import { BATCH_EXCLUSION_LABELS, type BatchExclusion, type PaymentBatchGroup, type PaymentBatchPreview } from '../../contract/subsidy';
import { DISTRICTS } from '../../contract/reference';

/** An approved application a batch would pay: the attempt it would be, and what groups it. */
export interface BatchCandidate {
  id: string;
  /** The payment attempt this line would be (1 for a first payment, 2 after one bank return…). */
  attempt: number;
  programId: string;
  programName: string;
  district?: string;
  amount: number;
}

/**
 * Names exactly one set of payment attempts (and the program chosen): the same set always gives the
 * same key, and any change (one more approval, a corrected account's next attempt) gives another.
 */
export function previewKeyOf(programId: string | undefined, lines: ReadonlyArray<Pick<BatchCandidate, 'id' | 'attempt'>>): string {
  const attempts = lines.map(l => `${l.id}#${l.attempt}`).sort();
  return createHash('sha256').update(`${programId ?? '*'}\n${attempts.join('\n')}`).digest('hex').slice(0, 32);
}

/** Lines and amount per group, largest amount first (then by name). */
export function groupLines(lines: readonly BatchCandidate[], keyOf: (l: BatchCandidate) => string, nameOf: (l: BatchCandidate) => string): PaymentBatchGroup[] {
  const groups = new Map<string, PaymentBatchGroup>();
  for (const line of lines) {
    const key = keyOf(line);
    const group = groups.get(key) ?? { key, name: nameOf(line), count: 0, total: 0 };
    group.count += 1;
    group.total += line.amount;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
}

export function districtLabel(code: string | undefined): string {
  return DISTRICTS.find(d => d.code === code)?.name ?? '未填写就业地区';
}

/** The preview of a batch: what it pays (by program and district), what waits and why, and the key to confirm it with. */
export function batchPreview(input: {
  programId?: string;
  included: readonly BatchCandidate[];
  excluded: ReadonlyArray<{ reason: BatchExclusion; count: number; total: number }>;
  limit: number;
}): PaymentBatchPreview {
  const { included } = input;
  return {
    previewKey: previewKeyOf(input.programId, included),
    ...(input.programId ? { programId: input.programId } : {}),
    count: included.length,
    total: included.reduce((sum, l) => sum + l.amount, 0),
    byProgram: groupLines(included, l => l.programId, l => l.programName),
    byDistrict: groupLines(included, l => l.district ?? '', l => districtLabel(l.district)),
    excluded: input.excluded.filter(e => e.count > 0).map(e => ({ ...e, label: BATCH_EXCLUSION_LABELS[e.reason] })),
    limit: input.limit,
  };
}
