import type { ApiProblem } from './error-codes';
import { JOB_REQUIRED_FIELDS, type JobDraft, type JobInput, type JobRequiredField } from './job';
import { contentProblemsMessage, jobContentProblems } from './job-wording';
import { minimumWageIn, type MinimumWage } from './reference';
import { startOfBeijingDay } from './time';

/*
 * What a job posting must state and how its pay is bounded (人社厅发〔2025〕60号 as we read it): employer,
 * headcount, duties, requirements, location, base pay and an expiry date; a repost names its source.
 * Pure, shared by the service (the refusal) and the mini-program (labels).
 */

/**
 * The highest pay a posting may offer is this many times its own lowest. A range like 3,000–50,000 says
 * nothing about the job and is how inflated pay gets advertised without the word 高薪; 5× still covers a
 * base-plus-commission sales job (4,000–20,000) and a senior range (20,000–60,000).
 */
export const MAX_PAY_MULTIPLE = 5;

export const JOB_FIELD_LABELS: Record<JobRequiredField | 'repostSource', string> = {
  duties: '岗位职责',
  requirements: '任职要求',
  headcount: '招聘人数',
  district: '工作区域',
  address: '工作地址',
  salaryMin: '月薪下限',
  salaryMax: '月薪上限',
  deadline: '截止日期',
  repostSource: '信息来源',
};

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}

function yuan(n: number): string {
  return n.toLocaleString('en-US');
}

function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The standard in force at `now`: the latest whose effective day has begun (undefined before the first). */
export function minimumWageAt(standards: readonly MinimumWage[], now: Date): MinimumWage | undefined {
  return standards
    .filter(s => startOfBeijingDay(s.effectiveFrom).getTime() <= now.getTime())
    .reduce<MinimumWage | undefined>((best, s) => (!best || s.effectiveFrom > best.effectiveFrom ? s : best), undefined);
}

/**
 * Every reason a posting cannot be published, in form order: missing fields, pay, repost source, then
 * the wording rules (each offending phrase named). Empty means publishable; `asPosting` then narrows.
 */
export function postingProblems(draft: JobDraft, minimumWage: MinimumWage | undefined): ApiProblem[] {
  const problems: ApiProblem[] = [];
  for (const field of JOB_REQUIRED_FIELDS) {
    if (!present(draft[field])) problems.push({ code: 'JOB_FIELD_MISSING', field, message: `请填写${JOB_FIELD_LABELS[field]}` });
  }
  const { salaryMin, salaryMax } = draft;
  const floor = minimumWage ? minimumWageIn(minimumWage, draft.district) : undefined;
  if (salaryMin !== undefined && minimumWage && floor && salaryMin < floor.amount) {
    problems.push({
      code: 'JOB_PAY_BELOW_MINIMUM_WAGE',
      field: 'salaryMin',
      message: `月薪下限${yuan(salaryMin)}元低于${floor.area ?? '大连市'}最低工资标准${yuan(floor.amount)}元（${chineseDay(minimumWage.effectiveFrom)}起执行）`,
    });
  }
  if (salaryMin !== undefined && salaryMax !== undefined) {
    if (salaryMax < salaryMin) {
      problems.push({ code: 'JOB_PAY_RANGE_INVALID', field: 'salaryMax', message: `月薪上限${yuan(salaryMax)}元低于下限${yuan(salaryMin)}元` });
    } else if (salaryMax > salaryMin * MAX_PAY_MULTIPLE) {
      problems.push({
        code: 'JOB_PAY_RANGE_TOO_WIDE',
        field: 'salaryMax',
        message: `月薪上限${yuan(salaryMax)}元超过下限的${MAX_PAY_MULTIPLE}倍（最高${yuan(salaryMin * MAX_PAY_MULTIPLE)}元），请如实填写薪资范围`,
      });
    }
  }
  if (draft.repost && !present(draft.repostSource)) {
    problems.push({ code: 'JOB_REPOST_SOURCE_MISSING', field: 'repostSource', message: '转载的岗位须注明信息来源（原发布单位或网站）' });
  }
  for (const problem of jobContentProblems(draft)) {
    problems.push({ code: 'JOB_CONTENT_REJECTED', field: problem.field, message: contentProblemsMessage([problem]) });
  }
  return problems;
}

/** The draft as a complete posting, once `postingProblems` found nothing. */
export function asPosting(draft: JobDraft): JobInput | undefined {
  const { duties, requirements, headcount, district, address, salaryMin, salaryMax, deadline } = draft;
  if (
    duties === undefined || requirements === undefined || headcount === undefined || district === undefined ||
    address === undefined || salaryMin === undefined || salaryMax === undefined || deadline === undefined
  ) {
    return undefined;
  }
  return { ...draft, duties, requirements, headcount, district, address, salaryMin, salaryMax, deadline, repostSource: draft.repost ? draft.repostSource : undefined };
}

/** One message naming every reason: the missing fields and pay first, then every offending phrase with its ground. */
export function postingProblemsMessage(draft: JobDraft, problems: readonly ApiProblem[]): string {
  const parts = problems.filter(p => p.code !== 'JOB_CONTENT_REJECTED').map(p => p.message);
  const wording = jobContentProblems(draft);
  if (wording.length > 0) parts.push(contentProblemsMessage(wording));
  return parts.join('；');
}
