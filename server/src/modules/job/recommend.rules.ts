import { intentionWords, matchScore, type MatchJob, type MatchProfile } from './job.rules';

// ---------------------------------------------------------------------------
// "Recommended for me" served from a precomputed candidate window (docs/jobs.md):
// the newest open jobs, newest first, as the live query would read them, plus a margin for
// jobs whose deadline passes before the next rebuild. These functions reproduce the live
// ranking exactly: take the first `limit` candidates still open, score them with matchScore,
// keep scores above 0, order by (score desc, id desc).
// ---------------------------------------------------------------------------

/** What the ranking reads about a candidate job (a JobSummary with its majors satisfies it). */
export interface Candidate extends MatchJob {
  id: string;
  /** ISO time; the job is open while `deadline >= now`. */
  deadline: string;
}

/**
 * Everything of a profile that matchScore reads, normalised: two profiles with the same key
 * score every job the same, so they share one ranking (a profile bucket).
 */
export function matchProfileKey(profile: MatchProfile): string {
  return JSON.stringify([
    (profile.major ?? '').trim(),
    profile.degree ?? '',
    [...new Set(profile.intentionDistricts ?? [])].sort(),
    [...new Set(intentionWords(profile.intentionText ?? ''))].sort(),
  ]);
}

/** Candidates with a positive score, best first: indexes into `candidates` and their scores. */
export interface Ranking {
  order: Uint32Array;
  scores: Uint8Array;
}

export function rankCandidates(profile: MatchProfile, candidates: readonly Candidate[]): Ranking {
  const rows: Array<{ index: number; score: number; id: string }> = [];
  candidates.forEach((job, index) => {
    const { score } = matchScore(profile, job);
    if (score > 0) rows.push({ index, score, id: job.id });
  });
  rows.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { order: Uint32Array.from(rows, r => r.index), scores: Uint8Array.from(rows, r => r.score) };
}

/** Which candidates the live query would return at `nowIso`: the first `limit` not yet past their deadline. */
export interface OpenPrefix {
  included: Uint8Array;
  count: number;
  /** The earliest deadline among candidates still open: after it passes, the prefix changes. */
  changesAfter: string | undefined;
}

export function openPrefix(candidates: readonly Candidate[], nowIso: string, limit: number): OpenPrefix {
  const included = new Uint8Array(candidates.length);
  let count = 0;
  let changesAfter: string | undefined;
  candidates.forEach((job, i) => {
    if (job.deadline < nowIso) return;
    if (changesAfter === undefined || job.deadline < changesAfter) changesAfter = job.deadline;
    if (count < limit) {
      included[i] = 1;
      count += 1;
    }
  });
  return { included, count, changesAfter };
}

/**
 * Until when a window answers exactly like the live query: while at least `limit` of its
 * candidates are open (or it holds every open job). The answer is the deadline whose passing
 * leaves fewer than `limit` open; undefined when that never happens.
 */
export function windowValidUntil(candidates: readonly Candidate[], limit: number, complete: boolean): string | undefined {
  if (complete || candidates.length < limit) return undefined;
  const deadlines = candidates.map(c => c.deadline).sort();
  return deadlines[candidates.length - limit];
}

/** A window still answers exactly at `nowIso` (see windowValidUntil). */
export function windowExact(validUntil: string | undefined, nowIso: string): boolean {
  return validUntil === undefined || validUntil >= nowIso;
}

/** One page after the cursor (the last row's score and id): indexes into the candidates. */
export function rankedPage(
  ranking: Ranking,
  candidates: readonly Candidate[],
  included: Uint8Array,
  after: { score: number; id: string } | undefined,
  limit: number,
): { rows: Array<{ index: number; score: number }>; more: boolean } {
  const rows: Array<{ index: number; score: number }> = [];
  for (let k = 0; k < ranking.order.length; k++) {
    const index = ranking.order[k];
    if (!included[index]) continue;
    const score = ranking.scores[k];
    if (after && !(score < after.score || (score === after.score && candidates[index].id < after.id))) continue;
    if (rows.length === limit) return { rows, more: true };
    rows.push({ index, score });
  }
  return { rows, more: false };
}
