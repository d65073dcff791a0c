import { APPLICATION_NEXT, type ApplicationStatus, type JobInput } from '../../contract/job';
import { DEGREES, type Degree, type DistrictCode } from '../../contract/reference';

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015)
// ---------------------------------------------------------------------------

export { isValidUscc, normaliseUscc, usccCheckChar } from '../../contract/uscc';

// ---------------------------------------------------------------------------
// Publish check: banned words and discriminatory requirements
// ---------------------------------------------------------------------------

export type ContentProblemKind = 'banned' | 'gender' | 'ethnicity' | 'household' | 'school-tier';

export interface ContentProblem {
  kind: ContentProblemKind;
  /** The phrase as it appears in the text. */
  phrase: string;
  field: keyof JobInput;
}

const PROBLEM_LABELS: Record<ContentProblemKind, string> = {
  banned: '违规内容',
  gender: '性别限制',
  ethnicity: '民族限制',
  household: '户籍限制',
  'school-tier': '学校层次限制',
};

/**
 * Employment-promotion law (就业促进法 §27-§31) and the MOHRSS notices on graduate hiring forbid
 * gender, ethnic and household-registration requirements, and 教育部 forbids "985/211 only" wording.
 * Patterns name requirements, not mentions: "男女不限" and "欢迎985院校毕业生" pass.
 */
const PATTERNS: ReadonlyArray<{ kind: ContentProblemKind; re: RegExp }> = [
  { kind: 'banned', re: /(刷单|兼职打字|日结高薪|无需经验月入过万|先交(?:押金|培训费|服装费)|培训贷|缴纳(?:押金|保证金)|赌博|博彩|传销|裸聊)/ },
  { kind: 'gender', re: /(仅限男性|仅限女性|限男性|限女性|只招男(?:性|生)?|只招女(?:性|生)?|男性优先|女性优先|男生优先|女生优先|限男生|限女生|(?<!不)限男|(?<!不)限女|已婚已育|未婚未育|未婚优先|已婚优先)/ },
  { kind: 'ethnicity', re: /(限汉族|仅限汉族|汉族优先|只招汉族|少数民族(?:不要|勿扰|除外)|限少数民族)/ },
  { kind: 'household', re: /(限(?:本地|大连|本市|辽宁)户[籍口]|仅限(?:本地|大连|本市|辽宁)户[籍口]|(?:本地|大连|本市)户[籍口]优先|要求(?:本地|大连|本市)户[籍口]|外地户[籍口](?:勿扰|不要|除外)|非本地户[籍口]勿扰)/ },
  { kind: 'school-tier', re: /(仅限|只招|只要|限)(?:985|211|双一流|重点(?:院校|大学|本科))(?:院校|高校|大学|毕业生)?|(?:985|211|双一流)(?:院校|高校)?以外(?:勿扰|不要)|非(?:985|211|双一流)(?:院校|高校)?(?:勿扰|不要|不考虑)|第一学历(?:须|必须|要求)为?(?:985|211|双一流)/ },
];

const CHECKED_FIELDS = ['title', 'description', 'contactPolicy', 'address', 'tags', 'majors'] as const satisfies ReadonlyArray<keyof JobInput>;

/** Every problem in a job's text, in field order; empty means publishable. */
export function jobContentProblems(job: Pick<JobInput, (typeof CHECKED_FIELDS)[number]>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const field of CHECKED_FIELDS) {
    const value = job[field];
    const text = (Array.isArray(value) ? value.join('；') : value).replace(/\s+/g, '');
    for (const { kind, re } of PATTERNS) {
      const hit = re.exec(text);
      if (hit) problems.push({ kind, phrase: hit[0], field });
    }
  }
  return problems;
}

/** Chinese message naming the offending phrase, e.g. 岗位信息含有性别限制“仅限男性”，请修改后再发布. */
export function contentProblemMessage(problem: ContentProblem): string {
  return `岗位信息含有${PROBLEM_LABELS[problem.kind]}“${problem.phrase}”，请修改后再发布`;
}

// ---------------------------------------------------------------------------
// Search keys: Chinese has no spaces, so index single characters and bigrams of CJK runs,
// and lower-cased words of Latin/digit runs. A keyword matches when all its keys are present.
// ---------------------------------------------------------------------------

