import type { Audience } from '../../../server/src/contract/policy';
import {
  attachmentDisplayName,
  attachmentFileName,
  audienceFit,
  forMeScore,
  highlight,
  isTargeted,
  plainText,
  queryKeys,
  relevance,
  sanitizeBody,
  searchKeys,
  sniffAttachment,
  TRANSITIONS,
  zipEntryNames,
  type AudienceSubject,
  type SearchableText,
} from '../../../server/src/modules/content/content.rules';
import { officeSamples, zipOf } from './office-samples';

const anyone: Audience = {
  graduationYears: [], degrees: [], doubleFirstClassOnly: false, hardshipOnly: false, districts: [], majorKeywords: [],
};

describe('sanitizeBody', () => {
  it('should keep the whitelisted subset', () => {
    expect(sanitizeBody('<p>一、<strong>补贴标准</strong></p><ul><li>每月 1000 元</li></ul>'))
      .toBe('<p>一、<strong>补贴标准</strong></p><ul><li>每月 1000 元</li></ul>');
  });

  it('should drop script tags with their content', () => {
    const out = sanitizeBody('<p>正文</p><script>alert(1)</script><style>p{}</style>');
    expect(out).toBe('<p>正文</p>');
  });

  it('should strip event handlers and unknown attributes', () => {
    const out = sanitizeBody('<p onclick="steal()" style="color:red">文字</p><img src=x onerror="alert(1)">');
    expect(out).not.toMatch(/onclick|onerror|style|<img/);
    expect(out).toContain('<p>文字</p>');
  });

  it('should drop javascript: links but keep https ones', () => {
    expect(sanitizeBody('<a href="javascript:alert(1)">点</a>')).not.toContain('javascript');
    expect(sanitizeBody('<a href="https://rsj.dl.gov.cn/" onmouseover="x()">人社局</a>'))
      .toBe('<a href="https://rsj.dl.gov.cn/">人社局</a>');
  });

  it('should give plain text for indexing', () => {
    expect(plainText('<p>住房&amp;补贴</p><p>学费</p>')).toBe('住房&补贴 学费');
  });
});

describe('workflow transitions', () => {
  it('should only publish from review or unpublished', () => {
    expect(TRANSITIONS.publish.from).toEqual(['review', 'unpublished']);
    expect(TRANSITIONS.archive.from).not.toContain('published');
    expect(TRANSITIONS.unpublish).toEqual({ from: ['published'], to: 'unpublished' });
  });
});

describe('search keys', () => {
  it('should index CJK unigrams and bigrams and latin words', () => {
    const keys = searchKeys('住房补贴 APP2025');
    expect(keys).toEqual(expect.arrayContaining(['住', '房', '补', '贴', '住房', '房补', '补贴', 'app2025']));
    expect(keys).not.toContain('住房补');
  });

  it('should not pair characters across punctuation', () => {
    expect(searchKeys('见习，补贴')).not.toContain('习补');
  });

  it('should turn a query into bigrams, a single character into a unigram', () => {
    expect(queryKeys('创业担保贷款')).toEqual(['创业', '业担', '担保', '保贷', '贷款']);
    expect(queryKeys('学费')).toEqual(['学费']);
    expect(queryKeys('见')).toEqual(['见']);
    expect(queryKeys('  !!  ')).toEqual([]);
    expect(queryKeys('Python 开发')).toEqual(['python', '开发']);
  });

  it('should make every query key a stored key of a text that contains the query', () => {
    const stored = new Set(searchKeys('高校毕业生创业担保贷款及贴息政策'));
    for (const k of queryKeys('创业担保贷款')) expect(stored.has(k)).toBe(true);
  });
});

