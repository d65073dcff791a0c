import { parseHighlight, plainSnippet } from '@/packages/policy/highlight';

describe('search snippet highlighting', () => {
  it('should split a snippet into plain and highlighted runs', () => {
    expect(parseHighlight('…申请【住房补贴】须在【大连】缴纳社保')).toEqual([
      { text: '…申请', hit: false },
      { text: '住房补贴', hit: true },
      { text: '须在', hit: false },
      { text: '大连', hit: true },
      { text: '缴纳社保', hit: false },
    ]);
  });

  it('should highlight a two-character match at the very start and end', () => {
    expect(parseHighlight('【学费】补偿与【见习】')).toEqual([
      { text: '学费', hit: true },
      { text: '补偿与', hit: false },
      { text: '见习', hit: true },
    ]);
  });

  it('should keep an unmatched bracket as text instead of losing words', () => {
    expect(parseHighlight('关于【通知')).toEqual([{ text: '关于【通知', hit: false }]);
    expect(parseHighlight('通知】发布')).toEqual([{ text: '通知】发布', hit: false }]);
    expect(parseHighlight('文件【一【创业】说明')).toEqual([
      { text: '文件【一', hit: false },
      { text: '创业', hit: true },
      { text: '说明', hit: false },
    ]);
  });

  it('should drop empty marks and merge neighbouring runs', () => {
    expect(parseHighlight('见【】习')).toEqual([{ text: '见习', hit: false }]);
    expect(parseHighlight('【创业】【担保】')).toEqual([{ text: '创业担保', hit: true }]);
    expect(parseHighlight('')).toEqual([]);
  });

  it('should give the text without marks', () => {
    expect(plainSnippet('申请【住房补贴】')).toBe('申请住房补贴');
  });
});
