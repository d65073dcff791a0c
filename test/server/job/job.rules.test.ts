import { encodeCursor, decodeCursor } from '../../../server/src/core/pagination';
import { contentProblemMessage, contentProblemsMessage, jobContentProblems, type ContentProblemKind } from '../../../server/src/contract/job-wording';
import {
  canMove,
  degreesUpTo,
  interviewToStore,
  matchScore,
  queryKeysOf,
  searchKeysOf,
  statusesBefore,
} from '../../../server/src/modules/job/job.rules';
import { interviewLines, interviewSentence, interviewTime, type InterviewInvitation } from '../../../server/src/contract/job';
import type { BizError } from '../../../server/src/core/errors';

const cleanJob = {
  title: 'Java 开发工程师',
  description: '参与后端开发，男女不限，欢迎985、211及各类院校毕业生投递。',
  contactPolicy: '通过平台投递简历',
  address: '高新区软件园',
  tags: ['五险一金'],
  majors: ['软件工程'],
};

describe('job publish check', () => {
  it('should pass a job that says 男女不限 and welcomes 985 graduates', () => {
    expect(jobContentProblems(cleanJob)).toEqual([]);
  });

  // Wording real postings use that must publish.
  it.each([
    '年龄不限，男女不限，学历不限，欢迎应届毕业生投递',
    '不限户籍，婚否不限，提供住宿',
    '本岗位不收取任何费用，提供免费培训，五险一金，带薪年假',
    '年满18周岁，身体健康，持有健康证',
    '年龄18周岁以上，能适应倒班',
    '公司承担培训费和体检费，入职即缴纳社保',
    '培训费用全免，培训期间发放生活补贴',
    '不收押金，免费提供工装',
    '可协助办理大连户籍落户，享受人才购房补贴',
    '先培训后上岗，培训期间带薪，从事个人贷款业务营销',
    '维护企业品牌形象，具有良好的沟通能力',
    '三年以上工作经验，薪资8-12k，每天工作8小时',
    '每天17:00后下班，周末双休',
    '残疾人优先，提供无障碍工位',
    '入职体检不查乙肝，欢迎各类求职者',
    '负责高新区客户维护，月薪5000-8000元',
    '欢迎985、211及各类院校毕业生',
  ])('should pass legitimate wording: %s', description => {
    expect(jobContentProblems({ ...cleanJob, description })).toEqual([]);
  });

  it.each([
    ['gender', { title: '销售代表（仅限男性）' }, '仅限男性'],
    ['gender', { tags: ['男性优先'] }, '男性优先'],
    ['age', { description: '28岁以下，本科及以上学历。' }, '28岁以下'],
    ['age', { description: '要求35周岁以下，有驾照。' }, '35周岁以下'],
    ['age', { description: '年龄在30岁以内，能出差。' }, '年龄在30岁以内'],
    ['age', { description: '年龄要求22-30岁，本科学历。' }, '年龄要求22-30岁'],
    ['age', { description: '招聘22-28岁客服专员。' }, '22-28岁'],
    ['age', { description: '限90后，团队氛围好。' }, '90后'],
    ['age', { tags: ['95后优先'] }, '95后'],
    ['age', { description: '三十五岁以下，吃苦耐劳。' }, '三十五岁以下'],
    ['age', { description: '40岁以上勿扰。' }, '40岁以上勿扰'],
    ['marital', { description: '要求未婚未育，能适应出差。岗位职责若干。' }, '未婚未育'],
    ['marital', { description: '未婚，能接受加班。' }, '未婚'],
    ['marital', { description: '已婚已育优先，工作稳定。' }, '已婚已育优先'],
    ['marital', { description: '女性需无生育计划。' }, '无生育计划'],
    ['marital', { description: '近两年不生育，待遇从优。' }, '近两年不生育'],
    ['household', { description: '仅限大连户籍，负责社区服务工作。' }, '仅限大连户籍'],
    ['household', { description: '本地户口优先，负责社区服务工作。' }, '本地户口优先'],
    ['household', { description: '限本地户口，负责社区网格工作。' }, '限本地户口'],
    ['household', { description: '需大连户籍，负责社区网格工作。' }, '需大连户籍'],
    ['household', { description: '外地人勿扰。' }, '外地人勿扰'],
    ['ethnicity', { description: '限汉族，工作地点在市区，负责客户接待。' }, '限汉族'],
    ['religion', { description: '有宗教信仰者不考虑，穆斯林勿扰。' }, '穆斯林勿扰'],
    ['appearance', { description: '形象好气质佳，负责前台接待。' }, '形象好气质佳'],
    ['appearance', { description: '女身高165cm以上，五官端正。' }, '身高165cm以上'],
    ['appearance', { description: '五官端正，普通话标准。' }, '五官端正'],
    ['health', { description: '乙肝携带者勿扰。' }, '乙肝'],
    ['health', { description: '身体健康，无传染病史。' }, '无传染病史'],
    ['health', { description: '肢体健全，能适应站立工作。' }, '肢体健全'],
    ['school-tier', { description: '只招985院校毕业生，负责算法研究。' }, '只招985院校'],
    ['school-tier', { description: '非211勿扰，负责算法研究与开发。' }, '非211勿扰'],
    ['school-tier', { description: '第一学历必须为985，负责算法研究。' }, '第一学历必须为985'],
    ['hype', { title: '高薪诚聘销售经理' }, '高薪'],
    ['hype', { description: '日结高薪，当天到账。' }, '日结高薪'],
    ['hype', { description: '参加培训保录取。' }, '保录取'],
    ['hype', { description: '考证包过，包就业。' }, '包过'],
    ['hype', { description: '理财顾问，稳赚不赔。' }, '稳赚'],
    ['hype', { description: '无需经验月入过万。' }, '无需经验月入过万'],
    ['fee', { description: '入职先交押金500元，日结工资。' }, '先交押金'],
    ['fee', { description: '需缴纳服装费200元。' }, '需缴纳服装费'],
    ['fee', { description: '上岗前收取培训费，培训合格后上岗。' }, '收取培训费'],
    ['fee', { description: '入职费300元，当天上岗。' }, '入职费'],
    ['fee', { description: '体检费自理，体检合格后入职。' }, '体检费自理'],
    ['fee', { description: '押金由员工承担，离职退还。' }, '押金'],
    ['training-loan', { description: '零基础先培训后上岗，培训费可分期。' }, '先培训后上岗'],
    ['training-loan', { description: '零基础先培训后上岗，培训费可分期。' }, '培训费可分期'],
    ['training-loan', { description: '面试通过后转培训，学费分期。' }, '转培训'],
    ['training-loan', { description: '可办理培训贷，就业后再还款。' }, '培训贷'],
    ['banned', { title: '刷单兼职' }, '刷单'],
  ] satisfies Array<[ContentProblemKind, Partial<typeof cleanJob>, string]>)('should reject %s wording and name the phrase', (kind, patch, phrase) => {
    const problems = jobContentProblems({ ...cleanJob, ...patch });
    expect(problems).toContainEqual(expect.objectContaining({ kind, phrase }));
  });

  it('should see through spaces, line breaks and full-width digits inserted to dodge the check', () => {
    expect(jobContentProblems({ ...cleanJob, title: '销售 仅 限 男 性' })[0]?.phrase).toBe('仅限男性');
    expect(jobContentProblems({ ...cleanJob, description: '年龄２８岁\u200b以下' })[0]?.phrase).toBe('年龄28岁以下');
    // A line break ends the clause: a later line's deposit is not excused by an earlier 不收取任何费用.
    expect(jobContentProblems({ ...cleanJob, description: '不收取任何费用\n入职交押金300元' })[0]?.phrase).toBe('交押金');
  });

  it('should name every offending phrase once, not a shorter phrase inside a named one', () => {
    const problems = jobContentProblems({ ...cleanJob, title: '高薪招聘前台', description: '28岁以下，未婚，限本地户口，日结高薪，28岁以下优先。' });
    expect(problems.map(p => [p.field, p.kind, p.phrase])).toEqual([
      ['title', 'hype', '高薪'],
      ['description', 'age', '28岁以下'],
      ['description', 'marital', '未婚'],
      ['description', 'household', '限本地户口'],
      ['description', 'hype', '日结高薪'],
    ]);
  });

  it('should name the field and the phrase in the Chinese message', () => {
    const [problem] = jobContentProblems({ ...cleanJob, title: '司机（限男性）' });
    expect(problem.field).toBe('title');
    expect(contentProblemMessage(problem)).toBe('岗位信息含有性别限制“限男性”，请修改后再发布');
    const all = jobContentProblems({ ...cleanJob, description: '28岁以下，乙肝勿扰，需交押金。' });
    expect(contentProblemsMessage(all)).toBe('岗位信息含有年龄限制“28岁以下”、健康状况限制“乙肝”、向求职者收费“需交押金”，请修改后再发布');
  });
});