const CJK = /[\u3400-\u9fff]/;

function segments(text: string): string[] {
  return text.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9+#.]+/g) ?? [];
}

export function searchKeysOf(texts: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const seg of segments(text)) {
      if (!CJK.test(seg)) {
        keys.add(seg);
        continue;
      }
      for (let i = 0; i < seg.length; i++) {
        keys.add(seg[i]);
        if (i + 1 < seg.length) keys.add(seg.slice(i, i + 2));
      }
    }
  }
  return [...keys];
}

/** Keys a keyword must all match: bigrams of CJK runs (a lone character stays), Latin words whole. */
export function queryKeysOf(keyword: string, max = 8): string[] {
  const keys = new Set<string>();
  for (const seg of segments(keyword)) {
    if (!CJK.test(seg) || seg.length === 1) {
      keys.add(seg);
      continue;
    }
    for (let i = 0; i + 1 < seg.length; i++) keys.add(seg.slice(i, i + 2));
  }
  return [...keys].slice(0, max);
}

// ---------------------------------------------------------------------------
// Match score for "recommended for me"
// ---------------------------------------------------------------------------

export interface MatchProfile {
  major?: string;
  degree?: Degree;
  intentionDistricts?: readonly DistrictCode[];
  intentionText?: string;
}

export interface MatchJob {
  title: string;
  majors: readonly string[];
  education: Degree;
  district: DistrictCode;
  tags: readonly string[];
}

export interface MatchResult {
  score: number;
  reasons: string[];
}

export const MATCH_WEIGHTS = { major: 40, intention: 20, degree: 20, district: 20 } as const;

export function degreeRank(degree: Degree): number {
  return DEGREES.indexOf(degree);
}

/** Degrees that meet a requirement of `degree` or lower: the feed's education filter. */
export function degreesUpTo(degree: Degree): Degree[] {
  return DEGREES.filter(d => degreeRank(d) <= degreeRank(degree));
}

function intentionWords(text: string): string[] {
  return text
    .split(/[\s,，、;；/|]+/)
    .map(w => w.trim().toLowerCase())
    .filter(w => w.length >= 2);
}

function majorMatches(major: string, jobMajors: readonly string[]): boolean {
  const m = major.trim();
  if (!m) return false;
  return jobMajors.some(j => j === m || (j.length >= 2 && m.includes(j)) || (m.length >= 2 && j.includes(m)));
}

/** Score 0–100 with the reasons a student sees; a job above their degree scores nothing for degree. */
export function matchScore(profile: MatchProfile, job: MatchJob): MatchResult {
  const reasons: string[] = [];
  let score = 0;
  if (profile.major && majorMatches(profile.major, job.majors)) {
    score += MATCH_WEIGHTS.major;
    reasons.push('专业对口');
  }
  const words = intentionWords(profile.intentionText ?? '');
  const haystack = `${job.title} ${job.tags.join(' ')}`.toLowerCase();
  if (words.some(w => haystack.includes(w))) {
    score += MATCH_WEIGHTS.intention;
    reasons.push('符合求职意向');
  }
  if (profile.degree && degreeRank(profile.degree) >= degreeRank(job.education)) {
    score += MATCH_WEIGHTS.degree;
    reasons.push('学历符合');
  }
  if (profile.intentionDistricts?.includes(job.district)) {
    score += MATCH_WEIGHTS.district;
    reasons.push('意向区域');
  }
  return { score, reasons };
}

// ---------------------------------------------------------------------------
// Application status transitions: 已投递 → 已查看 → 面试 → 录用 / 不合适
// ---------------------------------------------------------------------------

const NEXT = APPLICATION_NEXT;

/** Statuses from which `to` may be reached (the filter of the conditional update). */
export function statusesBefore(to: ApplicationStatus): ApplicationStatus[] {
  return (Object.keys(NEXT) as ApplicationStatus[]).filter(from => NEXT[from].includes(to));
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Report threshold: at this many distinct reports a job is frozen until staff look at it. */
export const REPORTS_TO_FREEZE = 3;
