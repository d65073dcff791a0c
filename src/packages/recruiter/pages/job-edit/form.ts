import type { ApiProblem } from '@contract/error-codes';
import { JOB_KINDS, type JobDraft, type JobKind, type RecruiterJob } from '@contract/job';
import type { Degree, DistrictCode } from '@contract/reference';
import { beijingDay, beijingInstant } from '@contract/time';

export interface JobForm {
  kind: JobKind | undefined;
  title: string;
  duties: string;
  requirements: string;
  description: string;
  /** Yuan per month, as typed. */
  salaryMin: string;
  salaryMax: string;
  education: Degree | undefined;
  /** Comma- or space-separated, as typed. */
  majors: string;
  headcount: string;
  district: DistrictCode | undefined;
  address: string;
  /** YYYY-MM-DD, the last day applications are taken. */
  deadline: string;
  contactPolicy: string;
  tags: string;
  repost: boolean;
  repostSource: string;
}

export type JobFormErrors = Partial<Record<Exclude<keyof JobForm, 'repost'>, string>>;
export type JobCheck = { ok: true; input: JobDraft } | { ok: false; errors: JobFormErrors };


export function emptyJobForm(now: Date = new Date()): JobForm {
  const deadline = new Date(now.getTime() + 30 * 86_400_000);
  return {
    kind: undefined,
    title: '',
    duties: '',
    requirements: '',
    description: '',
    salaryMin: '',
    salaryMax: '',
    education: undefined,
    majors: '',
    headcount: '1',
    district: undefined,
    address: '',
    deadline: beijingDay(deadline),
    contactPolicy: '通过平台投递简历',
    tags: '',
    repost: false,
    repostSource: '',
  };
}

export function formFromJob(job: RecruiterJob): JobForm {
  return {
    kind: job.kind,
    title: job.title,
    duties: job.duties,
    requirements: job.requirements,
    description: job.description,
    salaryMin: String(job.salaryMin),
    salaryMax: String(job.salaryMax),
    education: job.education,
    majors: job.majors.join('，'),
    headcount: String(job.headcount),
    district: job.district,
    address: job.address,
    deadline: beijingDay(new Date(job.deadline)),
    contactPolicy: job.contactPolicy,
    tags: job.tags.join('，'),
    repost: Boolean(job.repostSource),
    repostSource: job.repostSource ?? '',
  };
}

/** "软件工程，计算机 科学" → ['软件工程', '计算机', '科学'], duplicates dropped. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map(s => s.trim()).filter(Boolean))];
}

function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,7}$/.test(t) ? Number(t) : undefined;
}

/** End of the chosen Beijing day (23:59:59), on any phone, so a deadline "today" is still open this evening. */
export function deadlineIso(day: string): string | undefined {
  const end = beijingInstant(day.trim(), '23:59');
  return end ? new Date(end.getTime() + 59_000).toISOString() : undefined;
}

/**
 * Checks what only the form can know (numbers and dates as typed, list sizes). A field left empty is sent
 * as missing: the server names every missing field together with every refused phrase and the pay rules
 * (contract/job-posting.ts), and the form shows them all at once.
 */
export function checkJobForm(form: JobForm, now: Date = new Date()): JobCheck {
  const errors: JobFormErrors = {};
  if (!form.kind || !(JOB_KINDS as readonly string[]).includes(form.kind)) errors.kind = '请选择岗位类型';
  const title = form.title.trim();
  if (title.length < 2 || title.length > 40) errors.title = '岗位名称为2至40个字';
  const salaryMin = form.salaryMin.trim() ? wholeNumber(form.salaryMin) : undefined;
  const salaryMax = form.salaryMax.trim() ? wholeNumber(form.salaryMax) : undefined;
  if (form.salaryMin.trim() && salaryMin === undefined) errors.salaryMin = '月薪下限请填写整数（元）';
  if (form.salaryMax.trim() && salaryMax === undefined) errors.salaryMax = '月薪上限请填写整数（元）';
  if (!form.education) errors.education = '请选择最低学历要求';
  const majors = splitList(form.majors);
  if (majors.length > 10) errors.majors = '专业最多10个';
  else if (majors.some(m => m.length < 2 || m.length > 30)) errors.majors = '每个专业名称为2至30个字';
  const headcount = form.headcount.trim() ? wholeNumber(form.headcount) : undefined;
  if (form.headcount.trim() && (headcount === undefined || headcount < 1 || headcount > 10_000)) errors.headcount = '招聘人数为1至10000';
  const deadline = form.deadline.trim() ? deadlineIso(form.deadline) : undefined;
  if (form.deadline.trim() && !deadline) errors.deadline = '请按“2026-06-30”的格式填写截止日期';
  else if (deadline && new Date(deadline).getTime() <= now.getTime()) errors.deadline = '截止日期须晚于今天';
  const tags = splitList(form.tags);
  if (tags.length > 8) errors.tags = '标签最多8个';
  else if (tags.some(t => t.length > 12)) errors.tags = '每个标签不超过12个字';
  if (form.contactPolicy.trim().length > 100) errors.contactPolicy = '联系方式说明不超过100个字';
  if (Object.keys(errors).length > 0 || !form.kind || !form.education) return { ok: false, errors };
  const text = (value: string) => value.trim() || undefined;
  return {
    ok: true,
    input: {
      kind: form.kind,
      title,
      duties: text(form.duties),
      requirements: text(form.requirements),
      description: form.description.trim(),
      salaryMin,
      salaryMax,
      education: form.education,
      majors,
      headcount,
      district: form.district,
      address: text(form.address),
      deadline,
      contactPolicy: form.contactPolicy.trim() || '通过平台投递简历',
      tags,
      repost: form.repost,
      repostSource: form.repost ? text(form.repostSource) : undefined,
    },
  };
}

/** The server's reasons as field errors (several on one field are joined) for the form to show beside each field. */
export function errorsFromProblems(problems: readonly ApiProblem[]): JobFormErrors {
  const errors: JobFormErrors = {};
  for (const problem of problems) {
    const field = jobFieldOf(problem.field);
    if (field) errors[field] = errors[field] ? `${errors[field]}；${problem.message}` : problem.message;
  }
  return errors;
}

export function jobFieldOf(field: string | undefined): Exclude<keyof JobForm, 'repost'> | undefined {
  return field && field !== 'repost' && field in emptyJobForm() ? (field as Exclude<keyof JobForm, 'repost'>) : undefined;
}