describe('search keys', () => {
  const keys = searchKeysOf(['Java 开发工程师', '大连星海软件科技有限公司（示例）', '五险一金']);

  it('should index characters, bigrams and lower-cased Latin words', () => {
    expect(keys).toEqual(expect.arrayContaining(['java', '开', '开发', '工程', '星海', '软件', '五险']));
  });

  it('should turn a keyword into bigrams that all occur in a matching title', () => {
    const q = queryKeysOf('软件开发');
    expect(q).toEqual(['软件', '件开', '开发']);
    expect(q.every(k => searchKeysOf(['软件开发工程师']).includes(k))).toBe(true);
    expect(q.every(k => keys.includes(k))).toBe(false);
  });

  it('should keep a single character and a Latin word whole', () => {
    expect(queryKeysOf('岗')).toEqual(['岗']);
    expect(queryKeysOf('JAVA 开发')).toEqual(['java', '开发']);
  });

  it('should cap the number of keys and ignore punctuation', () => {
    expect(queryKeysOf('一二三四五六七八九十甲乙丙')).toHaveLength(8);
    expect(queryKeysOf('！？')).toEqual([]);
  });
});

describe('match score', () => {
  const job = {
    title: 'Java 开发工程师',
    majors: ['软件工程', '计算机科学与技术'],
    education: 'bachelor' as const,
    district: 'hitech' as const,
    tags: ['五险一金'],
  };

  it('should score 100 with every reason for a perfect fit', () => {
    expect(
      matchScore({ major: '软件工程', degree: 'master', intentionDistricts: ['hitech'], intentionText: '软件开发、Java' }, job),
    ).toEqual({ score: 100, reasons: ['专业对口', '符合求职意向', '学历符合', '意向区域'] });
  });

  it('should give nothing for degree when the job asks for more than the student has', () => {
    const result = matchScore({ major: '软件工程', degree: 'associate' }, job);
    expect(result).toEqual({ score: 40, reasons: ['专业对口'] });
  });

  it('should match a major that contains the job major', () => {
    expect(matchScore({ major: '软件工程（嵌入式方向）' }, job).reasons).toContain('专业对口');
  });

  it('should score an empty profile zero', () => {
    expect(matchScore({}, job)).toEqual({ score: 0, reasons: [] });
  });

  it('should list degrees up to the given one for the education filter', () => {
    expect(degreesUpTo('bachelor')).toEqual(['associate', 'bachelor']);
  });
});

