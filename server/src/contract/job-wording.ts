import type { JobInput } from './job';

/*
 * The publish check for job text (scams, hype, fees, training loans, discriminatory requirements),
 * shared by every form that publishes hiring text (jobs, growth stories) and usable by the
 * mini-program for an early hint.
 */

export type ContentProblemKind =
  | 'banned'
  | 'hype'
  | 'fee'
  | 'training-loan'
  | 'gender'
  | 'age'
  | 'marital'
  | 'household'
  | 'ethnicity'
  | 'religion'
  | 'appearance'
  | 'health'
  | 'school-tier';

export interface ContentProblem {
  kind: ContentProblemKind;
  /** The phrase as it appears in the text (spaces removed, full-width digits and letters folded). */
  phrase: string;
  field: keyof JobInput;
}

const PROBLEM_LABELS: Record<ContentProblemKind, string> = {
  banned: '违规内容',
  hype: '夸大宣传',
  fee: '向求职者收费',
  'training-loan': '招转培或培训贷',
  gender: '性别限制',
  age: '年龄限制',
  marital: '婚育限制',
  household: '户籍限制',
  ethnicity: '民族限制',
  religion: '宗教信仰限制',
  appearance: '容貌身材限制',
  health: '健康状况限制',
  'school-tier': '学校层次限制',
};

/** Kinds that are scams whatever the text is (a growth story is checked for these only). */
export const SCAM_KINDS: ReadonlySet<ContentProblemKind> = new Set(['banned', 'fee', 'training-loan']);

interface Pattern {
  kind: ContentProblemKind;
  /** Global; each match is one problem. */
  re: RegExp;
  /** The match is fine when its clause (text between ，。；！？) also says this, e.g. 不收取…费用. */
  unlessClause?: RegExp;
  /** The match counts only when the same field also says this (先培训后上岗 is fine without a loan). */
  onlyWith?: RegExp;
}

const NUM = '(?:\\d{2}|[二三四五六][十拾][一二三四五六七八九]?)';
const AGE_CAP = new RegExp(`${NUM}周?岁(?:及|或)?(?:以下|以内|之内|之下)`, 'g');
const AGE_RANGE = new RegExp(`${NUM}(?:周?岁)?[-—~～至到]${NUM}周?岁`, 'g');
/** 年龄在30岁以内, 年龄18-35岁; 年满18周岁 / 年龄18周岁以上 (the legal minimum) pass. */
const AGE_STATED = new RegExp(
  `年龄(?:要求|限制|须|需|必须|应)?(?:在|为|不超过|不大于|不高于)?${NUM}(?!\\d|周?岁(?:及|或)?以上)(?:周?岁)?(?:[-—~～至到]${NUM}周?岁)?(?:及|或)?(?:以下|以内|之内|之间)?`,
  'g',
);

/**
 * 就业促进法 §3, §26-§31 and 妇女权益保障法 §43 forbid requirements on gender, ethnicity, religion,
 * household registration, marriage and childbearing, health (hepatitis B carriers, disability) and
 * age without cause; 教育部 forbids "985/211 only"; 人社厅发〔2025〕60号 forbids hype (高薪, 保录),
 * fees or deposits from candidates and 招转培 / 培训贷 recruiting. Patterns name requirements and
 * claims, not mentions: 年龄不限, 男女不限, 不收取任何费用, 提供免费培训 and 五险一金 pass.
 */
