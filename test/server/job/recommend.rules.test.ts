import { DEGREES, DISTRICTS, type DistrictCode } from '../../../server/src/contract/reference';
import { matchScore, type MatchProfile } from '../../../server/src/modules/job/job.rules';
import {
  matchProfileKey,
  openPrefix,
  rankCandidates,
  rankedPage,
  windowExact,
  windowValidUntil,
  type Candidate,
} from '../../../server/src/modules/job/recommend.rules';

const LIMIT = 1000;
const MAJORS = ['软件工程', '计算机科学与技术', '机械工程', '船舶与海洋工程', '会计学', '法学', '软件'];
const TITLES = ['Java开发工程师', '测试工程师', '机械设计师', '会计', '销售代表', '法务专员', '见习生'];
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T00:00:00.000Z');

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Candidates newest first, as the window stores them; ids descend like ObjectIds of newer jobs. */
function candidates(count: number, seed = 7): Candidate[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, i) => ({
    id: (0xffffff - i).toString(16).padStart(24, '0'),
    title: pick(TITLES),
    majors: next() < 0.2 ? [] : [pick(MAJORS), pick(MAJORS)],
    education: pick(DEGREES),
    district: pick(DISTRICTS).code as DistrictCode,
    tags: next() < 0.5 ? ['五险一金'] : ['双休', '软件开发'],
    deadline: new Date(T0 + Math.floor(next() * 60) * DAY).toISOString(),
  }));
}

/** Today's live ranking: the first 1,000 open jobs, scored, positive scores, (score, id) descending. */
function liveRanking(profile: MatchProfile, all: readonly Candidate[], nowIso: string) {
  return all
    .filter(job => job.deadline >= nowIso)
    .slice(0, LIMIT)
    .map(job => ({ id: job.id, ...matchScore(profile, job) }))
    .filter(row => row.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Every page of the window's ranking, following cursors as the route does. */
function windowRanking(profile: MatchProfile, window: readonly Candidate[], nowIso: string, pageSize: number) {
  const ranking = rankCandidates(profile, window);
  const { included } = openPrefix(window, nowIso, LIMIT);
  const rows: Array<{ id: string; score: number; reasons: string[] }> = [];
  let after: { score: number; id: string } | undefined;
  for (let guard = 0; guard < 2000; guard++) {
    const page = rankedPage(ranking, window, included, after, pageSize);
    rows.push(...page.rows.map(r => ({ id: window[r.index].id, score: r.score, reasons: matchScore(profile, window[r.index]).reasons })));
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) break;
    after = { score: last.score, id: window[last.index].id };
  }
  return rows;
}

const PROFILES: MatchProfile[] = [
  {},
  { major: '软件工程', degree: 'bachelor', intentionDistricts: ['hitech'], intentionText: '开发' },
  { major: '  软件  ', degree: 'master', intentionDistricts: ['210202', 'hitech'], intentionText: 'java, 测试；会计' },
  { major: '法学', degree: 'associate', intentionText: '法务' },
  { degree: 'doctor' },
  { major: '会计学', intentionDistricts: ['jinpu', '210212', '210214'] },
  { intentionText: '销售 代表 见习' },
  { major: ' ', degree: 'bachelor', intentionText: 'a' },
];

describe('recommendations from a candidate window', () => {
  const all = candidates(1600);
  const window = all.slice(0, 1500);

  it('should give the live order, scores and reasons for varied profiles, page by page', () => {
    const nowIso = new Date(T0).toISOString();
    for (const profile of PROFILES) {
      const live = liveRanking(profile, all, nowIso);
      expect(windowRanking(profile, window, nowIso, 20)).toEqual(live);
      expect(windowRanking(profile, window, nowIso, 7)).toEqual(live);
    }
  });

  it('should stay exact while jobs pass their deadline, until fewer than 1,000 of the window are open', () => {
    const validUntil = windowValidUntil(window, LIMIT, false);
    expect(validUntil).toBeDefined();
    const profile = PROFILES[1];
    for (const days of [1, 5, 10, 20]) {
      const nowIso = new Date(T0 + days * DAY + 1).toISOString();
      if (!windowExact(validUntil, nowIso)) continue;
      expect(openPrefix(window, nowIso, LIMIT).count).toBe(LIMIT);
      expect(windowRanking(profile, window, nowIso, 20)).toEqual(liveRanking(profile, all, nowIso));
    }
    const justAfter = new Date(Date.parse(validUntil as string) + 1).toISOString();
    expect(windowExact(validUntil, validUntil as string)).toBe(true);
    expect(windowExact(validUntil, justAfter)).toBe(false);
    expect(openPrefix(window, justAfter, LIMIT).count).toBeLessThan(LIMIT);
  });

  it('should be exact at any time for a window that holds every open job', () => {
    const few = all.slice(0, 300);
    expect(windowValidUntil(few, LIMIT, true)).toBeUndefined();
    const nowIso = new Date(T0 + 30 * DAY).toISOString();
    expect(windowRanking(PROFILES[2], few, nowIso, 20)).toEqual(liveRanking(PROFILES[2], few, nowIso));
  });

  it('should report when the open prefix next changes', () => {
    const nowIso = new Date(T0 + 3 * DAY).toISOString();
    const prefix = openPrefix(window, nowIso, LIMIT);
    const earliestOpen = window.map(c => c.deadline).filter(d => d >= nowIso).sort()[0];
    expect(prefix.changesAfter).toBe(earliestOpen);
  });
});

describe('profile buckets', () => {
  it('should give one key to profiles that score every job alike', () => {
    const base: MatchProfile = { major: '软件工程', degree: 'bachelor', intentionDistricts: ['hitech', '210202'], intentionText: '开发，测试' };
    const same: MatchProfile[] = [
      { ...base, major: ' 软件工程 ' },
      { ...base, intentionDistricts: ['210202', 'hitech', 'hitech'] },
      { ...base, intentionText: '测试 开发 开发' },
      { ...base, intentionText: '测试、开发、a' },
    ];
    for (const p of same) expect(matchProfileKey(p)).toBe(matchProfileKey(base));
    const jobs = candidates(400, 11);
    for (const p of same) {
      expect(jobs.map(j => matchScore(p, j))).toEqual(jobs.map(j => matchScore(base, j)));
    }
  });

  it('should give different keys to profiles that differ in anything the score reads', () => {
    const base: MatchProfile = { major: '软件工程', degree: 'bachelor', intentionDistricts: ['hitech'], intentionText: '开发' };
    const others: MatchProfile[] = [
      { ...base, major: '软件' },
      { ...base, degree: 'master' },
      { ...base, intentionDistricts: [] },
      { ...base, intentionText: '测试' },
    ];
    const keys = new Set([base, ...others].map(matchProfileKey));
    expect(keys.size).toBe(others.length + 1);
  });
});