describe('application status transitions', () => {
  it('should follow 已投递 → 已查看 → 面试 → 录用', () => {
    expect(canMove('submitted', 'viewed')).toBe(true);
    expect(canMove('viewed', 'interview')).toBe(true);
    expect(canMove('interview', 'hired')).toBe(true);
  });

  it('should refuse skipping steps and leaving a final status', () => {
    expect(canMove('submitted', 'hired')).toBe(false);
    expect(canMove('hired', 'rejected')).toBe(false);
    expect(canMove('rejected', 'viewed')).toBe(false);
  });

  it('should allow 不合适 from any open step', () => {
    expect(statusesBefore('rejected')).toEqual(['submitted', 'viewed', 'interview']);
  });
});

describe('feed cursors', () => {
  it('should round-trip a (score, id) cursor', () => {
    const cursor = encodeCursor([80, '0123456789abcdef01234567'], 'k');
    expect(decodeCursor(cursor, 'k', 2)).toEqual([80, '0123456789abcdef01234567']);
  });

  it('should refuse a cursor signed with another key or edited', () => {
    const cursor = encodeCursor([80, '0123456789abcdef01234567'], 'k');
    expect(() => decodeCursor(cursor, 'other', 2)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    const [body, sig] = cursor.split('.');
    const edited = `${Buffer.from(JSON.stringify([100, '0123456789abcdef01234567'])).toString('base64url')}.${sig}`;
    expect(body).not.toBe(edited.split('.')[0]);
    expect(() => decodeCursor(edited, 'k', 2)).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
  });
});

describe('interview invitations', () => {
  const now = new Date('2026-12-07T02:00:00.000Z');
  const input: InterviewInvitation = {
    startsAt: '2026-12-09T06:00:00.000Z',
    mode: 'onsite',
    location: ' 高新区软件园 9 号楼 302 ',
    contactName: ' 李老师 ',
    contactPhone: '0411-84751234',
    message: ' 请携带身份证 ',
  };
  const refusal = (over: Partial<InterviewInvitation> | undefined) => {
    try {
      interviewToStore(over === undefined ? undefined : { ...input, ...over }, now);
      return null;
    } catch (err) {
      return { code: (err as BizError).code, field: (err as BizError).field, message: (err as BizError).message };
    }
  };

  it('should store an invitation trimmed, its time an instant, stamped with when it was sent', () => {
    expect(interviewToStore(input, now)).toEqual({
      startsAt: new Date('2026-12-09T06:00:00.000Z'),
      mode: 'onsite',
      location: '高新区软件园 9 号楼 302',
      contactName: '李老师',
      contactPhone: '0411-84751234',
      message: '请携带身份证',
      at: now,
    });
    expect(interviewToStore({ ...input, message: '  ' }, now).message).toBeUndefined();
  });

  it('should refuse an invitation without one, in the past, without a place or link, a contact or a callable number', () => {
    expect(refusal(undefined)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'interview' });
    expect(refusal({ startsAt: now.toISOString() })).toMatchObject({ field: 'interview.startsAt', message: '面试时间须晚于现在' });
    expect(refusal({ startsAt: 'tomorrow' })).toMatchObject({ field: 'interview.startsAt' });
    expect(refusal({ mode: 'online', location: ' ' })).toMatchObject({ field: 'interview.location', message: '请填写线上面试的会议链接或会议号' });
    expect(refusal({ location: '' })).toMatchObject({ message: '请填写面试地点' });
    expect(refusal({ contactName: '' })).toMatchObject({ field: 'interview.contactName' });
    for (const phone of ['12345', '84751234', '2411-84751234', '139123456789']) expect(refusal({ contactPhone: phone })).toMatchObject({ field: 'interview.contactPhone' });
    for (const phone of ['13912345678', '0411-84751234', '041184751234', '0411-84751234-802']) expect(refusal({ contactPhone: phone })).toBeNull();
  });

  it('should read the invitation to the candidate in Beijing time, with the link named for an online interview', () => {
    expect(interviewLines({ ...input, mode: 'online', location: 'https://meeting.tencent.com/dm/abc', message: undefined })).toEqual([
      { label: '时间', value: '12月9日 14:00（北京时间）' },
      { label: '方式', value: '线上面试' },
      { label: '会议链接', value: 'https://meeting.tencent.com/dm/abc' },
      { label: '联系人', value: ' 李老师  0411-84751234' },
    ]);
    // 23:30 UTC is 7:30 the next morning in Dalian.
    expect(interviewTime({ startsAt: '2026-12-08T23:30:00.000Z' })).toBe('12月9日 07:30（北京时间）');
    expect(interviewSentence({ ...input, location: '软件园', contactName: '李老师', message: '请携带身份证' })).toBe(
      '时间：12月9日 14:00（北京时间）；方式：现场面试；地点：软件园；联系人：李老师 0411-84751234；说明：请携带身份证',
    );
  });
});