const PATTERNS: readonly Pattern[] = [
  { kind: 'banned', re: /刷单|兼职打字|赌博|博彩|传销|裸聊/g },
  {
    kind: 'hype',
    re: /日结高薪|高薪|保录(?:取|用)?|包录(?:取|用)|包过|包就业|包分配|保就业|稳赚|躺赚|(?:轻松|无需经验)?月入(?:过万|上万|\d+万)|日入(?:过百|上千|\d{3,})|(?:100%|百分百|百分之百)(?:就业|录取|入职)/g,
  },
  {
    kind: 'fee',
    re: /(?:先|需|须|要|应|另)?(?:交纳?|缴纳?|支付|付|收取?)?(?:押金|保证金|服装费|工装费|培训费|入职费|介绍费|报名费|中介费|建档费)|体检费用?(?:自理|自付|自行承担|由?(?:本人|个人|求职者|应聘者|员工)(?:承担|支付|负担))/g,
    unlessClause: /不收|免收|免费|免除|免[押交缴]|全免|无需|不需|不用|不交|不缴|零(?:押金|费用)|(?:公司|单位|企业)(?:承担|负担|支付|报销)|由(?:公司|单位|企业)|报销|不得/,
  },
  {
    kind: 'training-loan',
    re: /招转培|转培训|转为培训|转学员|培训贷|学费贷|学费分期|(?:培训|课程)费用?(?:可)?(?:申请)?(?:贷款|分期)|(?:贷款|分期)(?:支付|缴纳|交)(?:培训|学|课程)费|先学后付|就业后(?:再)?(?:付|还)(?:款|学费|费用)/g,
  },
  { kind: 'training-loan', re: /先(?:参加)?培训(?:后|再)(?:上岗|就业|入职|推荐)/g, onlyWith: /(?:培训|学|课程)[^，。；]{0,6}(?:贷款|分期)|学费|培训贷/ },
  { kind: 'gender', re: /仅限男性|仅限女性|只招男(?:性|生)?|只招女(?:性|生)?|男性优先|女性优先|男生优先|女生优先|(?<!不)限男(?:性|生)?|(?<!不)限女(?:性|生)?/g },
  { kind: 'age', re: AGE_STATED },
  { kind: 'age', re: AGE_CAP },
  { kind: 'age', re: AGE_RANGE },
  { kind: 'age', re: new RegExp(`不(?:超过|大于|高于)${NUM}周?岁`, 'g') },
  { kind: 'age', re: new RegExp(`${NUM}周?岁以上(?:勿扰|不要|不考虑|除外)`, 'g') },
  { kind: 'age', re: /(?<![\d:：.年])(?:[5-9][05]|0[05])后/g },
  {
    kind: 'marital',
    re: /无生育计划|(?:暂无|没有|不考虑)(?:生育|怀孕|要孩子)(?:计划|打算)?|近(?:[一二两三1-3])年(?:内)?(?:不|无)(?:生育|怀孕|要孩子)|(?:孕妇|孕期|哺乳期)(?:勿扰|不要|除外|不考虑)|(?:已婚已育|已婚未育|未婚未育|已婚|未婚|已育|未育)(?:者)?(?:优先)?/g,
    unlessClause: /婚否不限|婚育不限|婚姻状况不限|不限婚否|已婚未婚均可|未婚已婚均可/,
  },
  {
    kind: 'household',
    re: /(?<!办理|协助|落户|迁入|解决)(?:(?:仅)?限|要求|须|需|必须|只招|只要)?(?:具有|具备|持有|为)?(?:本地|大连|本市|辽宁|本省|当地)(?:户[籍口]|常住户口|城镇户口)(?!不限|均可|落户|迁入|办理)(?:者)?(?:优先)?|外地(?:人|户[籍口])(?:勿扰|不要|除外|不考虑)|非本地(?:人|户[籍口])?(?:勿扰|不要|除外|不考虑)|(?:限|只招|只要)(?:本地|大连)人|(?:本地|大连)人优先/g,
  },
  { kind: 'ethnicity', re: /(?:仅)?限汉族|汉族优先|只招汉族|(?:须|要求|必须)为?汉族|(?:少数民族|维吾尔族|藏族|回族)(?:不要|勿扰|除外|不考虑)|限少数民族/g },
  {
    kind: 'appearance',
    re: /(?<!品牌|企业|公司|职业)形象(?:好|佳)(?:气质佳)?|气质(?:好|佳)|五官端正|相貌端正|容貌端正|长相(?:好|端正|甜美|帅气|漂亮)|颜值(?:高|好|在线)|身材(?:好|匀称|高挑|苗条)|身高(?:须|要求|需|在)?\d{3}(?:cm|厘米|公分)?(?:及)?(?:以上|以下)?|体重(?:须|要求|需|在)?\d{2,3}(?:斤|公斤|kg)?(?:以下|以内)/g,
  },
  {
    kind: 'health',
    re: /(?<!不查|不检查?|不检测|不歧视)(?:乙肝|乙型肝炎|大三阳|小三阳|艾滋|HIV)|(?:无|没有)(?:传染(?:性)?疾?病|遗传(?:性)?疾?病|精神病|残疾)史?|(?:传染病|肝炎|精神病|残疾人?)(?:史|携带者)?(?:勿扰|不要|除外|不考虑)|(?:身体|肢体)健全/g,
  },
  { kind: 'religion', re: /(?:信仰|宗教)(?:要求|限制)|(?:穆斯林|基督徒|佛教徒)(?:勿扰|不要|除外|优先)/g },
  {
    kind: 'school-tier',
    re: /(?:仅限|只招|只要|限)(?:985|211|双一流|重点(?:院校|大学|本科))(?:院校|高校|大学|毕业生)?|(?:985|211|双一流)(?:院校|高校)?以外(?:勿扰|不要)|非(?:985|211|双一流)(?:院校|高校)?(?:勿扰|不要|不考虑)|第一学历(?:须|必须|要求)为?(?:985|211|双一流)/g,
  },
];

