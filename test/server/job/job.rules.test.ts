import { encodeCursor, decodeCursor } from '../../../server/src/core/pagination';
import { contentProblemMessage, jobContentProblems } from '../../../server/src/contract/job-wording';
import {
  canMove,
  degreesUpTo,
  matchScore,
  queryKeysOf,
  searchKeysOf,
  statusesBefore,
} from '../../../server/src/modules/job/job.rules';

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

  it.each([
    ['gender', { title: '销售代表（仅限男性）' }, '仅限男性'],
    ['gender', { description: '要求未婚未育，能适应出差。岗位职责若干。' }, '未婚未育'],
    ['gender', { tags: ['男性优先'] }, '男性优先'],
    ['ethnicity', { description: '限汉族，工作地点在市区，负责客户接待。' }, '限汉族'],
    ['household', { description: '仅限大连户籍，负责社区服务工作。' }, '仅限大连户籍'],
    ['household', { description: '本地户口优先，负责社区服务工作。' }, '本地户口优先'],
    ['school-tier', { description: '只招985院校毕业生，负责算法研究。' }, '只招985院校'],
    ['school-tier', { description: '非211勿扰，负责算法研究与开发。' }, '非211勿扰'],
    ['school-tier', { description: '第一学历必须为985，负责算法研究。' }, '第一学历必须为985'],
    ['banned', { description: '入职先交押金500元，日结工资。' }, '先交押金'],
    ['banned', { title: '刷单兼职' }, '刷单'],
  ])('should reject %s wording and name the phrase', (kind, patch, phrase) => {
    const problems = jobContentProblems({ ...cleanJob, ...patch });
    expect(problems[0]).toMatchObject({ kind, phrase });
  });

  it('should see through spaces inserted to dodge the check', () => {
    expect(jobContentProblems({ ...cleanJob, title: '销售 仅 限 男 性' })[0]?.phrase).toBe('仅限男性');
  });

  it('should name the field and the phrase in the Chinese message', () => {
    const [problem] = jobContentProblems({ ...cleanJob, title: '司机（限男性）' });
    expect(problem.field).toBe('title');
    expect(contentProblemMessage(problem)).toBe('岗位信息含有性别限制“限男性”，请修改后再发布');
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