describe('relevance', () => {
  const entry = (title: string, summary = '', body = '', tags: string[] = []): SearchableText => ({ title, summary, body, tags });

  it('should rank a title hit above a summary hit above a body hit', () => {
    const inTitle = entry('高校毕业生住房补贴', '来连就业的毕业生可申请');
    const inSummary = entry('人才安居政策', '包括住房补贴和购房补贴');
    const inBody = entry('人才政策汇编', '各项政策', '<p>第三条 住房补贴按月发放</p>');
    const q = '住房补贴';
    const scores = [inTitle, inSummary, inBody].map(d => relevance(d, q));
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(scores[2]).toBeGreaterThan(0);
  });

  it('should give 0 when the bigrams occur only scattered, not as the phrase', () => {
    expect(relevance(entry('住房保障与创业补贴'), '住房补贴')).toBe(0);
    expect(relevance(entry('学生就业', '费用说明'), '学费')).toBe(0);
  });

  it('should rank more occurrences higher within the same field', () => {
    const once = entry('政策', '见习补贴');
    const twice = entry('政策', '见习补贴，见习期间');
    expect(relevance(twice, '见习')).toBeGreaterThan(relevance(once, '见习'));
  });

  it('should weigh an exact title highest', () => {
    expect(relevance(entry('学费'), '学费')).toBeGreaterThan(relevance(entry('学费补偿代偿'), '学费'));
  });
});

describe('highlight', () => {
  it('should wrap every hit in 【】', () => {
    expect(highlight('申请见习补贴，见习期满', '见习')).toBe('申请【见习】补贴，【见习】期满');
  });

  it('should cut around the first hit with ellipses', () => {
    const text = `${'甲'.repeat(50)}创业担保贷款${'乙'.repeat(100)}`;
    const out = highlight(text, '创业担保贷款', 40);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('【创业担保贷款】');
  });

  it('should match latin words case-insensitively and keep the original case', () => {
    expect(highlight('Python 培训', 'python')).toBe('【Python】 培训');
  });
});

describe('audienceFit', () => {
  const student: AudienceSubject = {
    graduationYear: 2026, degree: 'master', collegeId: 'dlut', doubleFirstClass: true,
    originProvince: '吉林省', major: '软件工程', intentionDistricts: ['210204'],
  };

  it('should match everyone on an empty audience with specificity 0', () => {
    expect(audienceFit(anyone, student)).toEqual({ matches: true, specificity: 0 });
    expect(audienceFit(anyone, {})).toEqual({ matches: true, specificity: 0 });
    expect(isTargeted(anyone)).toBe(false);
  });

  it('should count each condition the student meets', () => {
    const a: Audience = { ...anyone, graduationYears: [2025, 2026], degrees: ['master', 'doctor'], doubleFirstClassOnly: true };
    expect(audienceFit(a, student)).toEqual({ matches: true, specificity: 3 });
    expect(isTargeted(a)).toBe(true);
  });

  it('should fail on any unmet condition', () => {
    expect(audienceFit({ ...anyone, graduationYears: [2024] }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, degrees: ['bachelor'] }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, inDalianCollege: false }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, inProvinceOrigin: true }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, hardshipOnly: true }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, districts: ['210202'] }, student).matches).toBe(false);
    expect(audienceFit({ ...anyone, majorKeywords: ['医学'] }, student).matches).toBe(false);
  });

  it('should match tri-state and keyword conditions', () => {
    expect(audienceFit({ ...anyone, inDalianCollege: true }, student).matches).toBe(true);
    expect(audienceFit({ ...anyone, inProvinceOrigin: false }, student).matches).toBe(true);
    expect(audienceFit({ ...anyone, inProvinceOrigin: true }, { ...student, originProvince: '辽宁省' }).matches).toBe(true);
    expect(audienceFit({ ...anyone, majorKeywords: ['软件', '计算机'] }, student).matches).toBe(true);
    expect(audienceFit({ ...anyone, districts: ['210204', '210202'] }, student).matches).toBe(true);
    expect(audienceFit({ ...anyone, hardshipOnly: true }, { ...student, hardship: true }).matches).toBe(true);
  });

  it('should fail conditions on facts the profile does not have', () => {
    expect(audienceFit({ ...anyone, graduationYears: [2026] }, {}).matches).toBe(false);
    expect(audienceFit({ ...anyone, inDalianCollege: false }, {}).matches).toBe(true);
    expect(audienceFit({ ...anyone, inProvinceOrigin: false }, {}).matches).toBe(false);
  });
});