const CHECKED_FIELDS = ['title', 'duties', 'requirements', 'description', 'contactPolicy', 'address', 'tags', 'majors', 'repostSource'] as const satisfies ReadonlyArray<keyof JobInput>;

const CLAUSE_BREAK = /[，。；！？,;!?]/;

/** Folds full-width digits/letters, turns line breaks into clause breaks, and drops spaces inserted to dodge the check. */
function normalise(value: string | readonly string[]): string {
  const text = Array.isArray(value) ? value.join('；') : (value as string);
  return text
    .normalize('NFKC')
    .replace(/[\r\n]+/g, '。')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}

function clauseAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !CLAUSE_BREAK.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !CLAUSE_BREAK.test(text[to])) to++;
  return text.slice(from, to);
}

/** Every problem in a job's text, in field and then text order, each phrase once per field; empty means publishable. */
export function jobContentProblems(job: Partial<Pick<JobInput, (typeof CHECKED_FIELDS)[number]>>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const field of CHECKED_FIELDS) {
    const value = job[field];
    if (value === undefined) continue;
    const text = normalise(value);
    const found: Array<ContentProblem & { at: number }> = [];
    // A phrase inside one already named (高薪 inside 日结高薪) is not named again.
    const taken: Array<[number, number]> = [];
    for (const { kind, re, unlessClause, onlyWith } of PATTERNS) {
      if (onlyWith && !onlyWith.test(text)) continue;
      for (const hit of text.matchAll(re)) {
        const start = hit.index;
        const end = start + hit[0].length;
        if (taken.some(([s, e]) => start >= s && end <= e)) continue;
        if (unlessClause?.test(clauseAround(text, start, end))) continue;
        taken.push([start, end]);
        if (!found.some(f => f.phrase === hit[0])) found.push({ kind, phrase: hit[0], field, at: start });
      }
    }
    found.sort((a, b) => a.at - b.at);
    problems.push(...found.map(({ kind, phrase }) => ({ kind, phrase, field })));
  }
  return problems;
}

/** Chinese message naming the offending phrase, e.g. 岗位信息含有性别限制“仅限男性”，请修改后再发布. */
export function contentProblemMessage(problem: ContentProblem): string {
  return contentProblemsMessage([problem]);
}

/** One Chinese message naming every offending phrase: 岗位信息含有年龄限制“28岁以下”、婚育限制“未婚”，请修改后再发布. */
export function contentProblemsMessage(problems: readonly ContentProblem[]): string {
  const named = problems.map(p => `${PROBLEM_LABELS[p.kind]}“${p.phrase}”`).join('、');
  return `岗位信息含有${named}，请修改后再发布`;
}
