import type { Applicant, RecruiterJob } from '@contract/job';
import { MOVE_LABELS, moveNeedsConfirm, movesFrom, stepsLine } from '@/packages/recruiter/pages/applicants/pipeline';
import { checkJobForm, deadlineIso, emptyJobForm, errorsFromProblems, formFromJob, jobFieldOf, splitList, type JobForm } from '@/packages/recruiter/pages/job-edit/form';
import { isEditable } from '@/packages/recruiter/status';

const NOW = new Date('2026-05-10T04:00:00Z'); // 12:00 in Beijing

const filled = (patch: Partial<JobForm> = {}): JobForm => ({
  ...emptyJobForm(NOW),
  kind: 'traineeship',
  title: ' 行政助理见习岗 ',
  description: '见习期六个月，享受见习补贴，有导师带教。',
  salaryMin: '3000',
  salaryMax: '3500',
  education: 'associate',
  majors: '行政管理，文秘 行政管理',
  headcount: '3',
  district: '210202',
  address: '中山区人民路',
  deadline: '2026-06-30',
  tags: '见习补贴、双休',
  ...patch,
});

describe('the job form', () => {
  it('should default to a deadline 30 days out and a headcount of one', () => {
    expect(emptyJobForm(NOW)).toMatchObject({ deadline: '2026-06-09', headcount: '1', contactPolicy: '通过平台投递简历' });
  });

  it('should build the job input: numbers parsed, lists split and de-duplicated, deadline at the end of the day', () => {
    const checked = checkJobForm(filled(), NOW);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.input).toMatchObject({
      kind: 'traineeship',
      title: '行政助理见习岗',
      salaryMin: 3000,
      salaryMax: 3500,
      headcount: 3,
      majors: ['行政管理', '文秘'],
      tags: ['见习补贴', '双休'],
      contactPolicy: '通过平台投递简历',
    });
    expect(checked.input.deadline).toBe('2026-06-30T15:59:59.000Z'); // 23:59:59 Beijing on any phone
  });

  it('should leave the pay rules to the server and refuse a past deadline and an impossible date', () => {
    const upside = checkJobForm(filled({ salaryMin: '5000', salaryMax: '4000' }), NOW);
    expect(upside.ok && [upside.input.salaryMin, upside.input.salaryMax]).toEqual([5000, 4000]);
    const past = checkJobForm(filled({ deadline: '2026-05-01' }), NOW);
    expect(past.ok ? {} : past.errors).toEqual({ deadline: '截止日期须晚于今天' });
    expect(deadlineIso('2026-02-30')).toBeUndefined();
    expect(deadlineIso('30/06/2026')).toBeUndefined();
  });

  it('should accept 0–0 as 薪资面议 and refuse decimals and text', () => {
    expect(checkJobForm(filled({ salaryMin: '0', salaryMax: '0' }), NOW).ok).toBe(true);
    const bad = checkJobForm(filled({ salaryMin: '3000.5', headcount: '三' }), NOW);
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['headcount', 'salaryMin']);
  });

  it('should stop only on the pickers and the title, sending empty posting fields as missing for the server to name', () => {
    const checked = checkJobForm({ ...emptyJobForm(NOW), deadline: '' }, NOW);
    expect(checked.ok ? [] : Object.keys(checked.errors).sort()).toEqual(['education', 'kind', 'title']);
    const draft = checkJobForm(filled({ duties: ' ', salaryMin: '', salaryMax: '', address: '' }), NOW);
    expect(draft.ok && draft.input).toMatchObject({ duties: undefined, salaryMin: undefined, salaryMax: undefined, address: undefined });
  });

  it('should put each of the server\'s reasons beside its field, several on one field joined', () => {
    expect(
      errorsFromProblems([
        { code: 'JOB_FIELD_MISSING', field: 'salaryMin', message: '请填写月薪下限' },
        { code: 'JOB_CONTENT_REJECTED', field: 'title', message: '岗位信息含有夸大宣传“高薪”，请修改后再发布' },
        { code: 'JOB_CONTENT_REJECTED', field: 'title', message: '岗位信息含有夸大宣传“包过”，请修改后再发布' },
        { code: 'JOB_FIELD_MISSING', field: 'unknown', message: '不在表单上' },
      ]),
    ).toEqual({
      salaryMin: '请填写月薪下限',
      title: '岗位信息含有夸大宣传“高薪”，请修改后再发布；岗位信息含有夸大宣传“包过”，请修改后再发布',
    });
  });

  it('should refuse too many tags or majors', () => {
    const checked = checkJobForm(filled({ tags: 'a b c d e f g h i', majors: Array.from({ length: 11 }, (_, i) => `专业${i}`).join(',') }), NOW);
    expect(checked.ok ? [] : Object.keys(checked.errors).sort()).toEqual(['majors', 'tags']);
  });

  it('should round-trip a saved job into the form', () => {
    const job = {
      kind: 'fulltime',
      title: '软件开发工程师',
      description: '五险一金。',
      duties: '负责后端开发。',
      requirements: '计算机相关专业本科。',
      salaryMin: 8000,
      salaryMax: 12000,
      education: 'bachelor',
      majors: ['软件工程', '计算机'],
      headcount: 2,
      district: 'hitech',
      address: '软件园',
      deadline: '2026-07-01T15:59:59.000Z',
      contactPolicy: '通过平台投递简历',
      tags: ['五险一金'],
    } as RecruiterJob;
    const form = formFromJob(job);
    expect(form).toMatchObject({ salaryMin: '8000', majors: '软件工程，计算机', deadline: '2026-07-01' });
    const again = checkJobForm(form, NOW);
    expect(again.ok && again.input.majors).toEqual(['软件工程', '计算机']);
  });

  it('should map server fields to controls and split lists on Chinese and Latin separators', () => {
    expect(jobFieldOf('description')).toBe('description');
    expect(jobFieldOf('enterpriseId')).toBeUndefined();
    expect(splitList(' a，b、c;d；e  f ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('should let recruiters edit only jobs staff have not taken down or frozen', () => {
    expect(isEditable('published')).toBe(true);
    expect(isEditable('closed')).toBe(true);
    expect(isEditable('taken-down')).toBe(false);
    expect(isEditable('frozen')).toBe(false);
  });
});

describe('the applicant pipeline', () => {
  it('should offer only the next steps of 已投递 → 已查看 → 面试 → 录用 / 不合适', () => {
    expect(movesFrom('submitted')).toEqual(['viewed', 'rejected']);
    expect(movesFrom('viewed')).toEqual(['interview', 'rejected']);
    expect(movesFrom('interview')).toEqual(['hired', 'rejected']);
    expect(movesFrom('hired')).toEqual([]);
    expect(movesFrom('rejected')).toEqual([]);
    expect(MOVE_LABELS.interview).toBe('邀请面试');
  });

  it('should ask before a move that ends the pipeline', () => {
    expect(moveNeedsConfirm('hired')).toBe(true);
    expect(moveNeedsConfirm('rejected')).toBe(true);
    expect(moveNeedsConfirm('interview')).toBe(false);
  });

  it('should write the steps as one line with dates and notes', () => {
    const steps: Applicant['steps'] = [
      { status: 'submitted', at: new Date(2026, 4, 10, 9).toISOString() },
      { status: 'viewed', at: new Date(2026, 4, 11, 9).toISOString() },
      { status: 'interview', note: '周三上午10点', at: new Date(2026, 4, 12, 9).toISOString() },
    ];
    expect(stepsLine({ steps })).toBe('已投递 05-10 → 已查看 05-11 → 面试 05-12（周三上午10点）');
  });
});
