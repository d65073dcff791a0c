import { attachmentHref, attachmentLabel } from '@/packages/policy/attachments';

describe('attachments on the detail page', () => {
  it('should label uploaded files by kind and size and links as links', () => {
    expect(attachmentLabel({ name: '细则', url: '/api/contents/c/attachments/f', fileId: 'f', type: 'pdf', size: 1_500_000 })).toBe('PDF · 1.4 MB');
    expect(attachmentLabel({ name: '名单', url: '/api/contents/c/attachments/f', fileId: 'f', type: 'xlsx', size: 300 })).toBe('Excel · 1 KB');
    expect(attachmentLabel({ name: '流程', url: '/api/contents/c/attachments/f', fileId: 'f', type: 'jpeg', size: 40_960 })).toBe('图片 · 40 KB');
    expect(attachmentLabel({ name: '原文', url: 'https://rsj.dl.gov.cn/a.html' })).toBe('链接');
  });

  it('should open uploaded files through the API base and links as given', () => {
    expect(attachmentHref({ name: '细则', url: '/api/contents/c1/attachments/f1', fileId: 'f1', type: 'pdf' })).toMatch(/\/contents\/c1\/attachments\/f1$/);
    expect(attachmentHref({ name: '细则', url: '/api/contents/c1/attachments/f1', fileId: 'f1', type: 'pdf' })).not.toContain('/api/api/');
    expect(attachmentHref({ name: '原文', url: 'https://rsj.dl.gov.cn/a.html' })).toBe('https://rsj.dl.gov.cn/a.html');
  });
});