describe('forMeScore', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it('should prefer a better fit published at the same time', () => {
    expect(forMeScore({ matches: true, specificity: 3 }, daysAgo(1), now))
      .toBeGreaterThan(forMeScore({ matches: true, specificity: 0 }, daysAgo(1), now));
  });

  it('should prefer fresher entries of the same fit and halve every 30 days', () => {
    const fresh = forMeScore({ matches: true, specificity: 0 }, daysAgo(0), now);
    const month = forMeScore({ matches: true, specificity: 0 }, daysAgo(30), now);
    expect(fresh).toBeCloseTo(1);
    expect(month).toBeCloseTo(0.5);
  });

  it('should let a targeted old policy beat a generic fresh one only by enough fit', () => {
    const genericFresh = forMeScore({ matches: true, specificity: 0 }, daysAgo(0), now);
    expect(forMeScore({ matches: true, specificity: 3 }, daysAgo(45), now)).toBeGreaterThan(genericFresh);
    expect(forMeScore({ matches: true, specificity: 1 }, daysAgo(60), now)).toBeLessThan(genericFresh);
  });
});

describe('attachments recognised by content', () => {
  it('should recognise PDF, PNG and JPEG by their signatures', () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n…'))).toBe('pdf');
    expect(sniffAttachment(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('png');
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
  });

  it('should tell .doc from .xls by the stream an OLE2 file holds, and refuse other OLE2 files', () => {
    expect(sniffAttachment(officeSamples.doc)).toBe('doc');
    expect(sniffAttachment(officeSamples.xls)).toBe('xls');
    expect(sniffAttachment(officeSamples.otherOle2)).toBe('unknown');
  });

  it('should take a zip as .docx or .xlsx only when its directory has the OOXML parts', () => {
    const types = '<Types/>';
    expect(sniffAttachment(officeSamples.docx)).toBe('docx');
    expect(sniffAttachment(zipOf({ '[Content_Types].xml': types, 'xl/workbook.xml': '<workbook/>' }))).toBe('xlsx');
    expect(sniffAttachment(zipOf({ 'word/document.xml': '<w:document/>' }))).toBe('unknown');
    expect(sniffAttachment(zipOf({ '[Content_Types].xml': types, 'ppt/presentation.xml': '<p/>' }))).toBe('unknown');
    expect(sniffAttachment(zipOf({ 'evil.exe': 'MZ' }))).toBe('unknown');
    // A zip cut short: the directory cannot be read.
    expect(sniffAttachment(officeSamples.docx.subarray(0, 60))).toBe('unknown');
  });

  it('should list a zip\'s entries from its central directory', () => {
    expect(zipEntryNames(zipOf({ 'a.txt': 'a', '目录/b.xml': 'b' }))).toEqual(['a.txt', '目录/b.xml']);
    expect(zipEntryNames(Buffer.from('not a zip at all, just some bytes here'))).toEqual([]);
  });

  it('should refuse executables and anything unrecognised', () => {
    expect(sniffAttachment(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).toBe('executable');
    expect(sniffAttachment(Buffer.from('#!/bin/sh\nrm -rf /'))).toBe('executable');
    expect(sniffAttachment(Buffer.from('<html></html>'))).toBe('unknown');
  });

  it('should name files for download with their type\'s extension and display names without it', () => {
    expect(attachmentFileName('实施细则', 'pdf')).toBe('实施细则.pdf');
    expect(attachmentFileName('名单.xlsx', 'xlsx')).toBe('名单.xlsx');
    expect(attachmentFileName('照片', 'jpeg')).toBe('照片.jpg');
    expect(attachmentFileName('a/b"c', 'doc')).toBe('a_b_c.doc');
    expect(attachmentDisplayName('C:\\temp\\申请表.docx')).toBe('申请表');
    expect(attachmentDisplayName(undefined)).toBe('附件');
    expect(attachmentDisplayName('x'.repeat(80) + '.pdf')).toHaveLength(60);
  });
});
