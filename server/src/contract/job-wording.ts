import type { JobInput } from './job';

/*
 * The publish check for job text (banned words, discriminatory requirements), shared by every form
 * that publishes hiring text (jobs, growth stories) and usable by the mini-program for an early hint.
 */

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
