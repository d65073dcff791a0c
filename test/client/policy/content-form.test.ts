import type { StaffContent } from '@contract/policy';
import {
  allowedTransitions,
  appendFormat,
  bodyToHtml,
  canEdit,
  checkForm,
  dayToIso,
  emptyForm,
  formFromContent,
  inputFromForm,
  splitWords,
  withUploaded,
  type ContentForm,
} from '@/packages/policy/pages/staff-edit/form';

function filled(overrides: Partial<ContentForm> = {}): ContentForm {
  return { ...emptyForm('policy'), title: '高校毕业生住房补贴', summary: '在连就业的毕业生可申请', issuer: '大连市人社局', ...overrides };
}

describe('the staff content editor form', () => {
  it('should refuse what the server would refuse, naming the same field', () => {
    expect(checkForm(filled({ title: '补' }))).toEqual({ field: 'title', message: '标题需 2–60 个字' });
    expect(checkForm(filled({ tagsText: '一 二 三 四 五 六 七 八 九' }))?.field).toBe('tags');
    expect(checkForm(filled({ effectiveFrom: '2026/07/01' }))?.field).toBe('effectiveFrom');
    expect(checkForm(filled({ effectiveFrom: '2026-07-01', expiresAt: '2026-07-01' }))?.field).toBe('expiresAt');
    expect(checkForm(filled({ graduationYearsText: '2026 26' }))?.field).toBe('audience.graduationYears');
    expect(checkForm(filled({ kind: 'institution', address: '' }))?.field).toBe('institution.address');
    expect(checkForm(filled({ kind: 'institution', address: '高新区软件园路 1 号', lat: '38.9' }))?.field).toBe('institution.location');
    expect(checkForm(filled({ kind: 'institution', address: '高新区软件园路 1 号', phone: '0411 8888' }))?.field).toBe('institution.phone');
    expect(checkForm(filled())).toBeUndefined();
  });

  it('should build the input the server expects: lists split, days at Dalian midnight, optional fields left out', () => {
    const input = inputFromForm(
      filled({
        action: 6,
        tagsText: '住房，补贴 住房',
        effectiveFrom: '2026-07-01',
        graduationYearsText: '2025、2026',
        degrees: ['bachelor', 'master'],
        inDalianCollege: 'no',
        majorKeywordsText: '计算机 软件',
      }),
    );
    expect(input).toMatchObject({
      kind: 'policy',
      title: '高校毕业生住房补贴',
      action: 6,
      tags: ['住房', '补贴'],
      effectiveFrom: '2026-06-30T16:00:00.000Z',
      audience: {
        graduationYears: [2025, 2026],
        degrees: ['bachelor', 'master'],
        inDalianCollege: false,
        doubleFirstClassOnly: false,
        hardshipOnly: false,
        districts: [],
        majorKeywords: ['计算机', '软件'],
      },
    });
    expect(input).not.toHaveProperty('expiresAt');
    expect(input).not.toHaveProperty('district');
    expect(input.audience).not.toHaveProperty('inProvinceOrigin');
    expect(input).not.toHaveProperty('institution');
  });

  it('should send an institution with its map point only when both coordinates are given', () => {
    const base = filled({ kind: 'institution', address: '高新区软件园路 1 号', institutionDistrict: '210211' });
    expect(inputFromForm({ ...base, lat: '38.86', lng: '121.52' }).institution).toEqual({
      type: 'training', address: '高新区软件园路 1 号', contact: '', phone: '', district: '210211', location: { lat: 38.86, lng: 121.52 },
    });
    expect(inputFromForm(base).institution).not.toHaveProperty('location');
  });

  it('should round-trip a saved entry through the form', () => {
    const saved: StaffContent = {
      id: 'c1', kind: 'policy', title: '见习补贴', summary: '见习单位可申请', issuer: '市人社局', tags: ['见习'], action: 9,
      effectiveFrom: '2026-06-30T16:00:00.000Z', body: '<p>正文</p>', attachments: [],
      audience: { graduationYears: [2026], degrees: [], doubleFirstClassOnly: false, hardshipOnly: true, districts: ['210211'], majorKeywords: [], inProvinceOrigin: true },
      status: 'draft', version: 3, updatedAt: '2026-06-01T00:00:00.000Z',
    };
    const input = inputFromForm(formFromContent(saved));
    expect(input).toMatchObject({ title: '见习补贴', action: 9, tags: ['见习'], body: '<p>正文</p>', audience: saved.audience });
    expect(dayToIso(formFromContent(saved).effectiveFrom)).toBe(saved.effectiveFrom);
  });

  it('should turn plain text into paragraphs and leave HTML as written', () => {
    expect(bodyToHtml('第一段\n第二行\n\n第二段 <3')).toBe('<p>第一段<br/>第二行</p><p>第二段 &lt;3</p>');
    expect(bodyToHtml('<p>已有<strong>格式</strong></p>')).toBe('<p>已有<strong>格式</strong></p>');
    expect(appendFormat('', 'heading')).toBe('<h3>小标题</h3>');
    expect(appendFormat('正文', 'bold')).toBe('<p>正文</p>\n<strong>加粗文字</strong>');
  });

  it('should offer exactly the workflow steps the server allows', () => {
    expect(allowedTransitions('draft')).toEqual(['submit', 'archive']);
    expect(allowedTransitions('review')).toEqual(['publish', 'archive']);
    expect(allowedTransitions('published')).toEqual(['unpublish']);
    expect(allowedTransitions('unpublished')).toEqual(['publish', 'archive']);
    expect(allowedTransitions('archived')).toEqual([]);
    expect([canEdit(undefined), canEdit('review'), canEdit('published'), canEdit('archived')]).toEqual([true, true, false, false]);
  });

  it('should split words on spaces and Chinese punctuation, without duplicates', () => {
    expect(splitWords(' 创业，贷款、 创业;担保 ')).toEqual(['创业', '贷款', '担保']);
  });

  it('should send uploaded files by id with their edited names and links by URL, refusing empty names', () => {
    const file = { name: ' 实施细则 ', url: '/api/contents/c1/attachments/0123456789abcdef', fileId: '0123456789abcdef', type: 'pdf' as const, size: 2048 };
    const link = { name: '通知原文', url: 'https://rsj.dl.gov.cn/a.html' };
    expect(inputFromForm(filled({ attachments: [file, link] })).attachments).toEqual([
      { name: '实施细则', fileId: '0123456789abcdef' },
      { name: '通知原文', url: 'https://rsj.dl.gov.cn/a.html' },
    ]);
    expect(checkForm(filled({ attachments: [link, { ...file, name: '  ' }] }))).toEqual({ field: 'attachments.1.name', message: '附件名称需 1–60 个字' });
    expect(checkForm(filled({ attachments: [{ ...file, name: '长'.repeat(61) }] }))?.field).toBe('attachments.0.name');
  });

  it('should add newly uploaded files to the editor without undoing unsaved renames and removals', () => {
    const a = { name: '改过的名字', url: '/api/x/a', fileId: 'aaaaaaaaaaaaaaaa' };
    const b = { name: 'b', url: '/api/x/b', fileId: 'bbbbbbbbbbbbbbbb' };
    const c = { name: 'c', url: '/api/x/c', fileId: 'cccccccccccccccc' };
    // b was removed in the form (not saved yet); c was just uploaded.
    expect(withUploaded([a], [{ ...a, name: '原名' }, b], [{ ...a, name: '原名' }, b, c])).toEqual([a, c]);
    // The same file sent again (a retried upload) adds nothing.
    expect(withUploaded([a, c], [a, c], [a, c])).toEqual([a, c]);
  });
});
